"""The charter over HTTP: the version in force in each language, read by anyone. Not paginated:
one row per language of the site at most."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Query, Router
from pydantic import BaseModel

from remix.api.common import READ, refused
from remix.charter import selectors
from remix.charter.models import LANGUAGE_CODES, CharterVersion

router = Router(tags=["charter"])


class ArticleOut(BaseModel):
    anchor: str
    title: str
    url: str


class CharterOut(BaseModel):
    language: str
    number: int
    body: str
    summary: str
    author: str
    published_at: datetime.datetime
    url: str
    history_url: str
    articles: list[ArticleOut]


def _charter_out(request, version: CharterVersion) -> CharterOut:
    # The addresses in the version's own language, as a reader of that language finds them.
    with override(version.language):
        url = request.build_absolute_uri(version.get_absolute_url())
        history = request.build_absolute_uri(reverse("charter:history", args=[version.language]))
    return CharterOut(
        language=version.language,
        number=version.number,
        body=version.body,
        summary=version.summary,
        author=version.author_name,
        published_at=version.created_at,
        url=url,
        history_url=history,
        articles=[
            ArticleOut(anchor=article.anchor, title=article.title, url=f"{url}#{article.anchor}")
            for article in selectors.charter_articles(version)
        ],
    )


@router.get(
    "/charter",
    response=list[CharterOut],
    auth=READ,
    url_name="charter",
    summary="The charter: the version in force in each language",
    description=(
        "One row per language that has a charter: its latest version (versions never change; "
        "an edit is a new version). `body` is Markdown; `articles` are its headings, which "
        "moderation decisions cite by `anchor`. `language` keeps one language."
    ),
)
def charter(request, language: str = Query("", description="fr, en or es: that language only")):
    if language and language not in LANGUAGE_CODES:
        raise refused("language", _("Unknown language."))
    versions = selectors.charter_current_all()
    return [
        _charter_out(request, version)
        for version in versions
        if not language or version.language == language
    ]

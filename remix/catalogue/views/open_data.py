"""Open metadata: each page's JSON-LD twin, Atom feeds of new documents, the catalogue's export.

Only visible documents and commons appear, whoever asks: a hidden one is 404 here too.
"""

import csv
import datetime
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from remix.allies.models import Theme
from remix.catalogue import jsonld
from remix.catalogue.models import Document
from remix.catalogue.selectors.commons import commons_public, commons_with_links
from remix.catalogue.selectors.documents import (
    DocumentFilters,
    document_twin,
    documents_latest,
    documents_of_commons,
)
from remix.catalogue.selectors.exports import commons_records, document_records
from remix.catalogue.selectors.themes import theme_resolve

LD_JSON = "application/ld+json"
FEED_SIZE = 50
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
# A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _ld_response(data: dict) -> JsonResponse:
    return JsonResponse(
        data,
        content_type=LD_JSON,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


# --- JSON-LD twins -------------------------------------------------------------------------------


def document_jsonld(request, slug: str):
    try:
        document = document_twin(slug)
    except Document.DoesNotExist:
        raise Http404 from None
    return _ld_response(jsonld.document_jsonld(document, absolute=request.build_absolute_uri))


def commons_jsonld(request, slug: str):
    commons = commons_with_links(commons_public()).filter(slug=slug).first()
    if commons is None:
        raise Http404
    documents = documents_of_commons(commons)[:100]
    return _ld_response(
        jsonld.commons_jsonld(commons, absolute=request.build_absolute_uri, documents=documents)
    )


# --- Atom feeds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedScope:
    language: str = ""
    theme: Theme | None = None


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class DocumentFeed(Feed):
    """The latest visible documents; `?lang=fr` keeps one language, `?theme=code` one theme."""

    feed_type = Atom1Feed
    author_name = "Remix"

    def get_object(self, request, *args, **kwargs) -> FeedScope:
        language = (request.GET.get("lang") or "").strip().lower()
        if language and not LANGUAGE_CODE.match(language):
            raise Http404
        code = (request.GET.get("theme") or "").strip()
        theme = theme_resolve(code) if code else None
        if code and theme is None:
            raise Http404
        return FeedScope(language=language, theme=theme)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.language or get_language()
        return feed

    def title(self, obj: FeedScope) -> str:
        if obj.language and obj.theme:
            return _("Remix catalogue: new documents in %(language)s on %(theme)s") % {
                "language": _language_name(obj.language),
                "theme": obj.theme.label,
            }
        if obj.language:
            return _("Remix catalogue: new documents in %(language)s") % {
                "language": _language_name(obj.language)
            }
        if obj.theme:
            return _("Remix catalogue: new documents on %(theme)s") % {"theme": obj.theme.label}
        return _("Remix catalogue: new documents")

    def subtitle(self, obj: FeedScope) -> str:
        return _("Documents about the commons, in several languages, under free licences.")

    def link(self, obj: FeedScope) -> str:
        if obj.theme is not None and not obj.language:
            return reverse("catalogue:theme", kwargs={"code": obj.theme.code})
        query = {"language": obj.language, "theme": obj.theme.code if obj.theme else ""}
        query = urlencode({key: value for key, value in query.items() if value})
        return reverse("catalogue:home") + (f"?{query}" if query else "")

    def feed_url(self, obj: FeedScope) -> str:
        query = {"lang": obj.language, "theme": obj.theme.code if obj.theme else ""}
        query = urlencode({key: value for key, value in query.items() if value})
        return reverse("catalogue:feed") + (f"?{query}" if query else "")

    def items(self, obj: FeedScope):
        filters = DocumentFilters(language=obj.language, theme=obj.theme.code if obj.theme else "")
        return documents_latest(filters, limit=FEED_SIZE)

    def item_title(self, item: Document) -> str:
        return item.title

    def item_description(self, item: Document) -> str | None:
        # Atom's summary is written with type="html": the plain summary is escaped once more.
        return escape(item.summary) if item.summary else None

    def item_link(self, item: Document) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Document) -> str | None:
        return ", ".join(actor.name for actor in item.authors.all()) or None

    def item_pubdate(self, item: Document) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Document) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: Document) -> list[str]:
        return [theme.label for theme in item.themes.all()]


# --- the catalogue-wide export -------------------------------------------------------------------

DOCUMENT_COLUMNS = [
    "id",
    "slug",
    "kind",
    "title",
    "language",
    "translation_of",
    "licence",
    "date",
    "country",
    "authors",
    "themes",
    "commons",
    "sources",
    "url",
]
# Lists in one CSV cell: authors' names may hold commas, never this.
LIST_SEPARATOR = " | "


def _page_address(request, name: str):
    """slug → the page's full address, with one `reverse` for the whole export."""
    prefix, suffix = request.build_absolute_uri(reverse(name, kwargs={"slug": "x"})).rsplit("x", 1)
    return lambda slug: f"{prefix}{slug}{suffix}"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_chunks(request) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    # A byte-order mark: spreadsheets then read UTF-8 (accents) rather than the system's encoding.
    out.write("\ufeff")
    writer.writerow(DOCUMENT_COLUMNS)
    for records in document_records(address=_page_address(request, "catalogue:document")):
        writer.writerows(
            [_cell(record[column]) for column in DOCUMENT_COLUMNS] for record in records
        )
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _json_chunks(request) -> Iterator[str]:
    def dumps(record):
        return json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False)

    yield '{"generated_at": ' + dumps(timezone.now()) + ', "documents": ['
    separator = "\n"
    for records in document_records(address=_page_address(request, "catalogue:document")):
        yield separator + ",\n".join(dumps(record) for record in records)
        separator = ",\n"
    yield '\n], "commons": ['
    separator = "\n"
    for record in commons_records(address=_page_address(request, "catalogue:commons")):
        yield separator + dumps(record)
        separator = ",\n"
    yield "\n]}\n"


def _in_language(language: str, chunks: Iterator[str]) -> Iterator[str]:
    """The addresses in the language asked: the chunks are made after the view has returned."""
    with translation.override(language):
        yield from chunks


EXPORTS = {
    "csv": (_csv_chunks, "text/csv; charset=utf-8"),
    "json": (_json_chunks, "application/json; charset=utf-8"),
}


def export(request, fmt: str):
    """Every visible document, streamed (a large catalogue never sits in memory at once)."""
    if fmt not in EXPORTS:
        raise Http404
    chunks, content_type = EXPORTS[fmt]
    response = StreamingHttpResponse(
        _in_language(get_language(), chunks(request)), content_type=content_type
    )
    filename = f"remix-catalogue-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("documents/<slug:slug>.jsonld", document_jsonld, name="document_jsonld"),
    path("commons/<slug:slug>.jsonld", commons_jsonld, name="commons_jsonld"),
    path("feed.atom", DocumentFeed(), name="feed"),
    path("export.<str:fmt>", export, name="export"),
]

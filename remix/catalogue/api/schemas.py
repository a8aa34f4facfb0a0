"""The catalogue's API schemas: what each answer shows and what each write may give.

Links travel by slug or code: actors and commons by slug, themes by code, documents by slug. An
actor appears by its public fields only (id, slug, name, kind, address).
"""

import datetime
import html
import re

from django.urls import reverse
from django.utils.translation import get_language
from ninja import Field, Schema
from pydantic import BaseModel

from remix.allies.models import Actor, ActorKind, Theme
from remix.api.common import FiniteNumber
from remix.catalogue.licences import LICENCES
from remix.catalogue.models import Document, DocumentKind, SearchKind
from remix.core.i18ntext import text_for

# --- links by slug or code -----------------------------------------------------------------------
# What a list shows of each document is written once per page from plain rows
# (``selectors.linked``), so these answers are plain pydantic models: ninja's Schema reads every
# field of every nested object through a Python getter, which costs more than the page's queries.


class PageLinks:
    """The absolute addresses of pages, for one request: each page's address is reversed once
    per request, then filled in (a list names hundreds of pages, and a slug is already URL-safe);
    the reader's language is read once too."""

    def __init__(self, request):
        self.request = request
        self.language = get_language()
        self._templates: dict[str, str] = {}

    @classmethod
    def of(cls, request) -> "PageLinks":
        """The request's own, made at its first use."""
        links = request.__dict__.get("_remix_page_links")
        if links is None or links.language != get_language():
            links = request.__dict__["_remix_page_links"] = cls(request)
        return links

    def page(self, name: str, slug: str) -> str:
        template = self._templates.get(name)
        if template is None:
            path = reverse(name, kwargs={"slug": "__slug__"})
            template = self._templates[name] = self.request.build_absolute_uri(path)
        return template.replace("__slug__", slug)

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)


def _page_url(context, name: str, slug: str) -> str:
    return PageLinks.of(context["request"]).page(name, slug)


class ActorRef(BaseModel):
    id: int
    slug: str
    name: str
    kind: ActorKind
    url: str


def _actor_ref(actor: Actor, context) -> dict:
    return actor_ref(
        (actor.pk, actor.slug, actor.name, actor.kind), PageLinks.of(context["request"])
    )


def actor_ref(actor: tuple, links: PageLinks) -> dict:
    """An actor's row (id, slug, name, kind) as a link."""
    pk, slug, name, kind = actor
    return {
        "id": pk,
        "slug": slug,
        "name": name,
        "kind": kind,
        "url": links.page("allies:actor", slug),
    }


class ThemeRef(BaseModel):
    code: str
    label: str = Field(description="In the reader's language (Accept-Language).")
    wikidata_id: str | None


def _theme_ref(theme: Theme) -> dict:
    return theme_ref((theme.code, theme.labels, theme.wikidata_id), get_language())


def theme_ref(theme: tuple, language: str) -> dict:
    """A theme's row (code, labels, Wikidata id) as a link, labelled as ``Theme.label``."""
    code, labels, wikidata_id = theme
    return {
        "code": code,
        "label": text_for(labels, language) or code,
        "wikidata_id": wikidata_id or None,
    }


class CommonsRef(BaseModel):
    id: int
    slug: str
    name: str
    url: str


def commons_ref(commons: tuple, links: PageLinks) -> dict:
    """A commons' row (id, slug, names) as a link, named as ``Commons.label``."""
    pk, slug, names = commons
    return {
        "id": pk,
        "slug": slug,
        "name": text_for(names, links.language) or slug,
        "url": links.page("catalogue:commons", slug),
    }


class DocumentRef(BaseModel):
    id: int
    slug: str
    title: str
    language: str
    url: str


def document_ref(document: tuple, links: PageLinks) -> dict:
    """A document's row (id, slug, title, language) as a link."""
    pk, slug, title, language = document
    return {
        "id": pk,
        "slug": slug,
        "title": title,
        "language": language,
        "url": links.page("catalogue:document", slug),
    }


# --- documents -----------------------------------------------------------------------------------


class LicenceInfo(BaseModel):
    name: str
    url: str
    free: bool = Field(description="False for non-commercial or no-derivatives licences.")


class DocumentOut(BaseModel):
    id: int
    slug: str
    url: str = Field(description="The document's page.")
    jsonld: str = Field(description="Its schema.org JSON-LD twin.")
    kind: DocumentKind
    title: str
    summary: str
    body: str = Field(description="Markdown; pages show it sanitised.")
    language: str
    translation_of: DocumentRef | None = Field(description="The original, for a translation.")
    translations: list[DocumentRef]
    subtitles: list[str]
    duration_seconds: int | None
    pages: int | None
    authors: list[ActorRef]
    contributors: list[ActorRef]
    producer: ActorRef | None
    date: datetime.date | None
    place: str
    country: str
    licence: str = Field(description="SPDX identifier.")
    licence_info: LicenceInfo
    themes: list[ThemeRef]
    commons: list[CommonsRef]
    sources: list[DocumentRef] = Field(description="What this document derives from (a remix).")
    remixes: list[DocumentRef] = Field(description="The documents derived from this one.")
    media_type: str
    media_file_url: str | None = Field(description="The uploaded file, if any.")
    media_url: str = Field(description="External media, if any.")
    thumbnail_url: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


def _media_url(name: str) -> str:
    return Document._meta.get_field("media_file").storage.url(name)


def document_out(document: dict, links: PageLinks) -> dict:
    """A document's row (``selectors.linked.documents_linked``) as the API shows it."""
    slug, licence, media_file = (
        document["slug"],
        LICENCES[document["licence"]],
        document["media_file"],
    )
    original = document["translation_of"]
    return {
        **document,
        "url": links.page("catalogue:document", slug),
        "jsonld": links.page("catalogue:document_jsonld", slug),
        "translation_of": None if original is None else document_ref(original, links),
        "translations": [document_ref(each, links) for each in document["translations"]],
        "authors": [actor_ref(actor, links) for actor in document["authors"]],
        "contributors": [actor_ref(actor, links) for actor in document["contributors"]],
        "producer": None
        if document["producer"] is None
        else actor_ref(document["producer"], links),
        "licence_info": {"name": licence.name, "url": licence.url, "free": licence.free},
        "themes": [theme_ref(theme, links.language) for theme in document["themes"]],
        "commons": [commons_ref(commons, links) for commons in document["commons"]],
        "sources": [document_ref(each, links) for each in document["sources"]],
        "remixes": [document_ref(each, links) for each in document["remixes"]],
        "media_file_url": links.absolute(_media_url(media_file)) if media_file else None,
    }


class DocumentFields(Schema):
    """Every field a document's write may give; what is left out is not touched."""

    kind: DocumentKind | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    summary: str | None = None
    body: str | None = Field(None, description="Markdown.")
    language: str | None = Field(None, description="ISO 639 code, e.g. fr.", examples=["fr"])
    translation_of: str | None = Field(None, description="The original's slug.")
    subtitles: list[str] | None = Field(None, description="Languages of the subtitles.")
    duration_seconds: int | None = Field(None, ge=0)
    pages: int | None = Field(None, ge=1)
    authors: list[str] | None = Field(None, description="Actors' slugs.")
    contributors: list[str] | None = Field(None, description="Actors' slugs.")
    producer: str | None = Field(None, description="An actor's slug.")
    date: datetime.date | None = None
    place: str | None = None
    country: str | None = Field(None, description="ISO 3166 code, e.g. SN.")
    licence: str | None = Field(
        None,
        description=(
            "SPDX identifier (CC-BY-SA-4.0 when left out on creation). Free licences are the "
            "default; non-free ones (NC, ND) are accepted and labelled; all rights reserved is "
            "refused. A remix takes a licence its sources allow."
        ),
        examples=["CC-BY-SA-4.0"],
    )
    themes: list[str] | None = Field(None, description="Theme codes.")
    commons: list[str] | None = Field(None, description="Commons' slugs.")
    sources: list[str] | None = Field(None, description="What it derives from: documents' slugs.")
    media_url: str | None = Field(None, description="External media's address.")
    thumbnail_url: str | None = None


class DocumentIn(DocumentFields):
    kind: DocumentKind
    title: str = Field(min_length=1, max_length=300)
    language: str = Field(description="ISO 639 code, e.g. fr.", examples=["fr"])
    edit_summary: str = Field("", max_length=300, description="Why: kept with revision 1.")


class DocumentChange(DocumentFields):
    edit_summary: str = Field(
        min_length=1, max_length=300, description="Why this edit: kept with the revision."
    )


# --- revisions -----------------------------------------------------------------------------------


class RevisionOut(Schema):
    number: int
    time: datetime.datetime = Field(description="ISO 8601.")
    author: str | None = Field(description="The author's public name.")
    summary: str = Field(description="The edit summary.")
    reverted_to: int | None = Field(description="The revision this one restored, if any.")
    data: dict = Field(description="The fields as they became; links by slug or code.")

    @staticmethod
    def resolve_time(obj):
        return obj.created_at

    @staticmethod
    def resolve_author(obj):
        return obj.author.public_name if obj.author_id else None


# --- commons -------------------------------------------------------------------------------------


class CommonsOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The commons' page.")
    jsonld: str = Field(description="Its schema.org JSON-LD twin.")
    name: dict[str, str] = Field(description="One name per language.")
    label: str = Field(description="The name in the reader's language (Accept-Language).")
    description: dict[str, str]
    family: str = Field(description="The family's code.")
    family_label: str
    community: dict[str, str]
    governance: dict[str, str]
    place: str
    country: str
    latitude: float | None
    longitude: float | None
    themes: list[ThemeRef]
    carriers: list[ActorRef] = Field(description="The actors who carry it.")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_url(obj, context):
        return _page_url(context, "catalogue:commons", obj.slug)

    @staticmethod
    def resolve_jsonld(obj, context):
        return _page_url(context, "catalogue:commons_jsonld", obj.slug)

    @staticmethod
    def resolve_family(obj):
        return obj.family.code

    @staticmethod
    def resolve_family_label(obj):
        return obj.family.label

    @staticmethod
    def resolve_latitude(obj):
        return None if obj.latitude is None else float(obj.latitude)

    @staticmethod
    def resolve_longitude(obj):
        return None if obj.longitude is None else float(obj.longitude)

    @staticmethod
    def resolve_themes(obj):
        return [_theme_ref(theme) for theme in obj.themes.all()]

    @staticmethod
    def resolve_carriers(obj, context):
        return [_actor_ref(actor, context) for actor in obj.carriers.all()]


class CommonsFields(Schema):
    name: dict[str, str] | None = Field(None, description="One name per language (fr, en, es).")
    description: dict[str, str] | None = None
    family: str | None = Field(None, description="A family's code.", examples=["nature"])
    community: dict[str, str] | None = None
    governance: dict[str, str] | None = Field(None, description="Its rules, per language.")
    place: str | None = None
    country: str | None = Field(None, description="ISO 3166 code, e.g. BO.")
    latitude: FiniteNumber | None = Field(None, description="From -90 to 90.")
    longitude: FiniteNumber | None = Field(None, description="From -180 to 180.")
    themes: list[str] | None = Field(None, description="Theme codes.")
    carriers: list[str] | None = Field(None, description="The actors who carry it: slugs.")


class CommonsIn(CommonsFields):
    name: dict[str, str] = Field(description="One name per language (fr, en, es).")
    family: str = Field(description="A family's code.", examples=["nature"])
    edit_summary: str = Field("", max_length=300)


class CommonsChange(CommonsFields):
    edit_summary: str = Field(min_length=1, max_length=300, description="Why this edit.")


class FamilyOut(Schema):
    code: str
    label: str = Field(description="In the reader's language (Accept-Language).")
    labels: dict[str, str]


# --- search --------------------------------------------------------------------------------------

_MARK = re.compile(r"(</?mark>)")


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Escaped HTML with <mark> around the matches → the plain text and the matches' ranges.

    The text was escaped before the marks were added, so a `<mark>` typed by a user reads
    `&lt;mark&gt;` here and is never taken for one.
    """
    text, ranges, start = "", [], None
    for part in _MARK.split(marked):
        if part == "<mark>":
            start = len(text)
        elif part == "</mark>":
            if start is not None and len(text) > start:
                ranges.append((start, len(text)))
            start = None
        else:
            text += html.unescape(part)
    return text, ranges


class SearchHitOut(Schema):
    type: SearchKind = Field(description="document, commons or actor.")
    kind: DocumentKind | None = Field(description="A document's kind; null for the others.")
    id: int
    slug: str
    language: str | None = Field(description="The language of the text that matched.")
    title: str = Field(description="Plain text.")
    title_highlights: list[tuple[int, int]] = Field(
        description="The matches in `title`: [start, end) offsets in Unicode code points."
    )
    snippet: str = Field(description="Plain text: the passages that matched, joined by “ … ”.")
    snippet_highlights: list[tuple[int, int]] = Field(
        description="The matches in `snippet`: [start, end) offsets in Unicode code points."
    )
    url: str = Field(description="The page.")

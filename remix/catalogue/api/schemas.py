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

from remix.allies.models import Actor, ActorKind, Theme
from remix.api.common import FiniteNumber
from remix.catalogue.licences import LICENCES
from remix.catalogue.models import Commons, Document, DocumentKind, SearchKind

# --- links by slug or code -----------------------------------------------------------------------


def _absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


def _page_url(context, name: str, slug: str) -> str:
    """The absolute address of the page ``name`` of one slug. Reversed once per request and
    language, then filled in: a list names hundreds of pages, and a slug is already URL-safe."""
    request = context["request"]
    templates = request.__dict__.setdefault("_remix_page_urls", {})
    key = (name, get_language())
    if key not in templates:
        templates[key] = _absolute(context, reverse(name, kwargs={"slug": "__slug__"}))
    return templates[key].replace("__slug__", slug)


class ActorRef(Schema):
    id: int
    slug: str
    name: str
    kind: ActorKind
    url: str


def _actor_ref(actor: Actor, context) -> dict:
    return {
        "id": actor.pk,
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "url": _page_url(context, "allies:actor", actor.slug),
    }


class ThemeRef(Schema):
    code: str
    label: str = Field(description="In the reader's language (Accept-Language).")
    wikidata_id: str | None


def _theme_ref(theme: Theme) -> dict:
    return {"code": theme.code, "label": theme.label, "wikidata_id": theme.wikidata_id or None}


class CommonsRef(Schema):
    id: int
    slug: str
    name: str
    url: str


def _commons_ref(commons: Commons, context) -> dict:
    return {
        "id": commons.pk,
        "slug": commons.slug,
        "name": commons.label,
        "url": _page_url(context, "catalogue:commons", commons.slug),
    }


class DocumentRef(Schema):
    id: int
    slug: str
    title: str
    language: str
    url: str


def _document_ref(document: Document, context) -> dict:
    return {
        "id": document.pk,
        "slug": document.slug,
        "title": document.title,
        "language": document.language,
        "url": _page_url(context, "catalogue:document", document.slug),
    }


# --- documents -----------------------------------------------------------------------------------


class LicenceInfo(Schema):
    name: str
    url: str
    free: bool = Field(description="False for non-commercial or no-derivatives licences.")


class DocumentOut(Schema):
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

    @staticmethod
    def resolve_url(obj, context):
        return _page_url(context, "catalogue:document", obj.slug)

    @staticmethod
    def resolve_jsonld(obj, context):
        return _page_url(context, "catalogue:document_jsonld", obj.slug)

    @staticmethod
    def resolve_translation_of(obj, context):
        original = obj.translation_of
        if original is None or original.hidden:
            return None
        return _document_ref(original, context)

    @staticmethod
    def resolve_translations(obj, context):
        return [_document_ref(each, context) for each in obj.translation_list]

    @staticmethod
    def resolve_authors(obj, context):
        return [_actor_ref(actor, context) for actor in obj.author_list]

    @staticmethod
    def resolve_contributors(obj, context):
        return [_actor_ref(actor, context) for actor in obj.contributor_list]

    @staticmethod
    def resolve_producer(obj, context):
        return _actor_ref(obj.producer, context) if obj.producer_id else None

    @staticmethod
    def resolve_licence_info(obj):
        licence = LICENCES[obj.licence]
        return {"name": licence.name, "url": licence.url, "free": licence.free}

    @staticmethod
    def resolve_themes(obj):
        return [_theme_ref(theme) for theme in obj.theme_list]

    @staticmethod
    def resolve_commons(obj, context):
        return [_commons_ref(commons, context) for commons in obj.commons_list]

    @staticmethod
    def resolve_sources(obj, context):
        return [_document_ref(edge.source, context) for edge in obj.source_edges]

    @staticmethod
    def resolve_remixes(obj, context):
        return [_document_ref(edge.remix, context) for edge in obj.remix_edges]

    @staticmethod
    def resolve_media_file_url(obj, context):
        return _absolute(context, obj.media_file.url) if obj.media_file else None


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

"""The catalogue as schema.org JSON-LD: the machine-readable twin of each document and commons.

Plain functions from the instances (their links prefetched by the caller) to dicts; `absolute`
turns a path into a full address (`request.build_absolute_uri`). Hidden links are left out, empty
values are not written.

Which schema.org type:

- a document takes the type of what it is: `VideoObject` for videos and documentaries,
  `AudioObject` for sounds, `ImageObject` for images, `Article` for texts, `DefinedTerm` (also a
  `CreativeWork`, so that licence and authors stay valid properties) for definitions, and
  `CreativeWork` for bibliographic notes. An interview, a call recording, a remix or a link takes
  the type of its media when the media type says it (a filmed interview is a `VideoObject`);
  otherwise a call recording is an `AudioObject`, an interview an `Article` (a written one), a
  remix or a link a `CreativeWork`.
- a commons is an `Organization`: as Ostrom describes it, a commons is an institution, a community
  governing a shared resource by its own rules — not the resource alone (a river is a `Place`, the
  water users' assembly that shares it is the commons). Its place, with `geo` when it has
  coordinates, is its `location`; the actors who carry it are its `member`s, its themes what it
  `knowsAbout`, its family a keyword.
"""

from collections.abc import Callable

from django.urls import reverse

from remix.allies.models import Actor, ActorKind, Theme
from remix.catalogue.licences import LICENCES
from remix.catalogue.models import Commons, Document, DocumentKind
from remix.core.i18ntext import text_for

CONTEXT = "https://schema.org"
WIKIDATA = "https://www.wikidata.org/wiki/"

Absolute = Callable[[str], str]

_BY_KIND = {
    DocumentKind.VIDEO: "VideoObject",
    DocumentKind.DOCUMENTARY: "VideoObject",
    DocumentKind.AUDIO: "AudioObject",
    DocumentKind.IMAGE: "ImageObject",
    DocumentKind.TEXT: "Article",
    DocumentKind.DEFINITION: ["DefinedTerm", "CreativeWork"],
    DocumentKind.BIBLIOGRAPHIC_NOTE: "CreativeWork",
}
_BY_MEDIA = {"video": "VideoObject", "audio": "AudioObject", "image": "ImageObject"}
_WITHOUT_MEDIA = {
    DocumentKind.CALL_RECORDING: "AudioObject",
    DocumentKind.INTERVIEW: "Article",
}


def schema_type(kind: str, media_type: str = "") -> str | list[str]:
    """The schema.org type of a document of this kind with this media type."""
    if kind in _BY_KIND:
        return _BY_KIND[kind]
    family = (media_type or "").split("/")[0]
    if family in _BY_MEDIA:
        return _BY_MEDIA[family]
    return _WITHOUT_MEDIA.get(kind, "CreativeWork")


def iso_duration(seconds: int | None) -> str | None:
    """ISO 8601 duration: 3725 seconds is PT1H2M5S."""
    if seconds is None:
        return None
    hours, rest = divmod(seconds, 3600)
    minutes, rest = divmod(rest, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (rest, "S")) if value
    ]
    return "PT" + ("".join(parts) or "0S")


def _compact(data: dict) -> dict:
    """Leave out what is empty: JSON-LD says nothing rather than null."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def actor_node(actor: Actor, absolute: Absolute) -> dict:
    url = absolute(reverse("allies:actor", kwargs={"slug": actor.slug}))
    kind = "Person" if actor.kind == ActorKind.PERSON else "Organization"
    return {"@type": kind, "@id": url, "name": actor.name, "url": url}


def theme_node(theme: Theme, absolute: Absolute) -> dict:
    url = absolute(reverse("catalogue:theme", kwargs={"code": theme.code}))
    return _compact(
        {
            "@type": "DefinedTerm",
            "@id": url,
            "name": theme.label,
            "termCode": theme.code,
            "url": url,
            "sameAs": f"{WIKIDATA}{theme.wikidata_id}" if theme.wikidata_id else None,
        }
    )


def _place(place: str, country: str) -> dict | None:
    if not (place or country):
        return None
    address = {"@type": "PostalAddress", "addressCountry": country} if country else None
    return _compact({"@type": "Place", "name": place, "address": address})


def _document_ref(document: Document, absolute: Absolute) -> dict:
    url = absolute(document.get_absolute_url())
    return {
        "@type": schema_type(document.kind, document.media_type),
        "@id": url,
        "name": document.title,
        "inLanguage": document.language,
        "url": url,
    }


def _content_url(document: Document, absolute: Absolute) -> str | None:
    if document.media_file:
        return absolute(document.media_file.url)
    return document.media_url or None


def document_jsonld(document: Document, *, absolute: Absolute) -> dict:
    """A visible document as schema.org JSON-LD. Reads `authors`, `contributors`, `themes`,
    `commons`, `derivations__source` and `translations`: prefetch them."""
    url = absolute(document.get_absolute_url())
    licence = LICENCES.get(document.licence)
    original = document.translation_of
    sources = [d.source for d in document.derivations.all() if not d.source.hidden]
    translations = [t for t in document.translations.all() if not t.hidden]
    commons = [c for c in document.commons.all() if not c.hidden]
    return _compact(
        {
            "@context": CONTEXT,
            "@type": schema_type(document.kind, document.media_type),
            "@id": url,
            "url": url,
            "name": document.title,
            "description": document.summary,
            "inLanguage": document.language,
            "license": licence.url if licence else None,
            "author": [actor_node(actor, absolute) for actor in document.authors.all()],
            "contributor": [actor_node(actor, absolute) for actor in document.contributors.all()],
            "producer": actor_node(document.producer, absolute) if document.producer else None,
            "dateCreated": document.date.isoformat() if document.date else None,
            "dateModified": document.updated_at.isoformat() if document.updated_at else None,
            "contentLocation": _place(document.place, document.country),
            "about": [theme_node(theme, absolute) for theme in document.themes.all()]
            + [_commons_ref(each, absolute) for each in commons],
            "isBasedOn": [absolute(source.get_absolute_url()) for source in sources],
            "translationOfWork": (
                _document_ref(original, absolute)
                if original is not None and not original.hidden
                else None
            ),
            "workTranslation": [_document_ref(each, absolute) for each in translations],
            "subtitleLanguage": list(document.subtitles or []),
            "encodingFormat": document.media_type,
            "contentUrl": _content_url(document, absolute),
            "thumbnailUrl": document.thumbnail_url,
            "duration": iso_duration(document.duration_seconds),
            "numberOfPages": document.pages,
            "isAccessibleForFree": True,
        }
    )


def _commons_ref(commons: Commons, absolute: Absolute) -> dict:
    url = absolute(commons.get_absolute_url())
    return {"@type": "Organization", "@id": url, "name": commons.label, "url": url}


def _language_values(values: dict) -> list[dict]:
    return [
        {"@value": text, "@language": language}
        for language, text in sorted((values or {}).items())
        if text
    ]


def commons_jsonld(commons: Commons, *, absolute: Absolute, documents=()) -> dict:
    """A visible commons as schema.org JSON-LD; `documents` are the visible documents about it.
    Reads `family`, `themes` and `carriers`: prefetch them."""
    url = absolute(commons.get_absolute_url())
    location = _place(commons.place, commons.country) or {}
    if commons.latitude is not None and commons.longitude is not None:
        location = {
            "@type": "Place",
            **location,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(commons.latitude),
                "longitude": float(commons.longitude),
            },
        }
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "@id": url,
            "url": url,
            "name": commons.label,
            "alternateName": _language_values(commons.name),
            "description": text_for(commons.description),
            "keywords": [commons.family.label] if commons.family_id else [],
            "location": location,
            "member": [actor_node(actor, absolute) for actor in commons.carriers.all()],
            "knowsAbout": [theme_node(theme, absolute) for theme in commons.themes.all()],
            "subjectOf": [_document_ref(document, absolute) for document in documents],
        }
    )

"""A document as it is written: the fields and links a revision keeps, the checks of its
licence against its sources and its original, and how its fields and links are set."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remix.allies.models import Actor, Theme
from remix.catalogue.licences import LICENCES, LicenceRefused, licence_get, remix_rule
from remix.catalogue.media import media_check
from remix.catalogue.models import Commons, Derivation, Document, DocumentKind

# The fields a revision keeps, as plain values.
DOCUMENT_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "language",
    "subtitles",
    "duration_seconds",
    "pages",
    "date",
    "place",
    "country",
    "licence",
    "media_url",
    "thumbnail_url",
)
# Links kept by slug or code, so a revision reads without the database.
DOCUMENT_LINKS = ("authors", "contributors", "producer", "themes", "commons", "sources")


def document_snapshot(document: Document) -> dict:
    data = {}
    for name in DOCUMENT_FIELDS:
        value = getattr(document, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["authors"] = list(document.authors.values_list("slug", flat=True))
    data["contributors"] = list(document.contributors.values_list("slug", flat=True))
    data["producer"] = document.producer.slug if document.producer_id else None
    data["themes"] = sorted(document.themes.values_list("code", flat=True))
    data["commons"] = sorted(document.commons.values_list("slug", flat=True))
    data["sources"] = [d.source.slug for d in document.derivations.select_related("source")]
    data["translation_of"] = document.translation_of.slug if document.translation_of_id else None
    data["media_file"] = document.media_file.name if document.media_file else ""
    return data


def licence_refusal(error: LicenceRefused) -> str:
    """Why a licence is refused, in the reader's language: the same words on a form's field and
    in the API's answer."""
    if error.code == "all_rights_reserved":
        return _(
            "“All rights reserved” is refused: the commons cannot be appropriated. Choose a free "
            "licence (CC BY-SA, CC BY, CC0, Free Art…)."
        )
    return _("Unknown licence “%(code)s”: give its SPDX identifier, e.g. CC-BY-SA-4.0.") % {
        "code": error.spdx
    }


def remix_licence_errors(licence: str, sources: list[Document]) -> list[str]:
    """What is wrong with remixing these sources under this licence, in the reader's language."""
    if not sources:
        return []
    rule = remix_rule([source.licence for source in sources])
    if not rule.possible:
        names = ", ".join(LICENCES[code].name for code in rule.blocking)
        if rule.reason == "no_derivatives":
            return [
                _("A source under %(names)s forbids derivative works: it cannot be remixed.")
                % {"names": names}
            ]
        return [
            _("These sources' licences cannot meet in one remix: %(names)s.") % {"names": names}
        ]
    if licence not in rule.allowed:
        return [
            _("The sources allow this remix under %(allowed)s only.")
            % {"allowed": ", ".join(LICENCES[code].name for code in rule.allowed)}
        ]
    return []


def _document_validate(document: Document, links: dict, errors: dict) -> None:
    """Every rule of a document that a form's field cannot check alone, its errors by field:
    the licence, then the sources, then what a translation may be."""
    try:
        licence_get(document.licence)
    except LicenceRefused as error:
        errors.setdefault("licence", []).append(licence_refusal(error))
    sources = links.get("sources")
    if sources is None and document.pk:
        sources = [d.source for d in document.derivations.select_related("source")]
    _sources_check(document, sources or [], errors)
    if document.translation_of is not None:
        _translation_check(document, document.translation_of, errors)


def _sources_check(document: Document, sources: list[Document], errors: dict) -> None:
    """A remix names its sources, none of them itself or one of its own remixes, and takes a
    licence they allow."""
    if document.kind == DocumentKind.REMIX and not sources:
        errors.setdefault("sources", []).append(
            _("A remix says what it derives from: choose at least one source.")
        )
    if document.pk and any(source.pk == document.pk for source in sources):
        errors.setdefault("sources", []).append(_("A document cannot derive from itself."))
    elif document.pk and sources:
        descendants = _descendant_ids(document.pk)
        if any(source.pk in descendants for source in sources):
            errors.setdefault("sources", []).append(
                _("A document cannot derive from one of its own remixes.")
            )
    if "licence" not in errors:
        for message in remix_licence_errors(document.licence, sources):
            errors.setdefault("licence", []).append(message)


def _translation_check(document: Document, original: Document, errors: dict) -> None:
    """A translation takes a licence its original allows, and a language no other version of
    the original has."""
    if "licence" not in errors and original.pk != document.pk:
        # A translation is a derivative work: the original's licence says what it may be.
        if LICENCES[original.licence].no_derivatives:
            if document.licence != original.licence:
                errors.setdefault("licence", []).append(
                    _(
                        "The original forbids derivative works: its other language versions "
                        "come from its rights holders, under its licence (%(name)s)."
                    )
                    % {"name": LICENCES[original.licence].name}
                )
        else:
            for message in remix_licence_errors(document.licence, [original]):
                errors.setdefault("licence", []).append(message)
    if original.pk == document.pk:
        errors.setdefault("translation_of", []).append(
            _("A document cannot be its own translation.")
        )
    else:
        taken = Document.objects.filter(translation_of=original, language=document.language)
        if original.language == document.language or taken.exclude(pk=document.pk).exists():
            errors.setdefault("language", []).append(
                _("This document already has a version in this language.")
            )


def _descendant_ids(pk: int) -> set[int]:
    found, frontier = set(), {pk}
    while frontier:
        frontier = (
            set(
                Derivation.objects.filter(source_id__in=frontier).values_list("remix_id", flat=True)
            )
            - found
        )
        found |= frontier
    return found


def document_apply(document: Document, fields: dict, links: dict) -> dict:
    """Set fields on the instance, check everything, and return errors by field."""
    for name, value in fields.items():
        if name in ("subtitles",):
            value = sorted({code.strip().lower() for code in value or [] if code.strip()})
        setattr(document, name, value)
    if "translation_of" in links:
        original = links["translation_of"]
        document.translation_of = original.original if original is not None else None
    if "producer" in links:
        document.producer = links["producer"]
    errors: dict[str, list[str]] = {}
    upload = fields.get("media_file")
    if upload is not None and hasattr(upload, "read"):
        try:
            check = media_check(upload)
            upload.name = check.safe_name(upload.name)
            document.media_type = check.media_type
        except ValidationError as error:
            errors.setdefault("media_file", []).extend(error.messages)
    try:
        # The licence is checked below, with the reason a choice list cannot give.
        document.full_clean(exclude=["slug", "media_file", "licence"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    _document_validate(document, links, errors)
    return errors


def document_links_set(document: Document, links: dict) -> None:
    for name in ("authors", "contributors", "themes", "commons"):
        if name in links:
            getattr(document, name).set(links[name] or [])
    if "sources" in links:
        document.derivations.all().delete()
        Derivation.objects.bulk_create(
            [
                Derivation(remix=document, source=source, position=position)
                for position, source in enumerate(dict.fromkeys(links["sources"] or []))
            ]
        )


def document_data_from(snapshot: dict) -> dict:
    """A revision's snapshot as data for `document_update` (links that still exist)."""
    data = {name: snapshot.get(name) for name in DOCUMENT_FIELDS if name in snapshot}
    for name in ("summary", "body", "place", "country", "media_url", "thumbnail_url"):
        if name in data and data[name] is None:
            data[name] = ""
    for name, model, key in (
        ("authors", Actor, "slug"),
        ("contributors", Actor, "slug"),
        ("themes", Theme, "code"),
        ("commons", Commons, "slug"),
        ("sources", Document, "slug"),
    ):
        wanted = snapshot.get(name) or []
        found = model.objects.in_bulk(wanted, field_name=key)
        data[name] = [found[value] for value in wanted if value in found]
    producer = snapshot.get("producer")
    data["producer"] = Actor.objects.filter(slug=producer).first() if producer else None
    return data

"""Every write to the catalogue: atomic, audited, and kept as a revision.

A document or a commons is created, edited, reverted, hidden or shown again only here. Each
edit stores a snapshot of the fields as they became (`Revision.data`); a revert applies an older
snapshot as a new revision. Hiding needs a reason, written to the public moderation log. The
search entries follow every write inside the same transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remix.allies.models import Actor, Theme
from remix.catalogue import search
from remix.catalogue.licences import LICENCES, LicenceRefused, licence_get, remix_rule
from remix.catalogue.media import media_check
from remix.catalogue.models import (
    Commons,
    Derivation,
    Document,
    DocumentKind,
    Family,
    ModerationAction,
    ModerationEvent,
    Revision,
)
from remix.core.audit import audit_record
from remix.core.i18ntext import text_clean

FAMILIES = [
    ("nature", {"fr": "Nature", "en": "Nature", "es": "Naturaleza"}),
    ("knowledge", {"fr": "Savoirs", "en": "Knowledge", "es": "Conocimiento"}),
    ("digital", {"fr": "Numérique", "en": "Digital", "es": "Digital"}),
    ("urban", {"fr": "Urbain", "en": "Urban", "es": "Urbano"}),
    ("culture", {"fr": "Culture", "en": "Culture", "es": "Cultura"}),
    ("health", {"fr": "Santé", "en": "Health", "es": "Salud"}),
    ("food", {"fr": "Alimentation", "en": "Food", "es": "Alimentación"}),
    ("infrastructure", {"fr": "Infrastructures", "en": "Infrastructure", "es": "Infraestructura"}),
]

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
COMMONS_FIELDS = (
    "name",
    "description",
    "family",
    "community",
    "governance",
    "place",
    "country",
    "latitude",
    "longitude",
)
COMMONS_LINKS = ("themes", "carriers")
LANGUAGE_TEXT = ("name", "description", "community", "governance")


def families_ensure() -> None:
    """The eight families of Hess's map (idempotent: an edited family keeps its labels)."""
    for position, (code, labels) in enumerate(FAMILIES):
        Family.objects.get_or_create(code=code, defaults={"labels": labels, "position": position})


def _unique_slug(model, text: str, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:200] or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# -- snapshots ----------------------------------------------------------------------------------


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


def commons_snapshot(commons: Commons) -> dict:
    data = {name: getattr(commons, name) for name in COMMONS_FIELDS if name != "family"}
    for name in ("latitude", "longitude"):
        data[name] = str(data[name]) if data[name] is not None else None
    data["family"] = commons.family.code
    data["themes"] = sorted(commons.themes.values_list("code", flat=True))
    data["carriers"] = sorted(commons.carriers.values_list("slug", flat=True))
    return data


def _revision_add(*, author, summary: str, data: dict, reverted_to=None, **subject) -> Revision:
    ((kind, obj),) = subject.items()
    # The subject's row is locked by the caller: numbers never collide.
    last = Revision.objects.filter(**{kind: obj}).aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        number=last + 1,
        author=author if getattr(author, "is_authenticated", False) else None,
        summary=(summary or "").strip()[:300],
        data=data,
        reverted_to=reverted_to,
        **subject,
    )


# -- documents ----------------------------------------------------------------------------------


def _licence_error(error: LicenceRefused) -> str:
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
    try:
        licence_get(document.licence)
    except LicenceRefused as error:
        errors.setdefault("licence", []).append(_licence_error(error))
    sources = links.get("sources")
    if sources is None and document.pk:
        sources = [d.source for d in document.derivations.select_related("source")]
    sources = sources or []
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
    original = document.translation_of
    if original is not None and "licence" not in errors and original.pk != document.pk:
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
    if original is not None:
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


def _document_apply(document: Document, fields: dict, links: dict) -> dict:
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
    if not document.slug:
        document.slug = _unique_slug(Document, document.title)
    try:
        # The licence is checked below, with the reason a choice list cannot give.
        document.full_clean(exclude=["slug", "media_file", "licence"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    _document_validate(document, links, errors)
    return errors


def _document_links_set(document: Document, links: dict) -> None:
    for name in ("authors", "contributors", "themes", "commons"):
        if name in links:
            values = links[name] or []
            if name == "themes":
                values = _themes_alive(values)
            getattr(document, name).set(values)
    if "sources" in links:
        document.derivations.all().delete()
        Derivation.objects.bulk_create(
            [
                Derivation(remix=document, source=source, position=position)
                for position, source in enumerate(dict.fromkeys(links["sources"] or []))
            ]
        )


def _themes_alive(themes) -> list[Theme]:
    """A merged theme answers for its survivor."""
    return list({theme.survivor.pk: theme.survivor for theme in themes}.values())


def _split(data: dict, links_names) -> tuple[dict, dict]:
    fields = {k: v for k, v in data.items() if k not in links_names and k != "translation_of"}
    links = {k: v for k, v in data.items() if k in links_names or k == "translation_of"}
    return fields, links


@dataclass(frozen=True)
class _Kind:
    """What differs between documents and commons when they are written; the rest is shared."""

    key: str  # "document" or "commons": the revision's and the audit's name for it
    model: type
    links: tuple[str, ...]
    apply: Callable[[object, dict, dict], dict]  # set fields, check, return errors by field
    links_set: Callable[[object, dict], None]
    snapshot: Callable[[object], dict]
    index: Callable[[object], None]
    data_from: Callable[[dict], dict]  # a revision's snapshot as data to write again


def _save(kind: _Kind, subject, *, author, data: dict, summary: str, reverted_to=None):
    """Write fields and links, then — when something changed — a revision, the search entries
    and an audit event. Call it inside a transaction, the subject locked when it exists."""
    before = kind.snapshot(subject) if subject.pk else None
    fields, links = _split(data, kind.links)
    errors = kind.apply(subject, fields, links)
    if errors:
        raise ValidationError(errors)
    subject.save()
    kind.links_set(subject, links)
    after = kind.snapshot(subject)
    if after == before and reverted_to is None:
        return subject
    _revision_add(
        author=author,
        summary=summary,
        data=after,
        reverted_to=reverted_to,
        **{kind.key: subject},
    )
    kind.index(subject)
    if before is None:
        action, audit = "created", {"slug": subject.slug}
    elif reverted_to is not None:
        action, audit = "reverted", {"to": reverted_to}
    else:
        action, audit = (
            "updated",
            {"changed": sorted(k for k in after if after[k] != before.get(k))},
        )
    audit_record(action=f"catalogue.{kind.key}.{action}", recorder=author, obj=subject, data=audit)
    return subject


def _revert(kind: _Kind, subject, *, author, number: int, summary: str):
    subject = kind.model.objects.select_for_update().get(pk=subject.pk)
    snapshot = subject.revisions.get(number=number).data
    return _save(
        kind,
        subject,
        author=author,
        data=kind.data_from(snapshot),
        summary=summary or _("Restored revision %(number)d") % {"number": number},
        reverted_to=number,
    )


def _created_by(author):
    return author if getattr(author, "is_authenticated", False) else None


@transaction.atomic
def document_create(*, author, data: dict, summary: str = "") -> Document:
    """A new document: `data` holds fields and links (actors, themes, commons, sources as
    objects; `translation_of` a document; `media_file` an upload)."""
    document = Document(created_by=_created_by(author))
    return _save(DOCUMENT, document, author=author, data=data, summary=summary or _("Created"))


@transaction.atomic
def document_update(*, document: Document, author, data: dict, summary: str = "") -> Document:
    """Edit a document; only the keys given change. A revision keeps what it became."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    return _save(DOCUMENT, document, author=author, data=data, summary=summary)


@transaction.atomic
def document_revert(*, document: Document, author, number: int, summary: str = "") -> Document:
    """Make an older revision current again, as a new revision that says which one."""
    return _revert(DOCUMENT, document, author=author, number=number, summary=summary)


def _document_data_from(snapshot: dict) -> dict:
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


# -- commons ------------------------------------------------------------------------------------


def _commons_apply(commons: Commons, fields: dict, links: dict | None = None) -> dict:
    """Set fields on the instance, check them, and return errors by field (links need none)."""
    for name, value in fields.items():
        if name in LANGUAGE_TEXT:
            value = text_clean(value)
        setattr(commons, name, value)
    errors: dict[str, list[str]] = {}
    if not commons.name:
        errors["name"] = [_("A commons needs a name in at least one language.")]
    if not commons.slug and commons.name:
        commons.slug = _unique_slug(Commons, commons.label)
    try:
        commons.full_clean(exclude=["slug", "name"], validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if (commons.latitude is None) != (commons.longitude is None):
        errors.setdefault("longitude", []).append(
            _("Give both latitude and longitude, or neither.")
        )
    return errors


def _commons_links_set(commons: Commons, links: dict) -> None:
    if "themes" in links:
        commons.themes.set(_themes_alive(links["themes"] or []))
    if "carriers" in links:
        commons.carriers.set(links["carriers"] or [])


def _commons_data_from(snapshot: dict) -> dict:
    """A revision's snapshot as data for `commons_update` (links that still exist)."""
    data = {name: snapshot.get(name) for name in COMMONS_FIELDS if name != "family"}
    for name in ("place", "country"):
        data[name] = data.get(name) or ""
    family = Family.objects.filter(code=snapshot.get("family")).first()
    if family is not None:
        data["family"] = family
    data["themes"] = list(
        Theme.objects.in_bulk(snapshot.get("themes") or [], field_name="code").values()
    )
    data["carriers"] = list(
        Actor.objects.in_bulk(snapshot.get("carriers") or [], field_name="slug").values()
    )
    return data


@transaction.atomic
def commons_create(*, author, data: dict, summary: str = "") -> Commons:
    commons = Commons(created_by=_created_by(author))
    return _save(COMMONS, commons, author=author, data=data, summary=summary or _("Created"))


@transaction.atomic
def commons_update(*, commons: Commons, author, data: dict, summary: str = "") -> Commons:
    commons = Commons.objects.select_for_update().get(pk=commons.pk)
    return _save(COMMONS, commons, author=author, data=data, summary=summary)


@transaction.atomic
def commons_revert(*, commons: Commons, author, number: int, summary: str = "") -> Commons:
    return _revert(COMMONS, commons, author=author, number=number, summary=summary)


DOCUMENT = _Kind(
    key="document",
    model=Document,
    links=DOCUMENT_LINKS,
    apply=_document_apply,
    links_set=_document_links_set,
    snapshot=document_snapshot,
    index=search.index_document,
    data_from=_document_data_from,
)
COMMONS = _Kind(
    key="commons",
    model=Commons,
    links=COMMONS_LINKS,
    apply=_commons_apply,
    links_set=_commons_links_set,
    snapshot=commons_snapshot,
    index=search.index_commons,
    data_from=_commons_data_from,
)


@transaction.atomic
def moderate(*, subject: Document | Commons, moderator, hide: bool, reason: str) -> ModerationEvent:
    """Hide a document or commons, or show it again; the reason goes to the public log."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Say why: the reason is shown in the public moderation log.")]}
        )
    model = type(subject)
    subject = model.objects.select_for_update().get(pk=subject.pk)
    if subject.hidden == hide:
        raise ValidationError(
            _("It is already hidden.") if hide else _("It is already shown."),
            code="moderation_no_change",
        )
    subject.hidden = hide
    subject.save(update_fields=["hidden", "updated_at"])
    key = "document" if model is Document else "commons"
    event = ModerationEvent.objects.create(
        action=ModerationAction.HIDE if hide else ModerationAction.RESTORE,
        reason=reason,
        moderator=moderator,
        **{key: subject},
    )
    if model is Document:
        search.index_document(subject)
    else:
        search.index_commons(subject)
    audit_record(
        action=f"catalogue.{key}.{'hidden' if hide else 'restored'}",
        recorder=moderator,
        obj=subject,
        data={"reason": reason},
    )
    return event

"""Documents and commons written as revisions: created, edited and reverted through one path.

Set the fields, check them, save, and — when something changed — keep a revision of what it
became, update the search entries and record an audit event. A revert applies an older
revision's snapshot as a new revision. What differs between a document and a commons (its
fields, checks, links and snapshot) is in ``documents`` and ``commons``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remix.allies.models import Theme
from remix.catalogue import search
from remix.catalogue.models import Commons, Document, Revision
from remix.catalogue.services.commons import (
    COMMONS_LINKS,
    commons_apply,
    commons_data_from,
    commons_links_set,
    commons_snapshot,
)
from remix.catalogue.services.documents import (
    DOCUMENT_LINKS,
    document_apply,
    document_data_from,
    document_links_set,
    document_snapshot,
)
from remix.core.audit import audit_record


@dataclass(frozen=True)
class SubjectKind:
    """What differs between documents and commons when they are written; the rest is shared."""

    key: str  # "document" or "commons": the revision's and the audit's name for it
    model: type
    title: Callable[[object], str]  # what its slug is made from
    links: tuple[str, ...]
    apply: Callable[[object, dict, dict], dict]  # set fields, check, return errors by field
    links_set: Callable[[object, dict], None]
    snapshot: Callable[[object], dict]
    index: Callable[[object], None]
    data_from: Callable[[dict], dict]  # a revision's snapshot as data to write again


def _unique_slug(model, text: str, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:200] or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _created_by(author):
    return author if getattr(author, "is_authenticated", False) else None


def themes_alive(themes) -> list[Theme]:
    """A merged theme answers for its survivor."""
    return list({theme.survivor.pk: theme.survivor for theme in themes}.values())


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


def _split(data: dict, links_names) -> tuple[dict, dict]:
    fields = {k: v for k, v in data.items() if k not in links_names and k != "translation_of"}
    links = {k: v for k, v in data.items() if k in links_names or k == "translation_of"}
    return fields, links


def subject_save(kind: SubjectKind, subject, *, author, data: dict, summary: str, reverted_to=None):
    """Write fields and links, then — when something changed — a revision, the search entries
    and an audit event. Call it inside a transaction, the subject locked when it exists."""
    before = kind.snapshot(subject) if subject.pk else None
    fields, links = _split(data, kind.links)
    errors = kind.apply(subject, fields, links)
    if errors:
        raise ValidationError(errors)
    if not subject.slug:
        subject.slug = _unique_slug(kind.model, kind.title(subject))
    if "themes" in links:
        links["themes"] = themes_alive(links["themes"] or [])
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


def subject_revert(kind: SubjectKind, subject, *, author, number: int, summary: str):
    subject = kind.model.objects.select_for_update().get(pk=subject.pk)
    snapshot = subject.revisions.get(number=number).data
    return subject_save(
        kind,
        subject,
        author=author,
        data=kind.data_from(snapshot),
        summary=summary or _("Restored revision %(number)d") % {"number": number},
        reverted_to=number,
    )


DOCUMENT = SubjectKind(
    key="document",
    model=Document,
    title=attrgetter("title"),
    links=DOCUMENT_LINKS,
    apply=document_apply,
    links_set=document_links_set,
    snapshot=document_snapshot,
    index=search.index_document,
    data_from=document_data_from,
)
COMMONS = SubjectKind(
    key="commons",
    model=Commons,
    title=attrgetter("label"),
    links=COMMONS_LINKS,
    apply=commons_apply,
    links_set=commons_links_set,
    snapshot=commons_snapshot,
    index=search.index_commons,
    data_from=commons_data_from,
)


@transaction.atomic
def document_create(*, author, data: dict, summary: str = "") -> Document:
    """A new document: `data` holds fields and links (actors, themes, commons, sources as
    objects; `translation_of` a document; `media_file` an upload)."""
    document = Document(created_by=_created_by(author))
    return subject_save(
        DOCUMENT, document, author=author, data=data, summary=summary or _("Created")
    )


@transaction.atomic
def document_update(*, document: Document, author, data: dict, summary: str = "") -> Document:
    """Edit a document; only the keys given change. A revision keeps what it became."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    return subject_save(DOCUMENT, document, author=author, data=data, summary=summary)


@transaction.atomic
def document_revert(*, document: Document, author, number: int, summary: str = "") -> Document:
    """Make an older revision current again, as a new revision that says which one."""
    return subject_revert(DOCUMENT, document, author=author, number=number, summary=summary)


@transaction.atomic
def commons_create(*, author, data: dict, summary: str = "") -> Commons:
    commons = Commons(created_by=_created_by(author))
    return subject_save(COMMONS, commons, author=author, data=data, summary=summary or _("Created"))


@transaction.atomic
def commons_update(*, commons: Commons, author, data: dict, summary: str = "") -> Commons:
    commons = Commons.objects.select_for_update().get(pk=commons.pk)
    return subject_save(COMMONS, commons, author=author, data=data, summary=summary)


@transaction.atomic
def commons_revert(*, commons: Commons, author, number: int, summary: str = "") -> Commons:
    return subject_revert(COMMONS, commons, author=author, number=number, summary=summary)

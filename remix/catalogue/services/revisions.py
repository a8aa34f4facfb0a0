"""The write path documents and commons share: set the fields, check them, save, and — when
something changed — keep a revision of what it became, update the search entries and record an
audit event. A revert applies an older revision's snapshot as a new revision."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remix.allies.models import Theme
from remix.catalogue.models import Revision
from remix.core.audit import audit_record


@dataclass(frozen=True)
class SubjectKind:
    """What differs between documents and commons when they are written; the rest is shared."""

    key: str  # "document" or "commons": the revision's and the audit's name for it
    model: type
    links: tuple[str, ...]
    apply: Callable[[object, dict, dict], dict]  # set fields, check, return errors by field
    links_set: Callable[[object, dict], None]
    snapshot: Callable[[object], dict]
    index: Callable[[object], None]
    data_from: Callable[[dict], dict]  # a revision's snapshot as data to write again


def unique_slug(model, text: str, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:200] or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def created_by(author):
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

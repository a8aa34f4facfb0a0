"""The catalogue's history: each document's and commons' revisions, and the public moderation
log."""

from dataclasses import dataclass

from django.db.models import QuerySet

from remix.catalogue.models import Commons, Document, ModerationAction, ModerationEvent, Revision


def revisions_of(subject: Document | Commons) -> QuerySet[Revision]:
    """A document's or commons' revisions, the latest first, with their authors."""
    return subject.revisions.select_related("author").order_by("-number")


@dataclass(frozen=True)
class RevisionRead:
    """One revision with what its page compares and links to."""

    revision: Revision
    previous: Revision | None  # the one it changed, None for the first
    latest: int  # the number of the current revision


def revision_read(subject: Document | Commons, number: int) -> RevisionRead:
    """Revision `number` of a document or commons (raises Revision.DoesNotExist)."""
    revision = revisions_of(subject).get(number=number)
    return RevisionRead(
        revision=revision,
        previous=subject.revisions.filter(number__lt=number).order_by("-number").first(),
        latest=subject.revisions.order_by("-number").values_list("number", flat=True).first(),
    )


def moderation_log() -> QuerySet[ModerationEvent]:
    # The cited charter version gives its address only: its text is not read for the log.
    return ModerationEvent.objects.select_related(
        "document", "commons", "moderator", "charter_version"
    ).defer("charter_version__body")


def hiding_event(subject: Document | Commons) -> ModerationEvent | None:
    """Why a hidden document or commons was hidden: the latest hiding in the public log."""
    kind = "document" if isinstance(subject, Document) else "commons"
    return (
        moderation_log()
        .filter(**{kind: subject}, action=ModerationAction.HIDE)
        .order_by("-created_at", "-pk")
        .first()
    )

"""Moderation: a document or commons hidden, or shown again, with a reason written to the public
log, which may cite the article of the charter in force it rests on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from remix.catalogue import search
from remix.catalogue.models import Commons, Document, ModerationAction, ModerationEvent
from remix.charter.models import CharterVersion
from remix.charter.selectors import charter_articles
from remix.core.audit import audit_record


@transaction.atomic
def moderate(
    *,
    subject: Document | Commons,
    moderator,
    hide: bool,
    reason: str,
    charter: CharterVersion | None = None,
    article: str = "",
) -> ModerationEvent:
    """Hide a document or commons, or show it again; the reason goes to the public log, with
    the charter's ``article`` (a heading's anchor of the version ``charter``) when one is cited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Say why: the reason is shown in the public moderation log.")]}
        )
    title = _article_title(charter, article)
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
        charter_version=charter if article else None,
        charter_article=article,
        charter_article_title=title,
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
        data={"reason": reason, **({"charter_article": article} if article else {})},
    )
    return event


def _article_title(charter: CharterVersion | None, article: str) -> str:
    if not article:
        return ""
    titles = {heading.anchor: heading.title for heading in charter_articles(charter)}
    if article not in titles:
        raise ValidationError(
            {"article": [_("This article is not in the cited version of the charter.")]}
        )
    return titles[article][:300]

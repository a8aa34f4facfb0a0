"""Audit events read in words: ``{{ event.action|action_words }}``, ``{{ event|object_words }}``."""

from django import template
from django.utils.translation import gettext as _

from remix.core.audit_actions import action_label, object_label

register = template.Library()


@register.filter
def action_words(action: str) -> str:
    return action_label(action)


@register.filter
def object_words(event) -> str:
    """The kind of object the event is about and its number (« opération n° 42 »)."""
    kind = object_label(event.object_type)
    if not kind:
        return ""
    if not event.object_id:
        return kind
    return _("%(kind)s no. %(number)s") % {"kind": kind, "number": event.object_id}

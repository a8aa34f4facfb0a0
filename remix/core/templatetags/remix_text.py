from django import template

from remix.core.i18ntext import text_for

register = template.Library()


@register.filter
def localized(values):
    """{{ actor.description|localized }}: the text in the reader's language, or a fallback."""
    return text_for(values)

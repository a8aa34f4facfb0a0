from django import template

from remix.core.i18ntext import text_for

register = template.Library()


@register.filter
def localized(values):
    """{{ actor.description|localized }}: the text in the reader's language, or a fallback."""
    return text_for(values)


@register.filter
def percent(value, decimals=0):
    """0.4390 → « 44 % » in French, "44%" in English: Babel, in the reader's locale."""
    from remix.core.formats import format_percent

    return format_percent(value, decimals=int(decimals))


@register.filter
def decimal(value, decimals=3):
    from remix.core.formats import format_decimal

    return format_decimal(value, decimals=int(decimals))


@register.filter
def markdown(text):
    """A user's Markdown as sanitised HTML (remix.core.markdown)."""
    from django.utils.safestring import mark_safe

    from remix.core.markdown import markdown_html

    return mark_safe(markdown_html(text))  # noqa: S308 (sanitised by Ammonia just above)


@register.filter
def markdown_anchored(text):
    """The same, each heading with its anchor, so that a link can point to it (a charter's
    articles)."""
    from django.utils.safestring import mark_safe

    from remix.core.markdown import markdown_html

    return mark_safe(markdown_html(text, anchors=True))  # noqa: S308 (sanitised by Ammonia)


@register.filter
def territory_name(value):
    """{{ opportunity.territory|territory_name }}: « Rhône », « Sénégal » (core.territories)."""
    from remix.core.territories import territory_name as name

    return name(value)

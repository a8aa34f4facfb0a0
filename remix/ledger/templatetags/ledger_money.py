"""Filters of the treasurer's pages: amounts in minor units, in the reader's locale, and the
descriptions the platform wrote in the reader's language."""

from django import template

from remix.core.formats import format_money
from remix.ledger.selectors.transactions import description_read

register = template.Library()


@register.filter
def described(transaction):
    """{{ tx|described }}: « Contrepassation : … » reads "Reversal: …" on /en/ (``labels``)."""
    return description_read(transaction)


@register.filter
def money(minor, commodity):
    """{{ posting.amount_minor|money:posting.commodity }} → « 1 240,50 € », "€1,240.50"."""
    return format_money(minor, commodity)


@register.filter
def debit(minor, commodity):
    """The amount when it is a debit (positive), else nothing."""
    return format_money(minor, commodity) if minor and minor > 0 else ""


@register.filter
def credit(minor, commodity):
    """The amount turned positive when it is a credit (negative), else nothing."""
    return format_money(-minor, commodity) if minor and minor < 0 else ""


@register.filter
def negated(minor, commodity):
    """Income and claims read positive: the amount with its sign turned."""
    return format_money(-minor, commodity) if minor is not None else ""


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def rate_text(value):
    """A rate with the decimals it has, no more: « 0,655957 », « 15 »."""
    from babel import numbers

    from remix.core.formats import current_locale

    if value is None:
        return ""
    return numbers.format_decimal(value, format="#,##0.##########", locale=current_locale())


@register.filter
def code_breaks(code):
    """An account code that may wrap after its colons on a narrow screen, not inside a word."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    return mark_safe(escape(code).replace(":", ":<wbr>"))  # noqa: S308 — escaped just above

"""An amount a person typed or sent, read for a write: the money module's rules (``money.py``,
pure) with the refusals said in the reader's language, on the field that holds the amount."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remix.core.money import MoneyError, commodity_check, minor_digits, to_minor


def amount_positive(amount, commodity: str, *, field: str = "amount") -> tuple[int, str]:
    """A positive amount in minor units of a known commodity, and the commodity's code."""
    try:
        commodity = commodity_check(commodity)
    except MoneyError:
        raise ValidationError(
            {"commodity": _("Unknown currency: %(code)s.") % {"code": commodity}}
        ) from None
    try:
        minor = to_minor(amount, commodity)
    except MoneyError:
        raise ValidationError(
            {
                field: _("%(amount)s is not an amount in %(code)s (at most %(digits)s decimals).")
                % {"amount": amount, "code": commodity, "digits": minor_digits(commodity)}
            }
        ) from None
    if minor <= 0:
        raise ValidationError({field: _("Give an amount above zero.")})
    return minor, commodity

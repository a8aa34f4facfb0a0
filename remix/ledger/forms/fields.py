"""The fields the treasurer's forms are made of: amounts in the reader's locale, currencies,
periods, dates in the books' window, and the choices of funds and accounts."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from babel import numbers
from babel.numbers import NumberFormatError, parse_decimal
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remix.core.dates import date_validator
from remix.core.formats import current_locale
from remix.core.money import HOUR, MoneyError, commodity_read, from_minor
from remix.ledger import maths

# Spaces people and locales put between thousands: space, no-break space, narrow no-break space,
# thin space, and the apostrophes of Swiss usage.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009'’]")
_NUMBER = re.compile(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$")


def number_typed(value: Decimal) -> str:
    """A decimal as a form shows it back to be typed again, in the reader's locale (« 6 000,5 »):
    what ``decimal_parse`` reads."""
    return numbers.format_decimal(value, locale=current_locale())


def amount_typed(minor: int, commodity: str) -> str:
    """An amount of minor units as a form shows it back (« 6 000 »), without its currency."""
    return number_typed(from_minor(minor, commodity))


def decimal_parse(text: str) -> Decimal:
    """A decimal typed by a person: « 1 240,50 », "1,240.50" and "1240.50" all mean 1240.50.

    The reader's locale decides first (in French "1,240" is 1.24; in English 1240); what it does
    not accept is read with its last separator as the decimal mark. Never a float."""
    cleaned = _GROUPING.sub("", (text or "").strip()).replace("\u2212", "-")
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(parse_decimal(cleaned, locale=current_locale(), strict=True))
    except (NumberFormatError, InvalidOperation, ValueError):
        pass
    sign = "-" if cleaned.startswith("-") else ""
    digits = cleaned.lstrip("+-")
    last = max(digits.rfind(","), digits.rfind("."))
    if last == -1:
        return Decimal(sign + digits)
    whole = re.sub(r"[.,]", "", digits[:last])
    fraction = digits[last + 1 :]
    if not fraction.isdigit() or not (whole.isdigit() or whole == ""):
        raise ValueError(text)
    return Decimal(f"{sign}{whole or '0'}.{fraction}")


class AmountField(forms.CharField):
    """An exact amount in the reader's locale; its sign is kept (income is negative)."""

    default_error_messages = {
        "invalid": _("Type an amount, for example 1 240,50 or 1240.50."),
    }

    def __init__(self, *args, positive: bool = False, **kwargs):
        self.positive = positive
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = decimal_parse(value)
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if self.positive and amount <= 0:
            raise forms.ValidationError(_("Type a positive amount."), code="positive")
        return amount


class CommodityField(forms.CharField):
    """An ISO 4217 currency, or HOUR for volunteer time."""

    def __init__(self, *args, hours: bool = True, **kwargs):
        self.hours = hours
        kwargs.setdefault("max_length", 4)
        kwargs.setdefault("initial", "EUR")
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "list": "commodities",
                    "autocapitalize": "characters",
                    "spellcheck": "false",
                    "size": 5,
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            code = commodity_read(value)
        except MoneyError:
            raise forms.ValidationError(
                _("Unknown currency: %(code)s. Use an ISO code such as EUR, XOF, CAD, or HOUR."),
                params={"code": value},
                code="commodity",
            ) from None
        if code == HOUR and not self.hours:
            raise forms.ValidationError(_("Hours are not a currency."), code="hours")
        return code


class PeriodField(forms.CharField):
    """A year, a quarter or a month: 2026, 2026-Q3, 2026-10."""

    def __init__(self, *args, kinds=("year", "quarter", "month"), **kwargs):
        self.kinds = kinds
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"spellcheck": "false", "size": 8, "maxlength": 7})
        )
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            period = maths.period_parse(value.upper())
        except ValueError:
            raise forms.ValidationError(
                _("Write a period as 2026 (a year), 2026-Q3 (a quarter) or 2026-10 (a month)."),
                code="period",
            ) from None
        if period.kind not in self.kinds:
            raise forms.ValidationError(
                _("A month (2026-10) or a year (2026) is closed, not a quarter."), code="kind"
            )
        date_validator(period.start)
        date_validator(period.end)
        return period


def date_field(label, **kwargs) -> forms.DateField:
    """A date typed in a date picker, inside the window of years the books accept."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator],
        **kwargs,
    )


def today() -> datetime.date:
    return timezone.localdate()


class FundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.label}"


class ActorSearchInput(forms.TextInput):
    """A text input offering the actors the server finds as one types (``actor_search.js``)."""

    template_name = "ledger/widgets/actor_search.html"

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = reverse("ledger:books_actor_search")
        return context


class ActorSearchField(forms.Field):
    """A counterparty typed, not chosen from thousands: its name, part of it, or its slug; the
    suggestions write « Name (slug) ». Empty is none; a text naming several actors, or none,
    is refused with the names it could mean."""

    widget = ActorSearchInput

    def prepare_value(self, value):
        from remix.allies.models import Actor
        from remix.ledger.selectors.counterparties import actor_label

        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            value = Actor.objects.filter(pk=int(value)).first()
        return actor_label(value) if isinstance(value, Actor) else value

    def to_python(self, value):
        from remix.ledger.selectors.counterparties import actor_label, actors_matching

        text = " ".join((value or "").split())
        if not text:
            return None
        found = actors_matching(text, limit=6)
        if len(found) == 1:
            return found[0]
        if not found:
            raise forms.ValidationError(
                _("No actor of the network is named “%(text)s”.") % {"text": text}
            )
        names = ", ".join(actor_label(actor) for actor in found[:5])
        raise forms.ValidationError(
            _("Several actors match “%(text)s”: %(names)s. Type more of the name, or the slug.")
            % {"text": text, "names": names + ("…" if len(found) > 5 else "")}
        )

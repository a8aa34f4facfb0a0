"""The treasurer's forms: they parse what was typed (amounts in the reader's locale) and nothing
more; the services decide what may be written and say why not."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from remix.core.dates import date_validator
from remix.core.formats import current_locale
from remix.core.money import HOUR, MoneyError, commodity_read
from remix.ledger import books
from remix.ledger.models import (
    Account,
    AccountScope,
    AccountType,
    Fund,
    FundKind,
    NeedCategory,
    ResourceNature,
    TransactionStatus,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LANGUAGE_NAMES = {"fr": _("in French"), "en": _("in English"), "es": _("in Spanish")}
# Spaces people and locales put between thousands: space, no-break space, narrow no-break space,
# thin space, and the apostrophes of Swiss usage.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009'’]")
_NUMBER = re.compile(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$")


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
            period = books.period_parse(value.upper())
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


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator],
        **kwargs,
    )


def _today():
    return timezone.localdate()


class FundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.label}"


def _accounts(*types):
    accounts = Account.objects.filter(active=True)
    return accounts.filter(type__in=types) if types else accounts


class _PerLanguage:
    """Forms with one text per language: ``name_fr``, ``name_en``… become ``{"fr": …}``."""

    def per_language(self, prefix: str) -> dict:
        return {code: self.cleaned_data.get(f"{prefix}_{code}", "") for code in LANGUAGE_CODES}

    @staticmethod
    def initial_per_language(prefix: str, values: dict) -> dict:
        return {f"{prefix}_{code}": (values or {}).get(code, "") for code in LANGUAGE_CODES}

    def _require_a_name(self, prefix: str) -> None:
        if not any(self.cleaned_data.get(f"{prefix}_{code}") for code in LANGUAGE_CODES):
            self.add_error(
                f"{prefix}_{settings.LANGUAGE_CODE}",
                _("Give a name in at least one language."),
            )


# --- accounts and funds --------------------------------------------------------------------------


class AccountEditForm(_PerLanguage, forms.Form):
    number = forms.CharField(
        label=_("Number in the French chart (PCG)"), max_length=12, required=False
    )
    name_fr = forms.CharField(label=_("Name in French"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    nature = forms.ChoiceField(
        label=_("Resource nature"),
        choices=[("", _("— (not an income account)")), *ResourceNature.choices],
        required=False,
        help_text=_("Income accounts only: where the resource comes from."),
    )
    need_category = forms.ChoiceField(
        label=_("Need category"),
        choices=[("", _("— (not an expense account)")), *NeedCategory.choices],
        required=False,
        help_text=_("Expense accounts only: which need it pays for."),
    )
    scope = forms.ChoiceField(
        label=_("May be used in"), choices=AccountScope.choices, initial=AccountScope.ANY
    )
    is_cash = forms.BooleanField(
        label=_("Bank or cash account (counted in the runway)"), required=False
    )
    active = forms.BooleanField(label=_("Open (new postings allowed)"), required=False)

    def clean(self):
        data = super().clean()
        self._require_a_name("name")
        return data

    @classmethod
    def initial_for(cls, account: Account) -> dict:
        return {
            "number": account.number,
            **cls.initial_per_language("name", account.name),
            "nature": account.nature,
            "need_category": account.need_category,
            "scope": account.scope,
            "is_cash": account.is_cash,
            "active": account.active,
        }

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": self.per_language("name"),
            "number": data["number"].strip(),
            "nature": data["nature"],
            "need_category": data["need_category"],
            "scope": data["scope"],
            "is_cash": data["is_cash"],
            "active": data.get("active", True),
        }


class AccountCreateForm(AccountEditForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=200,
        help_text=_(
            "Its place in the tree, parts separated by colons: Income:Grants:Public. "
            "The first part gives the type (Assets, Liabilities, Equity, Income, Expenses); "
            "neither can change later."
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "off"}),
    )

    field_order = ["code", "number", "name_fr", "name_en", "name_es"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["active"]

    def service_fields(self) -> dict:
        fields = super().service_fields()
        del fields["active"]
        return {"code": self.cleaned_data["code"].strip(), **fields}


class FundEditForm(_PerLanguage, forms.Form):
    name_fr = forms.CharField(label=_("Name in French"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=200, required=False)
    description_fr = forms.CharField(
        label=_("Description in French"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_es = forms.CharField(
        label=_("Description in Spanish"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    active = forms.BooleanField(label=_("Active"), required=False)

    def clean(self):
        data = super().clean()
        self._require_a_name("name")
        return data

    @classmethod
    def initial_for(cls, fund: Fund) -> dict:
        return {
            **cls.initial_per_language("name", fund.name),
            **cls.initial_per_language("description", fund.description),
            "active": fund.active,
        }

    def service_fields(self) -> dict:
        return {
            "name": self.per_language("name"),
            "description": self.per_language("description"),
            "active": self.cleaned_data["active"],
        }


class FundCreateForm(FundEditForm):
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=80,
        help_text=_("Lower case, no spaces, used in addresses and exports: fiesta-2026."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of mediation project"),
        choices=[(value, label) for value, label in FundKind.choices if value != "platform"],
    )
    reporting_currency = CommodityField(
        label=_("Reporting currency"),
        hours=False,
        max_length=3,
        help_text=_("Reports of this fund convert other currencies to this one."),
    )

    field_order = ["slug", "kind", "name_fr", "name_en", "name_es"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["active"]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "slug": data["slug"],
            "kind": data["kind"],
            "name": self.per_language("name"),
            "description": self.per_language("description"),
            "reporting_currency": data["reporting_currency"],
        }


# --- transactions --------------------------------------------------------------------------------


class TransactionFilterForm(forms.Form):
    STATUS = [("", _("all")), *TransactionStatus.choices, ("waiting", _("to categorise"))]

    q = forms.CharField(label=_("Description contains"), required=False)
    fund = FundChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.all(),
        required=False,
        empty_label=_("all funds"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS, required=False)
    period = PeriodField(label=_("Period"), required=False, help_text=_("2026, 2026-Q3, 2026-10"))
    account = AccountChoiceField(
        label=_("Account"),
        queryset=Account.objects.all(),
        required=False,
        empty_label=_("all accounts"),
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class TransactionForm(forms.Form):
    date = _date_field(_("Date"), initial=_today)
    description = forms.CharField(label=_("Description"), max_length=300)
    counterparty = forms.ModelChoiceField(
        label=_("Counterparty"),
        queryset=None,
        required=False,
        empty_label=_("— none —"),
        help_text=_("Who paid or was paid: an actor of the network."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous: public pages and exports never name them"), required=False
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=120,
        required=False,
        help_text=_("Invoice or receipt number, bank reference…"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from remix.allies.models import Actor

        self.fields["counterparty"].queryset = Actor.objects.order_by("name")

    @classmethod
    def initial_for(cls, tx) -> dict:
        return {
            "date": tx.date,
            "description": tx.description,
            "counterparty": tx.counterparty_id,
            "anonymous": tx.anonymous,
            "reference": tx.reference,
        }


class PostingForm(forms.Form):
    account = AccountChoiceField(label=_("Account"), queryset=None, empty_label="—")
    fund = FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    # The rule for signs is said once above the rows (``postings-help``), not on every row.
    amount = AmountField(label=_("Amount"))
    commodity = CommodityField(label=_("Currency"))
    memo = forms.CharField(label=_("Memo"), max_length=200, required=False)

    def __init__(self, *args, default_fund=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.filter(active=True)
        self.fields["fund"].queryset = Fund.objects.filter(active=True)
        if default_fund is not None:
            self.fields["fund"].initial = default_fund.pk

    def has_changed(self):
        """A row with neither account nor amount is an unused row, whatever its selects say."""
        return any(self[name].value() not in (None, "") for name in ("account", "amount", "memo"))


class BasePostingFormSet(forms.BaseFormSet):
    def initial_form_count(self):
        """Any row may be left empty, those the page offered included: it is skipped."""
        return 0 if self.is_bound else super().initial_form_count()

    def legs(self):
        from remix.ledger.services import Leg

        return [
            Leg(
                account=form.cleaned_data["account"],
                fund=form.cleaned_data["fund"],
                amount=form.cleaned_data["amount"],
                commodity=form.cleaned_data["commodity"] or "EUR",
                memo=form.cleaned_data.get("memo", ""),
            )
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        ]


PostingFormSet = forms.formset_factory(
    PostingForm, formset=BasePostingFormSet, extra=0, can_delete=False
)
POSTING_ROWS = 4  # rows offered on a new transaction; the script adds more


def postings_formset(data=None, *, postings=None, fund=None):
    """The posting rows: the transaction's own, then blank ones to fill (in ``fund``)."""
    kwargs = {"prefix": "postings", "form_kwargs": {"default_fund": fund}}
    if data is not None:
        return PostingFormSet(data, **kwargs)
    initial = [
        {
            "account": posting.account_id,
            "fund": posting.fund_id,
            "amount": _amount_text(posting.amount),
            "commodity": posting.commodity,
            "memo": posting.memo,
        }
        for posting in (postings or [])
    ]
    rows = max(POSTING_ROWS - len(initial), 1)
    return PostingFormSet(initial=initial + [{"commodity": "EUR"}] * rows, **kwargs)


def _amount_text(amount: Decimal) -> str:
    """An amount as the reader types it: a comma in French and Spanish."""
    text = format(amount, "f")
    return text.replace(".", ",") if (get_language() or "fr")[:2] in {"fr", "es"} else text


class CategoriseForm(forms.Form):
    account = AccountChoiceField(
        label=_("Account"),
        queryset=None,
        empty_label="—",
        help_text=_("What it is: a contribution, a grant, a hosting cost…"),
    )
    fund = FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    post = forms.BooleanField(label=_("Post it at once"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.filter(active=True, is_suspense=False)
        self.fields["fund"].queryset = Fund.objects.filter(active=True)


class ReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Why the transaction is reversed; kept with both transactions."),
        widget=forms.TextInput(),
    )
    date = _date_field(
        _("Date of the reversal"),
        initial=_today,
        help_text=_("In an open period, and not before the original."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Receipt or invoice"))
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Empty: the file's name.")
    )


class _QuickForm(forms.Form):
    date = _date_field(_("Date"), initial=_today)
    fund = FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    description = forms.CharField(label=_("Description"), max_length=300)
    counterparty = forms.ModelChoiceField(
        label=_("Who gave it"), queryset=None, required=False, empty_label=_("— none —")
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous: public pages and exports never name them"), required=False
    )
    post = forms.BooleanField(label=_("Post it at once"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from remix.allies.models import Actor

        self.fields["fund"].queryset = Fund.objects.filter(active=True)
        self.fields["counterparty"].queryset = Actor.objects.order_by("name")


class HoursForm(_QuickForm):
    hours = AmountField(
        label=_("Hours"),
        positive=True,
        help_text=_("Volunteer time, to the hundredth of an hour: 2,5 is two hours and a half."),
    )
    field_order = ["date", "hours", "fund", "description", "counterparty", "anonymous"]


class InKindForm(_QuickForm):
    amount = AmountField(
        label=_("Declared fair value"),
        positive=True,
        help_text=_("What the goods or services would have cost."),
    )
    commodity = CommodityField(label=_("Currency"), hours=False)
    field_order = ["date", "amount", "commodity", "fund", "description", "counterparty"]


class TransferForm(forms.Form):
    date = _date_field(_("Date"), initial=_today)
    from_fund = FundChoiceField(label=_("From the fund"), queryset=None, empty_label=None)
    to_fund = FundChoiceField(label=_("To the fund"), queryset=None, empty_label=None)
    amount = AmountField(label=_("Amount"), positive=True)
    commodity = CommodityField(label=_("Currency"), hours=False)
    account = AccountChoiceField(
        label=_("Bank or cash account"),
        queryset=None,
        empty_label=None,
        help_text=_("The account the money sits in, in both funds."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("Empty: “Transfer from … to …”."),
    )
    post = forms.BooleanField(label=_("Post it at once"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        funds = Fund.objects.filter(active=True)
        self.fields["from_fund"].queryset = funds
        self.fields["to_fund"].queryset = funds
        self.fields["account"].queryset = Account.objects.filter(active=True, is_cash=True)

    def clean(self):
        data = super().clean()
        if data.get("from_fund") and data.get("from_fund") == data.get("to_fund"):
            self.add_error("to_fund", _("A transfer moves money between two funds."))
        return data


# --- needs, rates, reports, closing --------------------------------------------------------------


class BudgetFilterForm(forms.Form):
    fund = FundChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.all(),
        required=False,
        empty_label=_("all funds"),
        to_field_name="slug",
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999, required=False)


class BudgetLineForm(forms.Form):
    fund = FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    period = PeriodField(
        label=_("Period"),
        help_text=_("A year (2026), a quarter (2026-Q3) or a month (2026-10)."),
    )
    account = AccountChoiceField(
        label=_("Expense account"),
        queryset=None,
        required=False,
        empty_label=_("— by category —"),
    )
    category = forms.ChoiceField(
        label=_("Need category"),
        choices=[("", _("— the account's —")), *NeedCategory.choices],
        required=False,
    )
    amount = AmountField(label=_("Amount"), positive=True)
    commodity = CommodityField(label=_("Currency"), hours=False)
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(active=True)
        self.fields["account"].queryset = _accounts(AccountType.EXPENSE)

    def clean(self):
        data = super().clean()
        if not data.get("account") and not data.get("category"):
            self.add_error("category", _("Choose an expense account or a need category."))
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        note = data["note"].strip()
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return {
            "fund": data["fund"],
            "period": data["period"],
            "amount": data["amount"],
            "commodity": data["commodity"],
            "account": data["account"],
            "category": data["category"],
            "note": {language: note} if note else {},
        }


class RateForm(forms.Form):
    date = _date_field(_("Date"), initial=_today)
    commodity = CommodityField(
        label=_("From"), initial=None, help_text=_("HOUR for the hourly value of volunteer time.")
    )
    quote = CommodityField(label=_("To"), hours=False)
    rate = AmountField(
        label=_("Rate"),
        positive=True,
        help_text=_("1 of the first is worth this many of the second."),
    )

    def clean(self):
        data = super().clean()
        if data.get("commodity") and data.get("commodity") == data.get("quote"):
            self.add_error("quote", _("A rate converts between two commodities."))
        return data


class ReportForm(forms.Form):
    fund = FundChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.all(),
        required=False,
        empty_label=_("all funds (consolidated)"),
        to_field_name="slug",
    )
    on = _date_field(_("On"), required=False)
    period = PeriodField(label=_("Period"), required=False, help_text=_("2026, 2026-Q3, 2026-10"))

    @classmethod
    def with_defaults(cls, query) -> "ReportForm":
        """Always bound, so that the page shows the day and the period it reports on."""
        today = timezone.localdate()
        data = query.copy()
        for key, value in (("on", today.isoformat()), ("period", str(today.year))):
            if not data.get(key):
                data[key] = value
        return cls(data)

    def values(self) -> dict:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("period") or books.period_of("year", today)
        return {
            "fund": data.get("fund"),
            "on": data.get("on") or today,
            "period": period,
        }


class CloseForm(forms.Form):
    period = PeriodField(
        label=_("Month or year to close"),
        kinds=("month", "year"),
        help_text=_("A month (2026-10) or a year (2026), once reconciled."),
    )

    @staticmethod
    def last_month() -> str:
        first = timezone.localdate().replace(day=1)
        return (first - datetime.timedelta(days=1)).strftime("%Y-%m")

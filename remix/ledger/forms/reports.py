"""The forms of needs, rates, reports and closing."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from remix.ledger import maths
from remix.ledger.forms import fields
from remix.ledger.models import Account, AccountType, Fund, NeedCategory


class BudgetFilterForm(forms.Form):
    fund = fields.FundChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.all(),
        required=False,
        empty_label=_("all funds"),
        to_field_name="slug",
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2999, required=False)


class BudgetLineForm(forms.Form):
    fund = fields.FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    period = fields.PeriodField(
        label=_("Period"),
        help_text=_("A year (2026), a quarter (2026-Q3) or a month (2026-10)."),
    )
    account = fields.AccountChoiceField(
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
    amount = fields.AmountField(label=_("Amount"), positive=True)
    commodity = fields.CommodityField(label=_("Currency"), hours=False)
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(active=True)
        self.fields["account"].queryset = Account.objects.filter(
            active=True, type__in=[AccountType.EXPENSE]
        )

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
    date = fields.date_field(_("Date"), initial=fields.today)
    commodity = fields.CommodityField(
        label=_("From"), initial=None, help_text=_("HOUR for the hourly value of volunteer time.")
    )
    quote = fields.CommodityField(label=_("To"), hours=False)
    rate = fields.AmountField(
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
    fund = fields.FundChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.all(),
        required=False,
        empty_label=_("all funds (consolidated)"),
        to_field_name="slug",
    )
    on = fields.date_field(_("On"), required=False)
    period = fields.PeriodField(
        label=_("Period"), required=False, help_text=_("2026, 2026-Q3, 2026-10")
    )

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
        period = data.get("period") or maths.period_of("year", today)
        return {
            "fund": data.get("fund"),
            "on": data.get("on") or today,
            "period": period,
        }


class CloseForm(forms.Form):
    period = fields.PeriodField(
        label=_("Month or year to close"),
        kinds=("month", "year"),
        help_text=_("A month (2026-10) or a year (2026), once reconciled."),
    )

    @staticmethod
    def last_month() -> str:
        first = timezone.localdate().replace(day=1)
        return (first - datetime.timedelta(days=1)).strftime("%Y-%m")

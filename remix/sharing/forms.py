"""The dry run's question (an amount, a period, a version) and a treasurer's distribution."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from remix.core.forms import ServiceErrors
from remix.core.money import MoneyError, to_minor

# A browser's date field reads and writes ISO dates, whatever the page's language.
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DryRunForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to share"), min_value=0, max_digits=15, decimal_places=2
    )
    start = forms.DateField(
        label=_("Contributions from"),
        required=False,
        widget=DAY,
    )
    end = forms.DateField(
        label=_("Contributions until"),
        required=False,
        widget=DAY,
    )

    def __init__(self, *args, commodity: str = "EUR", **kwargs):
        super().__init__(*args, **kwargs)
        self.commodity = commodity

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        try:
            minor = to_minor(amount, self.commodity)
        except MoneyError as error:
            raise ValidationError(str(error)) from None
        if minor <= 0:
            raise ValidationError(_("Share a positive amount."))
        return minor

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("start", _("The period starts before it ends."))
        return data


class DistributionForm(ServiceErrors, DryRunForm):
    SERVICE_FIELDS = {"period_start": "start", "postings": None, "date": "date"}

    date = forms.DateField(label=_("Date of the postings"), widget=DAY)
    income = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Income shared"),
        help_text=_("The posted income of the fund this distribution shares, if one."),
    )

    def __init__(self, *args, incomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["income"].queryset = incomes

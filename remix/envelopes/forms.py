"""The contributive budget's forms: each posts to one service, whose refusals land on its fields."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from remix.core.forms import ServiceErrors
from remix.envelopes.models import Rule
from remix.ledger.models import Account, AccountType, Fund

MONEY = {"max_digits": 15, "decimal_places": 2, "min_value": Decimal("0.01"), "localize": True}


class EnvelopeForm(ServiceErrors, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        help_text=_("What the envelope is for, in Markdown."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fund = forms.ModelChoiceField(
        Fund.objects.filter(active=True).order_by("slug"), label=_("Paid from the fund")
    )
    expense_account = forms.ModelChoiceField(
        Account.objects.filter(type=AccountType.EXPENSE, active=True).order_by("code"),
        label=_("Expense account"),
    )
    period = forms.CharField(label=_("Period"), max_length=120, required=False)
    project = forms.CharField(label=_("Project"), max_length=200, required=False)
    project_fund = forms.ModelChoiceField(
        Fund.objects.filter(active=True).order_by("slug"),
        label=_("Project's fund"),
        required=False,
    )
    amount = forms.DecimalField(label=_("Amount of the envelope"), **MONEY)
    day_min = forms.DecimalField(label=_("Minimum per day"), **MONEY)
    day_max = forms.DecimalField(label=_("Maximum per day"), **MONEY)


class RequestForm(ServiceErrors, forms.Form):
    what = forms.CharField(
        label=_("What I did"),
        help_text=_("Say it publicly, with links to the work. Markdown."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    days = forms.DecimalField(
        label=_("Days"), max_digits=6, decimal_places=2, min_value=Decimal("0.01"), localize=True
    )
    amount = forms.DecimalField(label=_("Amount I find fair"), **MONEY)


class CommentForm(ServiceErrors, forms.Form):
    body = forms.CharField(
        label=_("Your question or answer"),
        help_text=_("Markdown. Everyone can read it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(ServiceErrors, forms.Form):
    """The rule, and with ``agreed`` one amount per request (``agreed_<id>``)."""

    SERVICE_FIELDS = {"agreed": None}

    rule = forms.ChoiceField(
        label=_("Closing rule"), choices=Rule.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requests = list(requests)
        for request in self.requests:
            self.fields[f"agreed_{request.pk}"] = forms.DecimalField(
                label=_("Agreed for %(name)s") % {"name": request.name},
                required=False,
                max_digits=15,
                decimal_places=2,
                min_value=Decimal("0"),
                localize=True,
            )

    def agreed_fields(self):
        return [self[f"agreed_{request.pk}"] for request in self.requests]

    def clean(self):
        data = super().clean()
        if data.get("rule") == Rule.AGREED:
            missing = [r for r in self.requests if data.get(f"agreed_{r.pk}") is None]
            for request in missing:
                self.add_error(f"agreed_{request.pk}", _("Give the amount agreed in the meeting."))
        return data

    def agreed(self) -> dict[int, Decimal]:
        return {r.pk: self.cleaned_data[f"agreed_{r.pk}"] for r in self.requests}

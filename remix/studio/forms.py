"""The study office's forms: a quote and its lines, a client's acceptance, a person on an
engagement, a time declaration and a treasurer's decision on it."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from remix.allies.models import Actor, ActorKind
from remix.core.forms import ServiceErrors
from remix.studio.models import InvoicePart
from remix.studio.selectors import services_offered
from remix.studio.services import LineAsked

LINES = 4  # line rows a quote form offers; empty rows are left out
DAY = {"type": "date"}


class QuoteForm(ServiceErrors, forms.Form):
    client = forms.ModelChoiceField(
        Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name"), label=_("Client")
    )
    title = forms.CharField(label=_("What the quote is for"), max_length=200)
    language = forms.ChoiceField(label=_("The client's language"), choices=settings.LANGUAGES)
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs=DAY))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(LINES):
            number = index + 1
            self.fields[f"service_{index}"] = forms.ModelChoiceField(
                services_offered(),
                required=index == 0,
                label=_("Line %(n)s: service") % {"n": number},
            )
            self.fields[f"quantity_{index}"] = forms.DecimalField(
                required=False,
                min_value=0,
                decimal_places=2,
                label=_("Line %(n)s: quantity") % {"n": number},
                help_text=_("Days, participants or units, as the service is priced."),
            )
            self.fields[f"unit_price_{index}"] = forms.DecimalField(
                required=False,
                min_value=0,
                decimal_places=2,
                label=_("Line %(n)s: unit price") % {"n": number},
                help_text=_("Empty: the service's price (or, for a free price, the amount asked)."),
            )

    def lines(self) -> list[LineAsked]:
        data = self.cleaned_data
        return [
            LineAsked(
                service=data[f"service_{index}"],
                quantity=data.get(f"quantity_{index}") or 1,
                unit_price=data.get(f"unit_price_{index}"),
            )
            for index in range(LINES)
            if data.get(f"service_{index}")
        ]

    def written(self) -> dict:
        data = self.cleaned_data
        return {
            "client": data["client"],
            "title": data["title"],
            "language": data["language"],
            "valid_until": data["valid_until"],
            "note": data["note"],
            "lines": self.lines(),
        }


class AcceptForm(ServiceErrors, forms.Form):
    accepted_on = forms.DateField(label=_("Accepted on"), widget=forms.DateInput(attrs=DAY))
    acceptance = forms.CharField(
        label=_("How the client accepted"),
        max_length=300,
        help_text=_("A signed copy, an order number, a council's decision…"),
    )
    start_date = forms.DateField(label=_("Work starts on"), widget=forms.DateInput(attrs=DAY))
    end_date = forms.DateField(label=_("Work ends on"), widget=forms.DateInput(attrs=DAY))
    deliverables = forms.CharField(
        label=_("Deliverables"), required=False, widget=forms.Textarea({"rows": 3})
    )
    day_rate = forms.DecimalField(
        label=_("Agreed daily rate"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("Values the declared time; empty: the quote's daily rate."),
    )


class PersonForm(ServiceErrors, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    planned_days = forms.DecimalField(label=_("Planned days"), min_value=0, decimal_places=2)

    SERVICE_FIELDS = {"user": "username"}

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has this username."))
        return user


class TimeForm(ServiceErrors, forms.Form):
    date = forms.DateField(label=_("Day worked"), widget=forms.DateInput(attrs=DAY))
    hours = forms.DecimalField(label=_("Hours"), min_value=0, decimal_places=2)
    description = forms.CharField(label=_("What was done"), max_length=300)


class InvoiceForm(ServiceErrors, forms.Form):
    part = forms.ChoiceField(
        label=_("What to invoice"), choices=InvoicePart.choices, widget=forms.RadioSelect
    )
    share = forms.DecimalField(
        label=_("Deposit, as a share of the quote"),
        required=False,
        min_value=0,
        max_value=1,
        decimal_places=4,
        initial="0.30",
        help_text=_("0.30 for 30 %; only for a deposit."),
    )


class DecideForm(ServiceErrors, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("validate", _("Validate")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason for a refusal"), max_length=300, required=False)

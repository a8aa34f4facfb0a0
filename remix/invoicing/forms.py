"""The invoicing pages' forms: a draft (client, language, note and its lines), a payment, a
credit note, the list's filters and the issuer's details."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.allies.models import Actor
from remix.core.forms import ServiceErrors
from remix.invoicing.models import InvoiceIssuer, PaymentMethod, VatExemption

LANGUAGES = (("fr", "Français"), ("en", "English"), ("es", "Español"))
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DraftForm(ServiceErrors, forms.Form):
    client = forms.ModelChoiceField(
        Actor.objects.order_by("name"),
        label=_("Client"),
        help_text=_("An actor of the allies map, with its postal address and identifier."),
    )
    language = forms.ChoiceField(label=_("Language of the invoice"), choices=LANGUAGES)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class LineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=500)
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=0, max_digits=12, decimal_places=3, initial=1
    )
    unit_price = forms.DecimalField(
        label=_("Unit price without VAT"), min_value=0, max_digits=14, decimal_places=2
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate (%)"), min_value=0, max_value=99, decimal_places=2, initial=0
    )


LineFormSet = forms.formset_factory(LineForm, extra=3, min_num=1, validate_min=True)


def lines_of(formset) -> list[dict]:
    """The filled lines of a valid formset, as the services take them."""
    return [
        {
            "description": form.cleaned_data["description"],
            "quantity": form.cleaned_data["quantity"],
            "unit_price": form.cleaned_data["unit_price"],
            "vat_rate": form.cleaned_data["vat_rate"],
        }
        for form in formset
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class PaymentForm(ServiceErrors, forms.Form):
    SERVICE_FIELDS = {"amount_minor": "amount"}

    amount = forms.DecimalField(label=_("Amount received"), min_value=0, decimal_places=2)
    date = forms.DateField(label=_("Date received"), widget=DATE, initial=timezone.localdate)
    method = forms.ChoiceField(label=_("Method"), choices=PaymentMethod.choices)


class CreditNoteForm(ServiceErrors, forms.Form):
    SERVICE_FIELDS = {"lines": "amount"}

    description = forms.CharField(
        label=_("What is credited"),
        max_length=500,
        required=False,
        help_text=_("Left empty, with no amount: the whole invoice is credited."),
    )
    amount = forms.DecimalField(
        label=_("Amount credited without VAT"), min_value=0, decimal_places=2, required=False
    )
    vat_rate = forms.DecimalField(
        label=_("VAT rate (%)"), min_value=0, max_value=99, decimal_places=2, initial=0
    )
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def lines(self):
        """None for a total credit note, else its one line."""
        data = self.cleaned_data
        if not data.get("amount"):
            return None
        return [
            {
                "description": data["description"]
                or str(pgettext_lazy("credit note line", "Credit")),
                "quantity": "1",
                "unit_price": data["amount"],
                "vat_rate": data["vat_rate"] or 0,
            }
        ]


class FilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=(
            ("", pgettext_lazy("invoice status", "all")),
            ("draft", pgettext_lazy("invoice status", "draft")),
            ("due", pgettext_lazy("invoice status", "due")),
            ("paid", pgettext_lazy("invoice status", "paid")),
        ),
    )
    client = forms.ModelChoiceField(
        Actor.objects.filter(invoices__isnull=False).distinct().order_by("name"),
        label=_("Client"),
        required=False,
    )


class IssuerForm(ServiceErrors, forms.ModelForm):
    class Meta:
        model = InvoiceIssuer
        fields = InvoiceIssuer.FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vat_exemption"].choices = VatExemption.choices

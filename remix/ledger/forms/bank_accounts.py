"""The form a treasurer or a steward records a bank account of the platform with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remix.allies.models import Actor, ActorKind
from remix.ledger.models import Account


class BankAccountForm(forms.Form):
    account = forms.ModelChoiceField(
        Account.objects.none(),
        label=_("Account in the books"),
        help_text=_("A cash account of the chart; add one to the chart first if need be."),
    )
    holder = forms.ModelChoiceField(
        Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name"),
        label=_("Holder"),
        help_text=_("The organisation that holds the account at the bank: the fiscal host."),
    )
    iban = forms.CharField(label="IBAN", max_length=42)
    bic = forms.CharField(label="BIC", max_length=11, required=False)
    holder_address = forms.CharField(
        label=_("Holder's address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the bank knows it; the tax receipts of the gifts it received print it."),
    )
    held_from = forms.DateField(
        label=_("Held from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Left empty for the incoming carrier's account: the handover of the fiscal host's "
            "charge makes it held from the day it takes effect."
        ),
    )
    held_until = forms.DateField(
        label=_("Held until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for an account held in the past."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = Account.objects.filter(
            is_cash=True, is_suspense=False, bank_details__isnull=True
        ).order_by("code")

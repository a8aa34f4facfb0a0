"""The handover's forms (the proposal, the checklist's confirmations), and an offer to carry a
charge's next term."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from remix.allies.models import Actor, ActorKind
from remix.core.forms import ServiceErrors
from remix.ledger.models import Account
from remix.stewardship.models import Charge, Term
from remix.stewardship.obligations import MANUAL
from remix.stewardship.selectors import handover_bank_accounts


class HandoverForm(ServiceErrors, forms.Form):
    term = forms.ModelChoiceField(Term.objects.none(), label=_("Charge handed over"))
    incoming = forms.ModelChoiceField(
        Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name"),
        label=_("Incoming carrier"),
    )
    effective_date = forms.DateField(
        label=_("Takes effect on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    incoming_people = forms.CharField(
        label=_("People acting for the incoming carrier"),
        help_text=_("Their usernames, separated by commas."),
        max_length=500,
    )
    from_account = forms.ModelChoiceField(
        Account.objects.filter(is_cash=True).order_by("code"),
        required=False,
        label=_("Outgoing bank account"),
        help_text=_(
            "The fiscal host's account whose balance moves; empty for other charges. Left "
            "empty, the accounts recorded for both carriers are taken."
        ),
    )
    to_account = forms.ModelChoiceField(
        Account.objects.filter(is_cash=True).order_by("code"),
        required=False,
        label=_("Incoming bank account"),
    )
    hours_per_month = forms.IntegerField(label=_("Hours per month"), min_value=0, initial=0)
    hosting = forms.CharField(label=_("Hosting"), max_length=200, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
        fiscal = [term for term in terms if term.charge == Charge.FISCAL_HOST]
        if fiscal:
            # The outgoing carrier's account, and the one recorded for a next holder.
            outgoing, incoming = handover_bank_accounts(term=fiscal[0])
            self.fields["from_account"].initial = outgoing
            self.fields["to_account"].initial = incoming

    def clean_incoming_people(self):
        names = [name.strip() for name in self.cleaned_data["incoming_people"].split(",")]
        names = [name for name in names if name]
        found = list(get_user_model().objects.filter(username__in=names, is_active=True))
        missing = sorted(set(names) - {user.username for user in found})
        if missing:
            raise ValidationError(_("Unknown people: %(names)s.") % {"names": ", ".join(missing)})
        return found


class ChecklistForm(forms.Form):
    confirmed = forms.MultipleChoiceField(
        choices=list(MANUAL.items()),
        widget=forms.CheckboxSelectMultiple,
        label=_("Done"),
    )


class VolunteerForm(ServiceErrors, forms.Form):
    actor = forms.ModelChoiceField(
        Actor.objects.exclude(kind=ActorKind.PERSON).order_by("name"),
        label=_("Organisation"),
    )
    charge = forms.ChoiceField(choices=Charge.choices, label=_("Charge"))
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What the organisation offers, or when it could start."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

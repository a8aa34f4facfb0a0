"""Money that matched no pledge, recorded by hand as a gift to a fund: the treasurer says which
fund, who gave and how the gift is shown; its amount, currency and date are the bank row's or
the payment notice's, never typed again."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from remix.contributions.models import Visibility
from remix.ledger.models import Fund


class UnmatchedGiftForm(forms.Form):
    fund = forms.ModelChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.none(),
        to_field_name="slug",
        error_messages={"required": _("Choose the fund the gift goes to.")},
    )
    name = forms.CharField(
        label=_("Giver's name"),
        max_length=200,
        error_messages={"required": _("Say who gives.")},
    )
    visibility = forms.ChoiceField(
        label=_("Shown as"),
        choices=[(value, capfirst(label)) for value, label in Visibility.choices],
        initial=Visibility.AMOUNT,
    )

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds

    def refusals(self) -> list[str]:
        """What is wrong, each said once, for a message above the list."""
        said = []
        for errors in self.errors.values():
            said += [str(error) for error in errors if str(error) not in said]
        return said

"""The one-screen forms: volunteer time, an in-kind gift, a transfer between funds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remix.ledger.forms import fields
from remix.ledger.models import Account, Fund


class _QuickForm(forms.Form):
    date = fields.date_field(_("Date"), initial=fields.today)
    fund = fields.FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    description = forms.CharField(label=_("Description"), max_length=300)
    counterparty = fields.ActorSearchField(
        label=_("Who gave it"),
        required=False,
        help_text=_("An actor of the network: type a name or a slug."),
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous: public pages and exports never name them"), required=False
    )
    post = forms.BooleanField(label=_("Post it at once"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(active=True)


class HoursForm(_QuickForm):
    hours = fields.AmountField(
        label=_("Hours"),
        positive=True,
        help_text=_("Volunteer time, to the hundredth of an hour: 2,5 is two hours and a half."),
    )
    field_order = ["date", "hours", "fund", "description", "counterparty", "anonymous"]


class InKindForm(_QuickForm):
    amount = fields.AmountField(
        label=_("Declared fair value"),
        positive=True,
        help_text=_("What the goods or services would have cost."),
    )
    commodity = fields.CommodityField(label=_("Currency"), hours=False)
    field_order = ["date", "amount", "commodity", "fund", "description", "counterparty"]


class TransferForm(forms.Form):
    date = fields.date_field(_("Date"), initial=fields.today)
    from_fund = fields.FundChoiceField(label=_("From the fund"), queryset=None, empty_label=None)
    to_fund = fields.FundChoiceField(label=_("To the fund"), queryset=None, empty_label=None)
    amount = fields.AmountField(label=_("Amount"), positive=True)
    commodity = fields.CommodityField(label=_("Currency"), hours=False)
    account = fields.AccountChoiceField(
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

"""The transaction forms: the list's filters, a transaction and its posting rows, and the
detail page's actions (categorise, reverse, attach a receipt)."""

from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from remix.ledger.forms import fields
from remix.ledger.models import Account, Fund, TransactionStatus


class TransactionFilterForm(forms.Form):
    STATUS = [("", _("all")), *TransactionStatus.choices, ("waiting", _("to categorise"))]

    q = forms.CharField(label=_("Description contains"), required=False)
    fund = fields.FundChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.all(),
        required=False,
        empty_label=_("all funds"),
        to_field_name="slug",
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS, required=False)
    period = fields.PeriodField(
        label=_("Period"), required=False, help_text=_("2026, 2026-Q3, 2026-10")
    )
    account = fields.AccountChoiceField(
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
    date = fields.date_field(_("Date"), initial=fields.today)
    description = forms.CharField(label=_("Description"), max_length=300)
    counterparty = fields.ActorSearchField(
        label=_("Counterparty"),
        required=False,
        help_text=_("Who paid or was paid: an actor of the network (type a name or a slug)."),
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
    account = fields.AccountChoiceField(label=_("Account"), queryset=None, empty_label="—")
    fund = fields.FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
    # The rule for signs is said once above the rows (``postings-help``), not on every row.
    amount = fields.AmountField(label=_("Amount"))
    commodity = fields.CommodityField(label=_("Currency"))
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
        from remix.ledger.services import legs_read

        return legs_read(
            {
                "account": form.cleaned_data["account"],
                "fund": form.cleaned_data["fund"],
                "amount": form.cleaned_data["amount"],
                "commodity": form.cleaned_data["commodity"] or "EUR",
                "memo": form.cleaned_data.get("memo", ""),
            }
            for form in self.forms
            if form.has_changed() and not self._should_delete_form(form)
        )


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
    account = fields.AccountChoiceField(
        label=_("Account"),
        queryset=None,
        empty_label="—",
        help_text=_("What it is: a contribution, a grant, a hosting cost…"),
    )
    fund = fields.FundChoiceField(label=_("Fund"), queryset=None, empty_label=None)
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
    date = fields.date_field(
        _("Date of the reversal"),
        initial=fields.today,
        help_text=_("In an open period, and not before the original."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Receipt or invoice"))
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Empty: the file's name.")
    )

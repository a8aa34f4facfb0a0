"""A production's forms: the production itself and a planned cost line (managers), and a
transaction of the books counted as one of its costs (treasurers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from remix.core.forms import ServiceErrors
from remix.ledger.models import AccountType, Fund, Transaction, TransactionStatus
from remix.productions.models import CostCategory, CostLine, ProductionKind, ProductionStatus


class ProductionForm(ServiceErrors, forms.Form):
    """A new production, titled and described in the language of the page it is written on."""

    SERVICE_FIELDS = {"slug": "title"}

    kind = forms.ChoiceField(label=_("Kind"), choices=ProductionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    starts = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProductionStatus.choices)
    fund = forms.ModelChoiceField(
        label=_("Its own fund in the books"),
        queryset=Fund.objects.filter(active=True).order_by("slug"),
        required=False,
        empty_label=_("None: its costs are paid from other funds"),
    )


class CostLineForm(ServiceErrors, forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=CostCategory.choices)
    label = forms.CharField(label=_("What it pays for"), max_length=200)
    amount = forms.DecimalField(
        label=_("Planned amount"), min_value=0, max_digits=15, decimal_places=2
    )


def cost_transactions(production, *, limit: int = 200):
    """The posted transactions a treasurer may count as the production's costs: an expense in its
    currency (in its own fund when it has one), newest first, not counted already."""
    found = Transaction.objects.filter(
        status=TransactionStatus.POSTED,
        postings__account__type=AccountType.EXPENSE,
        postings__commodity=production.commodity,
        reversed_by__isnull=True,
        reverses__isnull=True,
    )
    if production.fund_id:
        found = found.filter(postings__fund=production.fund_id)
    return (
        found.exclude(production_costs__production=production)
        .distinct()
        .order_by("-date", "-id")[:limit]
    )


class TransactionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.date:%Y-%m-%d} · {obj.description}"


class CostLinkForm(ServiceErrors, forms.Form):
    transaction = TransactionChoice(label=_("Transaction of the books"), queryset=None)
    line = forms.ModelChoiceField(
        label=_("Planned line"),
        queryset=None,
        required=False,
        empty_label=_("Unplanned cost"),
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        ids = list(cost_transactions(production).values_list("pk", flat=True))
        self.fields["transaction"].queryset = Transaction.objects.filter(pk__in=ids).order_by(
            "-date", "-id"
        )
        self.fields["line"].queryset = CostLine.objects.filter(production=production)

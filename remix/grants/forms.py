"""The funding search's forms: the search's filters, a saved search, an opportunity, and the
import of a file (answering one is ``forms_pipeline.ApplicationNewForm``). They parse what was
typed (amounts and shares in the reader's locale) and nothing more; the services decide what may
be written."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from remix.allies.models import LegalForm, Theme
from remix.core.dates import date_validator
from remix.core.forms import ServiceErrors
from remix.core.money import MoneyError, from_minor, to_minor
from remix.core.territories import territory_name
from remix.grants.models import FunderKind, Opportunity, OpportunityKind, Recurrence
from remix.grants.selectors.opportunities import (
    ALL,
    OPEN,
    OpportunityFilter,
    currencies_in_use,
    territories_in_use,
)
from remix.ledger.forms import AmountField, CommodityField, decimal_parse
from remix.ledger.selectors import fund_list


def _choices(text_choices, empty_label):
    return [("", empty_label), *((value, capfirst(label)) for value, label in text_choices.choices)]


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator],
        **kwargs,
    )


# --- the search ----------------------------------------------------------------------------------


class SearchForm(forms.Form):
    """The search's filters, from the query string: a value that does not parse is said next to
    its field, and the other filters still apply."""

    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    funder_kind = forms.ChoiceField(label=_("Kind of funder"), required=False)
    territory = forms.ChoiceField(
        label=_("Territory"),
        required=False,
        help_text=_("Calls open anywhere are shown too."),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    amount = AmountField(
        label=_("Amount needed"),
        required=False,
        positive=True,
        help_text=_("Calls whose range holds it, or whose typical amount covers it."),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    window = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            (OPEN, _("Any deadline ahead")),
            ("30", _("In the next 30 days")),
            ("60", _("In the next 60 days")),
            ("90", _("In the next 90 days")),
            (ALL, _("All, past deadlines included")),
        ],
    )
    fund = forms.ChoiceField(label=_("Fits the project"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _choices(OpportunityKind, _("Any kind"))
        self.fields["funder_kind"].choices = _choices(FunderKind, _("Any funder"))
        named = sorted(
            ((value, territory_name(value)) for value in territories_in_use()),
            key=lambda choice: choice[1].casefold(),
        )
        self.fields["territory"].choices = [("", _("Any territory")), *named]
        self.fields["theme"].choices = [
            ("", _("Any theme")),
            *((theme.code, theme.label) for theme in Theme.objects.active()),
        ]
        self.fields["fund"].choices = [
            ("", _("Any project")),
            *((fund.slug, fund.label) for fund in fund_list(active_only=True)),
        ]
        currencies = currencies_in_use()
        self.fields["currency"].choices = [(code, code) for code in currencies]
        if len(currencies) == 1:
            self.fields["currency"].widget = forms.HiddenInput()

    def to_filter(self) -> OpportunityFilter:
        """The filters that parsed (``is_valid`` first); the others are left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return OpportunityFilter(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            funder_kind=data.get("funder_kind") or "",
            territory=data.get("territory") or "",
            theme=data.get("theme") or "",
            amount=data.get("amount"),
            currency=data.get("currency") or "EUR",
            window=data.get("window") or OPEN,
            fund=data.get("fund") or "",
        )


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of this search"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


# --- an opportunity ------------------------------------------------------------------------------


class PercentField(forms.CharField):
    """A share typed as a percentage (« 60 », « 12,5 »), returned as a share (0.6, 0.125)."""

    default_error_messages = {"invalid": _("Type a percentage between 0 and 100, e.g. 60.")}

    def __init__(self, *args, above_zero: bool = True, below_hundred: bool = False, **kwargs):
        self.above_zero = above_zero
        self.below_hundred = below_hundred
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{(value * 100).normalize():f}"
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            percent = decimal_parse(str(value).replace("%", ""))
        except (ValueError, InvalidOperation):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        low_ok = percent > 0 if self.above_zero else percent >= 0
        high_ok = percent < 100 if self.below_hundred else percent <= 100
        if not (low_ok and high_ok) or percent.as_tuple().exponent < -2:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return (percent / 100).quantize(Decimal("0.0001"))


END_OF_DAY = datetime.time(23, 59)


class OpportunityForm(ServiceErrors, forms.Form):
    """An opportunity as a member types it. The funder is an actor of the allies, found by its
    name (a name not yet among the allies adds it)."""

    SERVICE_FIELDS = {
        "amount_min_minor": "amount_min",
        "amount_max_minor": "amount_max",
        "amount_typical_minor": "amount_typical",
        "commodity": "currency",
        "deadline": "deadline_on",
    }

    funder = forms.CharField(
        label=_("Funder"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "funder-names", "autocomplete": "off"}),
        help_text=_("Its name among the allies; a new name adds it to the map."),
    )
    funder_kind = forms.ChoiceField(label=_("Kind of funder"), choices=())
    title = forms.CharField(label=_("Programme or call"), max_length=250)
    url = forms.URLField(label=_("Address of the call"), required=False, assume_scheme="https")
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    currency = CommodityField(label=_("Currency"), hours=False)
    amount_min = AmountField(label=_("Minimum"), required=False, positive=True)
    amount_max = AmountField(label=_("Maximum"), required=False, positive=True)
    amount_typical = AmountField(label=_("Typical amount"), required=False, positive=True)
    max_share = PercentField(
        label=_("Most of the total cost it may cover (%)"),
        required=False,
        help_text=_("60 for a grant capped at 60 percent of the total cost; empty when no cap."),
    )
    withheld_share = PercentField(
        label=_("Share paid after the final report (%)"),
        required=False,
        above_zero=False,
        below_hundred=True,
    )
    volunteer_time_counts = forms.BooleanField(
        label=_("Valued volunteer time counts as co-financing"), required=False
    )
    beneficiary_types = forms.MultipleChoiceField(
        label=_("Who may apply"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(value, capfirst(label)) for value, label in LegalForm.choices if value],
    )
    territory = forms.CharField(
        label=_("Territory"),
        required=False,
        max_length=120,
        help_text=_("A country code (FR, SN), a region, or EU; empty for anywhere."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    funds = forms.ModelMultipleChoiceField(
        label=_("Projects it fits"),
        required=False,
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = _date_field(_("Opens"))
    letter_of_intent_on = _date_field(_("Letter of intent due"))
    deadline_on = _date_field(_("Application deadline"))
    deadline_time = forms.TimeField(
        label=_("Deadline time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("23:59 when empty."),
    )
    decision_on = _date_field(_("Decision expected"))
    report_due_on = _date_field(_("Report due"))
    recurrence = forms.ChoiceField(label=_("Recurrence"), required=False, choices=())
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists, [links](https://…)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder_kind"].choices = _choices(FunderKind, "—")
        self.fields["kind"].choices = _choices(OpportunityKind, "—")
        self.fields["recurrence"].choices = [
            (value, capfirst(label)) for value, label in Recurrence.choices
        ]
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["funds"].queryset = fund_list(active_only=True)
        self.fields["funds"].label_from_instance = lambda fund: fund.label

    PARTS = (
        (_("Funder and call"), ("funder", "funder_kind", "title", "url", "kind")),
        (
            _("Amounts and co-financing rules"),
            (
                "currency",
                "amount_min",
                "amount_max",
                "amount_typical",
                "max_share",
                "withheld_share",
                "volunteer_time_counts",
            ),
        ),
        (_("Eligibility"), ("territory", "beneficiary_types", "themes", "funds")),
        (
            _("Dates"),
            (
                "opens_on",
                "letter_of_intent_on",
                "deadline_on",
                "deadline_time",
                "decision_on",
                "report_due_on",
                "recurrence",
            ),
        ),
    )
    WIDE = ("beneficiary_types", "themes", "funds")  # lists of boxes: the whole width

    def parts(self):
        """The form's fields by part, each part a fieldset: (legend, bound fields)."""
        return [(legend, [self[name] for name in names]) for legend, names in self.PARTS]

    @classmethod
    def initial_for(cls, opportunity: Opportunity) -> dict:
        deadline = timezone.localtime(opportunity.deadline) if opportunity.deadline else None
        return {
            "funder": opportunity.funder.name,
            "funder_kind": opportunity.funder.kind,
            "title": opportunity.title,
            "url": opportunity.url,
            "kind": opportunity.kind,
            "currency": opportunity.commodity,
            "amount_min": _major(opportunity.amount_min_minor, opportunity.commodity),
            "amount_max": _major(opportunity.amount_max_minor, opportunity.commodity),
            "amount_typical": _major(opportunity.amount_typical_minor, opportunity.commodity),
            "max_share": opportunity.max_share,
            "withheld_share": opportunity.withheld_share,
            "volunteer_time_counts": opportunity.volunteer_time_counts,
            "beneficiary_types": opportunity.beneficiary_types,
            "territory": opportunity.territory,
            "themes": list(opportunity.themes.all()),
            "funds": list(opportunity.funds.all()),
            "opens_on": opportunity.opens_on,
            "letter_of_intent_on": opportunity.letter_of_intent_on,
            "deadline_on": deadline.date() if deadline else None,
            "deadline_time": deadline.time().replace(second=0, microsecond=0) if deadline else None,
            "decision_on": opportunity.decision_on,
            "report_due_on": opportunity.report_due_on,
            "recurrence": opportunity.recurrence,
            "notes": opportunity.notes,
        }

    def clean(self):
        data = super().clean()
        currency = data.get("currency") or "EUR"
        for name in ("amount_min", "amount_max", "amount_typical"):
            if data.get(name) is None:
                continue
            try:
                data[f"{name}_minor"] = to_minor(data[name], currency)
            except MoneyError:
                self.add_error(name, _("At most the decimals %(code)s has.") % {"code": currency})
        low, high = data.get("amount_min_minor"), data.get("amount_max_minor")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", _("The maximum is below the minimum."))
        if data.get("deadline_time") and not data.get("deadline_on"):
            self.add_error("deadline_on", _("Give the day of the deadline too."))
        return data

    def opportunity_data(self) -> dict:
        """The fields of ``services.opportunity_save``."""
        data = self.cleaned_data
        deadline = None
        if data.get("deadline_on"):
            deadline = timezone.make_aware(
                datetime.datetime.combine(
                    data["deadline_on"], data.get("deadline_time") or END_OF_DAY
                )
            )
        return {
            "title": data["title"].strip(),
            "url": data.get("url") or "",
            "kind": data["kind"],
            "commodity": data.get("currency") or "EUR",
            "amount_min_minor": data.get("amount_min_minor"),
            "amount_max_minor": data.get("amount_max_minor"),
            "amount_typical_minor": data.get("amount_typical_minor"),
            "max_share": data.get("max_share"),
            "withheld_share": data.get("withheld_share") or None,
            "volunteer_time_counts": bool(data.get("volunteer_time_counts")),
            "beneficiary_types": list(data.get("beneficiary_types") or []),
            "territory": (data.get("territory") or "").strip(),
            "themes": list(data.get("themes") or []),
            "funds": list(data.get("funds") or []),
            "opens_on": data.get("opens_on"),
            "letter_of_intent_on": data.get("letter_of_intent_on"),
            "deadline": deadline,
            "decision_on": data.get("decision_on"),
            "report_due_on": data.get("report_due_on"),
            "recurrence": data.get("recurrence") or "",
            "notes": data.get("notes") or "",
        }


def _major(minor, commodity):
    """An amount to show in a field: 20000 rather than 20000.00."""
    if minor is None:
        return None
    amount = from_minor(minor, commodity)
    return int(amount) if amount == amount.to_integral_value() else amount


# --- import --------------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma or semicolon separated, one opportunity a line."),
    )

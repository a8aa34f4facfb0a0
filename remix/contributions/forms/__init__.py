"""The contribute area's forms: they parse what was typed (amounts in the reader's locale) and
nothing more; the services decide what may be written, and their refusals land on the fields
they concern."""

import re
import uuid

from babel import numbers
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from remix.contributions.models import (
    CeilingPeriod,
    ContributionKind,
    Frequency,
    PaymentMethod,
    Visibility,
)
from remix.contributions.selectors.pledges import pledge_by_reference, pledge_same
from remix.core.dates import date_validator
from remix.core.formats import current_locale
from remix.core.forms import ServiceErrors
from remix.core.money import MoneyError, from_minor, minor_digits, to_minor
from remix.ledger.forms import AmountField
from remix.ledger.models import Fund
from remix.ledger.templatetags.ledger import money_round

LANGUAGE_CHOICES = settings.LANGUAGES


class OnceOnly(forms.Form):
    """A hidden token drawn when the form is shown: sending the same form twice (a double click,
    the back button) makes one pledge, not two."""

    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["token"].initial = uuid.uuid4().hex

    def idempotency_key(self, user) -> str | None:
        token = self.cleaned_data.get("token") or ""
        return f"web:{user.pk}:{token}" if re.fullmatch(r"[0-9a-f]{32}", token) else None


class RepeatAsked(forms.Form):
    """A pledge that repeats one the giver already has standing (same fund or counterpart, same
    amount) is asked about, not refused: the form comes back once with the pledge it repeats
    (``repeats``), and sent again with ``repeat`` it goes through."""

    repeat = forms.BooleanField(required=False, widget=forms.HiddenInput)
    repeats = None

    def repeat_unconfirmed(self, *, user, fund, amount, commodity: str, **same) -> bool:
        """Whether to ask first: the giver has not said yes and a standing pledge matches."""
        if self.cleaned_data.get("repeat"):
            return False
        try:
            minor = to_minor(amount, commodity)
        except MoneyError:
            return False  # the service says what is wrong with the amount
        key = self.idempotency_key(user) if isinstance(self, OnceOnly) else None
        self.repeats = pledge_same(
            user=user, fund=fund, minor=minor, commodity=commodity, key=key, **same
        )
        return self.repeats is not None


def currency_symbol(commodity: str) -> str:
    return numbers.get_currency_symbol(commodity, locale=current_locale())


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[date_validator],
        **kwargs,
    )


def _visibility_field():
    return forms.ChoiceField(
        label=_("How your gift is shown"),
        choices=[(value, capfirst(label)) for value, label in Visibility.choices],
        widget=forms.RadioSelect,
        initial=Visibility.AMOUNT,
        help_text=_(
            "A private gift is counted in the totals but never listed; only you and the "
            "treasurers see it."
        ),
    )


# --- giving to a fund ----------------------------------------------------------------------------


def _nice(minor: int, unit: int) -> int:
    """An amount one would pick: whole units, and a multiple of five above ten."""
    units = max(-(-minor // unit), 1)
    if units > 10:
        units = (units + 2) // 5 * 5
    return units * unit


def preset_amounts(suggested_minor: int, commodity: str) -> list[int]:
    """A few amounts around the suggestion (half, the suggestion, twice, four times), or the
    usual small gifts when nothing is missing."""
    unit = 10 ** minor_digits(commodity)
    if suggested_minor <= 0:
        return [5 * unit, 10 * unit, 20 * unit, 50 * unit]
    around = (suggested_minor // 2, suggested_minor, suggested_minor * 2, suggested_minor * 4)
    return sorted({_nice(amount, unit) for amount in around})


class GiveForm(ServiceErrors, OnceOnly, RepeatAsked):
    """A gift to a fund: a preset amount or a typed one, how often, how it is shown."""

    preset = forms.ChoiceField(
        label=_("Amount"), widget=forms.RadioSelect, required=False, choices=()
    )
    amount = AmountField(
        label=_("Another amount"),
        required=False,
        positive=True,
        help_text=_("A typed amount replaces the one chosen above."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=(), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=[(value, capfirst(label)) for value, label in Frequency.choices],
        widget=forms.RadioSelect,
        initial=Frequency.MONTHLY,
    )
    visibility = _visibility_field()

    def __init__(
        self,
        *args,
        presets: list[int],
        commodity: str,
        suggested: int = 0,
        currencies: tuple[str, ...] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.commodity = commodity
        # The presets are in the fund's currency; in another one the giver types the amount.
        self.currencies = (commodity, *[c for c in currencies if c != commodity])
        self.fields["currency"].choices = [(code, code) for code in self.currencies]
        self.fields["currency"].initial = commodity
        self.fields["currency"].help_text = _(
            "The amounts above are in %(currency)s; in another currency, type the amount."
        ) % {"currency": commodity}
        if len(self.currencies) == 1:
            del self.fields["currency"]
        self.fields["preset"].choices = [
            (str(from_minor(minor, commodity)), money_round(minor, commodity)) for minor in presets
        ]
        if suggested in presets:
            self.fields["preset"].initial = str(from_minor(suggested, commodity))
        self.fields["amount"].label = _("Another amount, in %(currency)s") % {
            "currency": currency_symbol(commodity)
        }
        self.fields["amount"].widget.attrs.update({"autocomplete": "off", "size": 8})

    def repeat_asked(self, *, user, fund) -> bool:
        """Whether this gift repeats a standing pledge of the giver and must be asked about."""
        data = self.cleaned_data
        return self.repeat_unconfirmed(
            user=user,
            fund=fund,
            amount=data["gift"],
            commodity=data["commodity"],
            frequency=data["frequency"],
        )

    def clean(self):
        data = super().clean()
        typed, preset = data.get("amount"), data.get("preset")
        data["commodity"] = data.get("currency") or self.commodity
        if data["commodity"] != self.commodity:
            preset = None  # a preset is an amount in the fund's currency
        if typed is None and not preset and "amount" not in self.errors:
            if data["commodity"] != self.commodity:
                self.add_error(
                    "amount",
                    _("Type the amount in %(currency)s.") % {"currency": data["commodity"]},
                )
            else:
                self.add_error("amount", _("Choose an amount or type one."))
        else:
            data["gift"] = typed if typed is not None else preset
        return data


# --- campaigns -----------------------------------------------------------------------------------


class TierSelect(forms.RadioSelect):
    """Radio buttons where a sold-out counterpart cannot be chosen."""

    sold_out: set[str] = set()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.sold_out:
            option["attrs"]["disabled"] = True
        return option


class CampaignPledgeForm(ServiceErrors, OnceOnly, RepeatAsked):
    """A pledge to a campaign: a counterpart or none, an amount, how it is shown."""

    SERVICE_FIELDS = {"commodity": "amount"}

    tier = forms.ChoiceField(label=_("Counterpart"), required=False, widget=TierSelect)
    amount = AmountField(
        label=_("Amount"),
        required=False,
        positive=True,
        help_text=_("With a counterpart at a fixed amount, you may leave it empty."),
    )
    visibility = _visibility_field()

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.tiers = list(campaign.tiers.all())
        self.fields["tier"].widget.sold_out = {
            str(t.pk) for t in self.tiers if t.left is not None and t.left <= 0
        }
        self.fields["tier"].choices = [("", _("No counterpart"))] + [
            (str(t.pk), t.label) for t in self.tiers
        ]
        self.fields["tier"].initial = ""
        self.fields["amount"].label = _("Amount, in %(currency)s") % {
            "currency": currency_symbol(campaign.commodity)
        }
        self.fields["amount"].widget.attrs.update({"autocomplete": "off", "size": 8})

    def repeat_asked(self, *, user) -> bool:
        """Whether this pledge repeats a standing one of the giver to the campaign's fund (for
        the same counterpart, when one is chosen) and must be asked about."""
        data = self.cleaned_data
        return self.repeat_unconfirmed(
            user=user,
            fund=self.campaign.fund,
            amount=data["amount"],
            commodity=self.campaign.commodity,
            tier=data["tier_obj"],
        )

    def tier_options(self) -> list:
        """Each radio button beside its tier (None for “no counterpart”), for the template."""
        by_pk = {str(t.pk): t for t in self.tiers}
        return [(radio, by_pk.get(str(radio.data["value"]))) for radio in self["tier"]]

    def clean(self):
        data = super().clean()
        tier = next((t for t in self.tiers if str(t.pk) == data.get("tier")), None)
        data["tier_obj"] = tier
        if data.get("amount") is None and "amount" not in self.errors:
            if tier is None:
                self.add_error("amount", _("Type an amount."))
            else:
                data["amount"] = from_minor(tier.amount_minor, self.campaign.commodity)
        return data


class CampaignUpdateForm(ServiceErrors, forms.Form):
    language = forms.ChoiceField(label=_("Language of the update"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: *emphasis*, **bold**, [a link](https://…), lists with -."),
    )


# --- time and in kind ----------------------------------------------------------------------------


class DeclareForm(ServiceErrors, forms.Form):
    SERVICE_FIELDS = {"commodity": "amount"}

    kind = forms.ChoiceField(
        label=_("What you gave"),
        choices=[
            (ContributionKind.TIME, _("Time (in hours)")),
            (ContributionKind.IN_KIND, _("A gift in kind (at its fair value)")),
        ],
        widget=forms.RadioSelect,
        initial=ContributionKind.TIME,
    )
    fund = forms.ModelChoiceField(
        label=_("For"), queryset=Fund.objects.none(), to_field_name="slug", empty_label=None
    )
    amount = AmountField(
        label=_("Hours, or fair value"),
        positive=True,
        help_text=_("For time, the hours (2,5 is two and a half hours); in kind, its value."),
    )
    description = forms.CharField(
        label=_("What was given"),
        max_length=300,
        help_text=_("For example: translation of the help pages, loan of a projector."),
    )
    date = _date_field(_("Date"), initial=timezone.localdate)
    visibility = _visibility_field()

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds


# --- the treasurers' desk ------------------------------------------------------------------------


class PaymentForm(ServiceErrors, forms.Form):
    """Money received: for a pledge (by its reference), or a gift without one."""

    SERVICE_FIELDS = {"pledge": "reference", "commodity": "amount", "user": "name"}

    reference = forms.CharField(
        label=_("Pledge reference"),
        required=False,
        max_length=40,
        help_text=_("RF… as on the transfer. Leave empty for a gift without a pledge."),
    )
    fund = forms.ModelChoiceField(
        label=_("Fund"),
        required=False,
        queryset=Fund.objects.none(),
        to_field_name="slug",
        help_text=_("Without a reference: the fund the gift goes to."),
    )
    name = forms.CharField(label=_("Giver's name"), required=False, max_length=200)
    visibility = forms.ChoiceField(
        label=_("Shown as"),
        choices=[(value, capfirst(label)) for value, label in Visibility.choices],
        initial=Visibility.AMOUNT,
        help_text=_("Without a reference; a pledge keeps the giver's choice."),
    )
    amount = AmountField(label=_("Amount"), positive=True)
    method = forms.ChoiceField(
        label=_("Method of payment"),
        choices=[("", "—"), *((value, capfirst(label)) for value, label in PaymentMethod.choices)],
        help_text=_("As the tax receipt will state it."),
    )
    date = _date_field(_("Received on"), initial=timezone.localdate)

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds
        self.fields["reference"].widget.attrs.update(
            {"spellcheck": "false", "autocapitalize": "characters"}
        )

    def clean(self):
        data = super().clean()
        text = (data.get("reference") or "").strip()
        data["pledge"] = None
        if text:
            data["pledge"] = pledge_by_reference(text)
            if data["pledge"] is None:
                self.add_error("reference", _("No pledge has this reference."))
        else:
            if not data.get("fund") and "fund" not in self.errors:
                self.add_error("fund", _("Without a reference, choose the fund."))
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Without a reference, say who gave."))
        return data


class RefuseForm(ServiceErrors, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CeilingForm(ServiceErrors, forms.Form):
    """The most one giver may give a fund per month or year: an amount, or a share of needs."""

    SERVICE_FIELDS = {"share_of_needs": "share"}

    fund = forms.ModelChoiceField(
        label=_("Fund"), queryset=Fund.objects.none(), to_field_name="slug", empty_label=None
    )
    period = forms.ChoiceField(
        label=_("Per"),
        choices=[(value, capfirst(label)) for value, label in CeilingPeriod.choices],
        widget=forms.RadioSelect,
        initial=CeilingPeriod.YEAR,
    )
    amount = AmountField(label=_("At most"), required=False, positive=True)
    share = AmountField(
        label=_("Or a share of the fund's needs (%)"),
        required=False,
        positive=True,
        help_text=_("For example 10: no one gives more than a tenth of what the fund needs."),
    )

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds

    def clean(self):
        data = super().clean()
        amount, share = data.get("amount"), data.get("share")
        if (amount is None) == (share is None) and not self.errors:
            self.add_error("amount", _("Give either an amount or a share of the needs."))
        if share is not None and share > 100:
            self.add_error("share", _("A share is at most 100 %."))
        data["share_of_needs"] = share / 100 if share is not None else None
        return data

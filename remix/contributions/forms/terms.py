"""The treasurers' forms that set a matching round's or a campaign's terms. They parse what was
typed (amounts and percents in the reader's locale); ``services.round_create``,
``round_update`` and ``campaign_create`` decide, as for the API, and their refusals land on the
fields they name."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remix.allies.models import Actor
from remix.contributions.forms import LANGUAGE_CHOICES, _date_field
from remix.contributions.models import Campaign, CampaignRule, Round, RoundRemainder
from remix.core.forms import ServiceErrors
from remix.ledger import chart
from remix.ledger.forms import AmountField
from remix.ledger.forms.fields import FundChoiceField, amount_typed
from remix.ledger.models import Fund

SLUG_HELP = _("Its address: lower-case letters, digits and hyphens, for example abondement-2027.")


def _funds():
    return Fund.objects.filter(active=True).order_by("slug")


def _choices(choices):
    return [(value, capfirst(label)) for value, label in choices]


class _Terms(ServiceErrors, forms.Form):
    """The language the title and text are written in, the title, the text; the round's or
    campaign's own fields in the subclass. Shown for a new one (its slug asked) or for ``kept``,
    the one being edited (its terms as the initial values, read by ``initial_of``; its slug,
    its address, stays)."""

    language = forms.ChoiceField(
        label=_("Language of the title and text"), choices=LANGUAGE_CHOICES
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: *emphasis*, **bold**, [a link](https://…), lists with -."),
    )

    field_order = ["language", "title", "slug", "description"]

    def __init__(self, *args, kept=None, initial_of=None, language: str = "fr", **kwargs):
        if kept is not None:
            kwargs.setdefault("initial", {**_texts_initial(kept, language), **initial_of(kept)})
        kwargs.setdefault("initial", {"language": language})
        super().__init__(*args, **kwargs)
        self.kept = kept
        if kept is not None:
            del self.fields["slug"]

    def texts(self) -> tuple[dict, dict]:
        """(title, description) per language: what was typed, in its language, over what the
        other languages of the one being edited already hold."""
        language = self.cleaned_data["language"]
        kept_title = self.kept.title if self.kept is not None else {}
        kept_description = self.kept.description if self.kept is not None else {}
        title = {**kept_title, language: self.cleaned_data["title"]}
        description = {**kept_description, language: self.cleaned_data["description"]}
        return title, {code: text for code, text in description.items() if text}


def _texts_initial(kept, language: str) -> dict:
    return {
        "language": language,
        "title": kept.title.get(language, ""),
        "description": kept.description.get(language, ""),
    }


class RoundForm(_Terms):
    """A matching round's terms: created as a draft, edited until it opens."""

    SERVICE_FIELDS = {"cap_share": "cap_percent", "commodity": "pool", "pool_received_on": "opens"}

    slug = forms.SlugField(label=_("Slug"), max_length=80, help_text=SLUG_HELP)
    funder = forms.ModelChoiceField(
        label=_("Funder"), queryset=Actor.objects.none(), to_field_name="slug"
    )
    pool = AmountField(label=_("Pool"), positive=True)
    commodity = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    pool_fund = FundChoiceField(
        label=_("Fund that holds the pool"), queryset=Fund.objects.none(), to_field_name="slug"
    )
    pool_account = forms.ChoiceField(
        label=_("The pool is"),
        choices=[
            (chart.PUBLIC_GRANTS, _("a public authority's grant")),
            (chart.INSTITUTIONAL_GRANTS, _("an institution's grant (a foundation)")),
        ],
    )
    opens = _date_field(_("Gifts count from"))
    closes = _date_field(_("until (the last day)"))
    cap_percent = forms.DecimalField(
        label=_("Cap per project, as a percentage of the pool"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=100,
        decimal_places=2,
        localize=True,
        help_text=_("Empty: no cap."),
    )
    remainder = forms.ChoiceField(
        label=pgettext_lazy("round", "When the matches fall short of the pool"),
        choices=_choices(RoundRemainder.choices),
        initial=RoundRemainder.KEEP,
        widget=forms.RadioSelect,
        help_text=_(
            "Each project's match follows the breadth of its support. If these matches add up to "
            "less than the pool, the rest either stays in the pool (for a next round) or is "
            "shared among the projects in proportion, so that the whole pool is spent."
        ),
    )

    def __init__(self, *args, round: Round | None = None, language: str = "fr", **kwargs):
        super().__init__(*args, kept=round, initial_of=_round_initial, language=language, **kwargs)
        self.fields["funder"].queryset = Actor.objects.order_by("name")
        self.fields["pool_fund"].queryset = _funds()
        self.fields["pool"].widget.attrs.update({"autocomplete": "off"})

    def terms(self) -> dict:
        """The keywords of ``round_create`` and ``round_update``."""
        data = self.cleaned_data
        title, description = self.texts()
        percent = data["cap_percent"]
        return {
            "title": title,
            "description": description,
            "funder": data["funder"],
            "pool": data["pool"],
            "commodity": data["commodity"].upper(),
            "pool_fund": data["pool_fund"],
            "pool_account": data["pool_account"],
            "opens": data["opens"],
            "closes": data["closes"],
            "cap_share": None if percent is None else percent / 100,
            "remainder": data["remainder"],
        }


def _round_initial(round_: Round) -> dict:
    return {
        "funder": round_.funder.slug,
        "pool": amount_typed(round_.pool_minor, round_.commodity),
        "commodity": round_.commodity,
        "pool_fund": round_.pool_fund.slug,
        "pool_account": round_.pool_account,
        "opens": round_.opens,
        "closes": round_.closes,
        "cap_percent": None if round_.cap_share is None else (round_.cap_share * 100).normalize(),
        "remainder": round_.remainder,
    }


class RoundProjectForm(ServiceErrors, forms.Form):
    """A project joins a round: it receives its match into its own fund."""

    fund = FundChoiceField(
        label=_("Project (its fund)"), queryset=Fund.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args, round: Round, **kwargs):
        kwargs.setdefault("prefix", "project")
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = _funds().exclude(pk=round.pool_fund_id)


class CampaignForm(_Terms):
    """A crowdfunding campaign's terms."""

    SERVICE_FIELDS = {"commodity": "goal"}

    slug = forms.SlugField(label=_("Slug"), max_length=80, help_text=SLUG_HELP)
    fund = FundChoiceField(
        label=_("Fund it raises money for"), queryset=Fund.objects.none(), to_field_name="slug"
    )
    goal = AmountField(label=_("Goal"), positive=True)
    commodity = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    opens = _date_field(_("Opens on"), initial=timezone.localdate)
    deadline = _date_field(_("Deadline (the last day pledges are taken)"))
    rule = forms.ChoiceField(
        label=_("Rule"),
        choices=_choices(CampaignRule.choices),
        initial=CampaignRule.ALL_OR_NOTHING,
        widget=forms.RadioSelect,
        help_text=_(
            "All or nothing: every pledge is released if the goal is missed. Keep it all: what "
            "was pledged is kept whatever the total."
        ),
    )

    def __init__(self, *args, campaign: Campaign | None = None, language: str = "fr", **kwargs):
        super().__init__(
            *args, kept=campaign, initial_of=_campaign_initial, language=language, **kwargs
        )
        self.fields["fund"].queryset = _funds()

    def terms(self) -> dict:
        """The keywords of ``campaign_create`` (with its slug) and ``campaign_terms_update``."""
        data = self.cleaned_data
        title, description = self.texts()
        terms = {} if self.kept else {"slug": data["slug"]}
        return terms | {
            "title": title,
            "description": description,
            "fund": data["fund"],
            "goal": data["goal"],
            "commodity": data["commodity"].upper(),
            "opens": data["opens"],
            "deadline": data["deadline"],
            "rule": data["rule"],
        }


def _campaign_initial(campaign: Campaign) -> dict:
    return {
        "fund": campaign.fund.slug,
        "goal": amount_typed(campaign.goal_minor, campaign.commodity),
        "commodity": campaign.commodity,
        "opens": campaign.opens,
        "deadline": campaign.deadline,
        "rule": campaign.rule,
    }


class TierForm(_Terms):
    """A counterpart tier added to a campaign: its title and text in one language, its amount (a
    minimum when the amount is free), how many there are, and what the reward is worth to the
    giver, which a tax receipt takes off the gift past the rule of ``counterparts``."""

    amount = AmountField(label=_("Amount"), positive=True)
    free_amount = forms.BooleanField(
        label=_("The giver chooses the amount, from this minimum"), required=False
    )
    quantity = forms.IntegerField(
        label=_("How many can be taken"),
        required=False,
        min_value=1,
        help_text=_("Empty: no limit."),
    )
    counterpart_value = AmountField(
        label=_("What the counterpart is worth"),
        required=False,
        help_text=_(
            "Its value to the giver (a meal, a poster at its price). Past a quarter of the gift "
            "or the legal ceiling, the tax receipt states the gift less this value. Empty for a "
            "thank-you or a name on the wall."
        ),
    )

    def __init__(self, *args, language: str = "fr", **kwargs):
        super().__init__(*args, language=language, **kwargs)
        self.fields["title"].label = _("Counterpart")

    def tier(self) -> dict:
        """The keywords of ``tier_add``."""
        data = self.cleaned_data
        title, description = self.texts()
        return {
            "title": title,
            "description": description,
            "amount": data["amount"],
            "free_amount": data["free_amount"],
            "quantity": data["quantity"],
            "counterpart_value": data["counterpart_value"],
        }

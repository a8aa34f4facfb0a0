"""Reads of the opportunities: what a search finds, what the API lists, one opportunity's facts
in short (its amounts, its rules, the days left), and what a new opportunity names (a funder's
actor, its themes). The search page, the opportunity page and the API share them. Opportunities
are public.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.allies.models import Theme
from remix.core.formats import format_percent
from remix.core.money import MoneyError, to_minor
from remix.grants.models import Funder, Opportunity
from remix.ledger.templatetags.ledger import money_round

# The deadline windows of the search, in days from now; "open" is every deadline still ahead
# (and the calls without a deadline), "all" includes those past.
WINDOWS = ("30", "60", "90")
OPEN = "open"
ALL = "all"


@dataclass(frozen=True)
class OpportunityFilter:
    """The search's filters, as parsed from the query string (see ``forms.SearchForm``)."""

    kind: str = ""
    funder_kind: str = ""
    territory: str = ""  # as written on opportunities; a search also finds those open anywhere
    theme: str = ""  # a theme's code
    amount: object = None  # a Decimal the network needs, in ``currency``
    currency: str = "EUR"
    window: str = OPEN  # "30", "60", "90", "open" or "all"
    fund: str = ""  # a fund's slug: the opportunities said to fit that project
    q: str = ""  # words in the title or the funder's name

    def query_string(self) -> str:
        """The filters as a query string, without the defaults: what a saved search keeps."""
        pairs = [
            ("q", self.q),
            ("kind", self.kind),
            ("funder_kind", self.funder_kind),
            ("territory", self.territory),
            ("theme", self.theme),
            ("amount", "" if self.amount is None else str(self.amount)),
            ("currency", self.currency if self.amount is not None else ""),
            ("window", "" if self.window == OPEN else self.window),
            ("fund", self.fund),
        ]
        return urlencode([(key, value) for key, value in pairs if value])


def opportunities_public() -> QuerySet[Opportunity]:
    return Opportunity.objects.select_related("funder__actor").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("code")), "funds"
    )


def opportunities_with_files() -> QuerySet[Opportunity]:
    """The public opportunities with their attachments: what one opportunity's page shows."""
    return opportunities_public().prefetch_related("attachments")


def opportunities_with_funder() -> QuerySet[Opportunity]:
    return Opportunity.objects.select_related("funder__actor")


def opportunities_search(
    *, filters: OpportunityFilter, now: datetime.datetime | None = None
) -> QuerySet[Opportunity]:
    """The opportunities that pass every filter, the soonest deadline first (those without a
    deadline last); past deadlines only when the window is "all"."""
    now = now or timezone.now()
    found = opportunities_public()
    if filters.q:
        found = found.filter(
            Q(title__icontains=filters.q) | Q(funder__actor__name__icontains=filters.q)
        )
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.funder_kind:
        found = found.filter(funder__kind=filters.funder_kind)
    if filters.territory:
        found = found.filter(Q(territory__iexact=filters.territory) | Q(territory=""))
    if filters.theme:
        found = found.filter(themes__code=filters.theme)
    if filters.fund:
        found = found.filter(funds__slug=filters.fund)
    if filters.amount is not None:
        found = found.filter(_amount_fits(filters.amount, filters.currency))
    found = found.filter(_window(filters.window, now))
    return found.distinct().order_by(*Opportunity._meta.ordering)


def _amount_fits(amount, currency: str) -> Q:
    """An opportunity fits an amount when its range holds it (an open end where it gives no
    bound); one that gives only a typical amount fits what that amount covers. One that gives
    no amount at all, or in another currency, is left out: nothing says it fits."""
    try:
        minor = to_minor(amount, currency)
    except MoneyError:
        return Q(pk__in=[])
    ranged = (
        (Q(amount_min_minor__isnull=False) | Q(amount_max_minor__isnull=False))
        & (Q(amount_min_minor__isnull=True) | Q(amount_min_minor__lte=minor))
        & (Q(amount_max_minor__isnull=True) | Q(amount_max_minor__gte=minor))
    )
    typical = Q(
        amount_min_minor__isnull=True,
        amount_max_minor__isnull=True,
        amount_typical_minor__gte=minor,
    )
    return Q(commodity=currency) & (ranged | typical)


def _window(window: str, now: datetime.datetime) -> Q:
    if window == ALL:
        return Q()
    if window in WINDOWS:
        return Q(deadline__gte=now, deadline__lte=now + datetime.timedelta(days=int(window)))
    return Q(deadline__gte=now) | Q(deadline__isnull=True)


# A page of the API's list always holds the same opportunities: ties on deadline and title by id.
ORDER = (F("deadline").asc(nulls_last=True), "title", "id")


def opportunities_listed(
    *,
    filters: OpportunityFilter,
    deadline_after: datetime.date | None = None,
    deadline_before: datetime.date | None = None,
    is_open: bool | None = None,
) -> QuerySet[Opportunity]:
    """The API's list: the search's filters, then the deadline's day (both ends included, in the
    platform's time zone) and whether it has passed (``is_open``), in a stable order."""
    found = opportunities_search(filters=filters).prefetch_related("attachments").order_by(*ORDER)
    if deadline_after:
        found = found.filter(deadline__date__gte=deadline_after)
    if deadline_before:
        found = found.filter(deadline__date__lte=deadline_before)
    if is_open is True:
        found = found.exclude(deadline__lt=timezone.now())
    elif is_open is False:
        found = found.filter(deadline__lt=timezone.now())
    return found


def opportunity_by_id(opportunity_id: int) -> Opportunity | None:
    return Opportunity.objects.filter(pk=opportunity_id).first()


def territories_in_use() -> list[str]:
    """The territories written on opportunities, for the search's choices."""
    values = Opportunity.objects.exclude(territory="").values_list("territory", flat=True)
    return sorted({value.strip() for value in values}, key=str.casefold)


def currencies_in_use() -> list[str]:
    values = set(Opportunity.objects.values_list("commodity", flat=True).distinct())
    return sorted(values | {"EUR"})


# --- one opportunity -----------------------------------------------------------------------------


def days_left(opportunity: Opportunity, *, today: datetime.date | None = None) -> int | None:
    """Whole days from today to the deadline's day (0: today; negative: past)."""
    if opportunity.deadline is None:
        return None
    today = today or timezone.localdate()
    return (timezone.localtime(opportunity.deadline).date() - today).days


def opportunity_rules(opportunity: Opportunity) -> list[str]:
    """The co-financing rules in a few words: « 60 % max du coût total », « 20 % versés après le
    rapport final », « bénévolat valorisé accepté »."""
    rules = []
    if opportunity.max_share is not None:
        rules.append(
            _("%(share)s max of the total cost")
            % {
                "share": format_percent(
                    opportunity.max_share, decimals=_decimals(opportunity.max_share)
                )
            }
        )
    if opportunity.withheld_share:
        rules.append(
            _("%(share)s paid after the final report")
            % {
                "share": format_percent(
                    opportunity.withheld_share, decimals=_decimals(opportunity.withheld_share)
                )
            }
        )
    if opportunity.volunteer_time_counts:
        rules.append(_("valued volunteer time accepted"))
    return rules


def _decimals(share) -> int:
    """0.6 → 0 decimals (60 %), 0.125 → 1 (12.5 %)."""
    percent = share * 100
    return 0 if percent == percent.to_integral_value() else 1


def opportunity_amounts(opportunity: Opportunity) -> str:
    """The amounts in short: « 5 000 € – 30 000 € », « 10 000 € » (one amount, said once),
    « up to 10 000 € », « typically 8 000 € »."""
    currency = opportunity.commodity
    low, high = opportunity.amount_min_minor, opportunity.amount_max_minor
    typical = opportunity.amount_typical_minor
    if low is not None and low == high:
        text = money_round(low, currency)
    elif low is not None and high is not None:
        text = f"{money_round(low, currency)} – {money_round(high, currency)}"
    elif high is not None:
        text = _("up to %(amount)s") % {"amount": money_round(high, currency)}
    elif low is not None:
        text = _("from %(amount)s") % {"amount": money_round(low, currency)}
    else:
        text = ""
    if typical is not None:
        typical_text = _("typically %(amount)s") % {"amount": money_round(typical, currency)}
        text = f"{text} ({typical_text})" if text else typical_text
    return text


def opportunity_amounts_label(opportunity: Opportunity) -> str:
    """What ``opportunity_amounts`` is called: « Amounts » for a range between two amounts,
    « Amount » for one (the same at both ends, a ceiling, a floor or a typical amount)."""
    low, high = opportunity.amount_min_minor, opportunity.amount_max_minor
    if low is not None and high is not None and low != high:
        return _("Amounts")
    return _("Amount")


@dataclass
class OpportunityRow:
    """One line of the search: the opportunity and what is said of it in short."""

    opportunity: Opportunity
    days_left: int | None
    amounts: str = ""
    amounts_label: str = ""
    rules: list[str] = field(default_factory=list)

    @property
    def is_past(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def opportunity_rows(opportunities, *, today: datetime.date | None = None) -> list[OpportunityRow]:
    today = today or timezone.localdate()
    return [
        OpportunityRow(
            opportunity=opportunity,
            days_left=days_left(opportunity, today=today),
            amounts=opportunity_amounts(opportunity),
            amounts_label=opportunity_amounts_label(opportunity),
            rules=opportunity_rules(opportunity),
        )
        for opportunity in opportunities
    ]


# --- what an opportunity names -------------------------------------------------------------------


def funders_by_name() -> QuerySet[Funder]:
    return Funder.objects.select_related("actor").order_by("actor__name")


def theme_by_code(code: str) -> Theme | None:
    return Theme.objects.filter(code=code).first()

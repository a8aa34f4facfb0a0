"""Property tests: random gifts, campaigns and rounds, run through the services, as real use does.

Each example writes gifts to random funds (public, anonymous or private), one campaign with random
pledges closed against a random goal under a random rule, and one round with a random pool, cap
and gifts from verified members, closed. Beside the database the test keeps its own tally. After
each example: every transaction balances per fund and commodity, every fund's trial balance
balances; the income accounts hold exactly the tally (nothing counted twice); a released
all-or-nothing campaign left no posting at all; a closed round's matches sum exactly to the pool
whenever the projects that earn a match can take it all under the cap; the self-checks find
nothing. Each example runs in a savepoint rolled back at its end.
"""

import datetime
from decimal import Decimal

from django.db import transaction as db_transaction
from django.db.models import Q, Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remix.contributions import selectors, services
from remix.contributions.models import CampaignStatus
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.core.selfchecks import selfchecks_run
from remix.ledger import selectors as ledger
from remix.ledger.models import Fund, Posting, Transaction

PROPERTIES = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUNDS = ("plateforme", "fiesta-2026", "revue-2026", "rencontre-2026")
PEOPLE = 6

cents = st.integers(min_value=1, max_value=200_000)
gift = st.tuples(
    st.integers(0, len(FUNDS) - 1), cents, st.sampled_from(["public", "amount", "private"])
)
pledge = st.tuples(st.integers(1, 50_000), st.sampled_from(["public", "amount", "private"]))
round_gift = st.tuples(st.integers(0, PEOPLE - 1), st.integers(0, 2), st.integers(100, 20_000))
example = st.fixed_dictionaries(
    {
        "gifts": st.lists(gift, max_size=8),
        "pledges": st.lists(pledge, max_size=8),
        "goal": st.integers(1, 200_000),
        "rule": st.sampled_from(["all_or_nothing", "keep_it_all"]),
        "pool": st.integers(0, 1_000_000),
        "cap": st.sampled_from([None, "0.2", "0.34", "0.5", "1"]),
        "round_gifts": st.lists(round_gift, max_size=15),
    }
)


def _minor(value: int) -> str:
    return str(Decimal(value) / 100)


def _income(code_prefix: str) -> int:
    total = Posting.objects.filter(account__code__startswith=code_prefix, posted=True).aggregate(
        total=Sum("amount_minor")
    )["total"]
    return -(total or 0)


def _gifts_given(case, funds, today) -> int:
    """The example's gifts to funds, recorded; what they add up to."""
    donations = 0
    for fund_index, amount, visibility in case["gifts"]:
        services.payment_record(
            fund=funds[fund_index],
            amount=_minor(amount),
            date=today,
            giver=Giver(name="Donatrice"),
            visibility=visibility,
        )
        donations += amount
    return donations


def _campaign_closed_and_checked(case) -> None:
    """The example's campaign, pledged to and closed: released whole, or each pledge posted once."""
    campaign = builders.campaign(goal=_minor(case["goal"]), rule=case["rule"])
    for n, (amount, visibility) in enumerate(case["pledges"]):
        services.pledge_create(
            fund=campaign.fund,
            amount=_minor(amount),
            giver=Giver(name=f"Backer {n}"),
            campaign=campaign,
            visibility=visibility,
        )
    before = Posting.objects.count()
    closed = services.campaign_close(
        campaign=campaign, today=campaign.deadline + datetime.timedelta(days=1)
    )
    pledged = sum(amount for amount, _v in case["pledges"])
    if case["rule"] == "all_or_nothing" and pledged < case["goal"]:
        assert closed.status == CampaignStatus.FAILED
        assert Posting.objects.count() == before
        assert not Transaction.objects.filter(
            Q(reference__in=campaign.pledges.values("reference"))
        ).exists()
    else:
        assert closed.status != CampaignStatus.FAILED
        assert _income("Income:Micro-financing") == pledged
        assert Posting.objects.count() == before + 2 * len(case["pledges"])


def _round_closed_and_checked(case, funds, people, today) -> tuple[int, int]:
    """The example's round, given to and closed: its matches share the pool exactly when they can.
    The gifts it took and its pool."""
    round_ = builders.round_(
        pool=_minor(case["pool"]) if case["pool"] else "0.01", remainder="share"
    )
    if case["cap"]:
        round_.cap_share = Decimal(case["cap"])
        round_.save(update_fields=["cap_share"])
    projects = [services.round_project_add(round=round_, fund=f) for f in funds[1:]]
    donations = 0
    for who, project, amount in case["round_gifts"]:
        services.payment_record(
            amount=_minor(amount),
            date=today,
            giver=Giver(user=people[who]),
            round_project=projects[project],
        )
        donations += amount
    matching = selectors.round_matching(round=round_)
    closed_round = services.round_close(
        round=round_, today=round_.closes + datetime.timedelta(days=1)
    )
    matched = sum(m.match_minor for m in closed_round.matches.all())
    earning = sum(1 for p in matching.projects if p.ideal > 0)
    if earning and (matching.cap is None or earning * matching.cap >= round_.pool_minor):
        assert matched == round_.pool_minor
    assert matched + matching.unallocated == round_.pool_minor
    return donations, round_.pool_minor


def test_gifts_campaigns_and_rounds_keep_the_books_balanced_and_count_nothing_twice(db, make_user):
    for slug in FUNDS[1:]:
        builders.fund(slug)
    funds = [Fund.objects.get(slug=slug) for slug in FUNDS]
    people = [builders.verified(make_user(f"p{n}", roles=["member"])) for n in range(PEOPLE)]
    today = timezone.localdate()

    @PROPERTIES
    @given(case=example)
    def run(case):
        with db_transaction.atomic():
            donations = _gifts_given(case, funds, today)
            _campaign_closed_and_checked(case)
            round_gifts, pool = _round_closed_and_checked(case, funds, people, today)
            donations += round_gifts

            assert _income("Income:Contributions:Donations") == donations
            assert _income("Income:Grants:Public") == pool
            for fund in [None, *funds]:
                assert ledger.trial_balance(fund=fund, on=today).balanced
            assert selfchecks_run() == []
            db_transaction.set_rollback(True)

    run()

"""A round's terms: what becomes of the pool when the ideal matches fall short of it, kept from
the creation to the close in the books; a round prepared, edited and opened by a
treasurer from the web, with the same refusals as the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from remix.contributions import selectors, services
from remix.contributions.models import Round, RoundRemainder, RoundStatus
from remix.contributions.tests import builders
from remix.contributions.tests.test_pages_rounds import client_for, en, text
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def closed_round(make_user, remainder: str) -> Round:
    """A 10 € pool; the garden gets 1 € and 1 € (ideal 2 €), the review 1 € and 4 € (ideal 4 €)."""
    round_ = builders.round_(
        pool="10",
        slug=f"round-{remainder}",
        opens=TODAY() - 20 * DAY,
        closes=TODAY() - DAY,
        remainder=remainder,
    )
    garden = services.round_project_add(round=round_, fund=builders.fund("jardin"))
    review = services.round_project_add(round=round_, fund=builders.fund("revue"))
    for name, project, amount in (
        ("awa", garden, "1"),
        ("ben", garden, "1"),
        ("cyd", review, "1"),
        ("dia", review, "4"),
    ):
        person = builders.verified(make_user(f"{name}-{remainder}", roles=["member"]))
        services.payment_record(
            amount=amount,
            date=TODAY() - 5 * DAY,
            giver=builders.giver(person),
            round_project=project,
        )
    return services.round_close(round=round_)


def matched(round_: Round) -> list[int]:
    return [m.match_minor for m in round_.matches.order_by("project_id")]


def test_left_in_the_pool_each_project_receives_its_ideal_and_the_rest_stays(make_user):
    round_ = closed_round(make_user, RoundRemainder.KEEP)
    assert matched(round_) == [200, 400]
    assert (
        Transaction.objects.filter(external_key__startswith=f"round:{round_.pk}:match").count() == 2
    )


def test_shared_in_proportion_the_whole_pool_is_spent(make_user):
    # 1,000 × 2/6 = 333.33…, 1,000 × 4/6 = 666.66…: the cent left goes to the larger remainder.
    assert matched(closed_round(make_user, RoundRemainder.SHARE)) == [333, 667]


def form(**changes) -> dict:
    data = {
        "language": "en",
        "title": "Neighbourhood matching",
        "slug": "neighbourhood",
        "description": "",
        "funder": builders.funder().slug,
        "pool": "1,000",
        "commodity": "EUR",
        "pool_fund": builders.fund("pool").slug,
        "pool_account": "Income:Grants:Public",
        "opens": (TODAY() + 5 * DAY).isoformat(),
        "closes": (TODAY() + 35 * DAY).isoformat(),
        "cap_percent": "",
        "remainder": "share",
    }
    data.update(changes)
    return data


def test_a_treasurer_prepares_a_round_that_only_treasurers_see_until_it_opens(make_user):
    treasurer = client_for(make_user("tresoriere", roles=["treasurer"]))
    member = make_user("membre", roles=["member"])
    assert client_for(member).post(en("round_new"), form()).status_code == 403

    refused = treasurer.post(en("round_new"), form(closes=(TODAY() - DAY).isoformat()))
    assert refused.status_code == 200 and not Round.objects.exists()
    assert "A round closes after it opens." in text(refused)
    assert 'value="Neighbourhood matching"' in refused.content.decode()

    assert treasurer.post(en("round_new"), form()).status_code == 302
    draft = Round.objects.get(slug="neighbourhood")
    assert (draft.status, draft.remainder, draft.pool_minor) == (RoundStatus.DRAFT, "share", 100000)
    assert draft.pool_transaction is None and not Transaction.objects.exists()
    assert client_for(member).get(en("round", slug="neighbourhood")).status_code == 404
    assert "Neighbourhood matching" not in text(client_for(member).get(en("rounds")))
    assert "Open the round and record its pool" in text(
        treasurer.get(en("round", slug="neighbourhood"))
    )

    edited = treasurer.post(
        en("round_edit", slug="neighbourhood"), form(pool="1,500", remainder="keep")
    )
    assert edited.status_code == 302
    draft.refresh_from_db()
    assert (draft.pool_minor, draft.remainder) == (150000, "keep")
    assert draft.title == {"en": "Neighbourhood matching"}

    assert treasurer.post(en("round_open", slug="neighbourhood")).status_code == 302
    draft.refresh_from_db()
    assert draft.status == RoundStatus.OPEN and draft.pool_transaction.is_posted
    assert client_for(member).get(en("round", slug="neighbourhood")).status_code == 200
    # Once open, its terms are kept: the edit page is gone, the service refuses.
    assert treasurer.get(en("round_edit", slug="neighbourhood")).status_code == 404
    with pytest.raises(ValidationError, match="only before it opens"):
        services.round_update(round=draft, **_terms(draft))


def _terms(round_: Round) -> dict:
    return {
        "title": round_.title,
        "funder": round_.funder,
        "pool": "20",
        "pool_fund": round_.pool_fund,
        "opens": round_.opens,
        "closes": round_.closes,
    }


def test_the_preview_shows_a_treasurer_the_matching_with_the_gifts_so_far(make_user):
    treasurer = client_for(make_user("tresoriere", roles=["treasurer"]))
    round_ = builders.round_(pool="10")
    garden = services.round_project_add(round=round_, fund=builders.fund("jardin"))
    for name in ("awa", "ben"):
        person = builders.verified(make_user(name, roles=["member"]))
        services.payment_record(
            amount="1", date=TODAY(), giver=builders.giver(person), round_project=garden
        )
    words = text(treasurer.get(en("round", slug=round_.slug)))
    assert selectors.round_matching(round=round_).of(garden.pk).match == 200
    assert "Preview of the matching" in words and "Left in the pool €8" in words
    assert "Preview of the matching" not in text(client_for().get(en("round", slug=round_.slug)))


def test_a_treasurer_starts_a_campaign_from_the_web(make_user):
    treasurer = client_for(make_user("tresoriere", roles=["treasurer"]))
    data = {
        "language": "en",
        "title": "Spring fiesta",
        "slug": "spring-fiesta",
        "description": "",
        "fund": builders.fund("jardin").slug,
        "goal": "2,500",
        "commodity": "EUR",
        "opens": TODAY().isoformat(),
        "deadline": (TODAY() - DAY).isoformat(),
        "rule": "keep_it_all",
    }
    refused = treasurer.post(en("campaign_new"), data)
    assert "The deadline comes after the opening." in text(refused)
    data["deadline"] = (TODAY() + 30 * DAY).isoformat()
    assert treasurer.post(en("campaign_new"), data).status_code == 302
    campaign = selectors.campaigns_public().get()
    assert (campaign.slug, campaign.goal_minor, campaign.rule) == (
        "spring-fiesta",
        250000,
        "keep_it_all",
    )


def test_a_campaign_is_edited_before_it_opens_then_opened_today(make_user):
    treasurer = client_for(make_user("tresoriere", roles=["treasurer"]))
    later = builders.campaign(opens=TODAY() + 5 * DAY, deadline=TODAY() + 30 * DAY)
    page = treasurer.get(en("campaign_edit", slug=later.slug))
    assert page.status_code == 200 and 'value="Commons fiesta"' in page.content.decode()
    data = {
        "language": "en",
        "title": "Commons fiesta in Lyon",
        "description": "",
        "fund": later.fund.slug,
        "goal": "1,500",
        "commodity": "EUR",
        "opens": later.opens.isoformat(),
        "deadline": later.deadline.isoformat(),
        "rule": later.rule,
    }
    assert treasurer.post(en("campaign_edit", slug=later.slug), data).status_code == 302
    later.refresh_from_db()
    assert later.goal_minor == 150000
    assert later.title == {"fr": "Fiesta des communs", "en": "Commons fiesta in Lyon"}

    assert treasurer.post(en("campaign_open", slug=later.slug)).status_code == 302
    later.refresh_from_db()
    assert later.opens == TODAY()
    # Open: its terms are kept, on the page and in the service.
    assert treasurer.get(en("campaign_edit", slug=later.slug)).status_code == 404
    with pytest.raises(ValidationError, match="only before it opens"):
        services.campaign_terms_update(
            campaign=later,
            title=later.title,
            fund=later.fund,
            goal="2000",
            opens=later.opens,
            deadline=later.deadline,
            rule=later.rule,
        )


def test_a_treasurer_offers_a_counterpart_on_an_open_campaign_and_its_value_reaches_the_receipt(
    make_user,
):
    treasurer = client_for(make_user("tresoriere", roles=["treasurer"]))
    fiesta = builders.campaign()
    page = treasurer.get(en("campaign", slug=fiesta.slug))
    assert en("campaign_tier_add", slug=fiesta.slug) in page.content.decode()
    data = {
        "language": "en",
        "title": "A poster of the fiesta",
        "description": "",
        "amount": "30",
        "quantity": "0",
        "counterpart_value": "8.50",
    }
    refused = treasurer.post(en("campaign_tier_add", slug=fiesta.slug), data)
    assert refused.status_code == 200 and not fiesta.tiers.exists()
    assert "Ensure this value is greater than or equal to 1." in text(refused)
    data["quantity"] = "100"
    data["counterpart_value"] = "-2"
    refused = treasurer.post(en("campaign_tier_add", slug=fiesta.slug), data)
    assert refused.status_code == 200 and not fiesta.tiers.exists()  # the service's refusal
    data["counterpart_value"] = "8.50"
    assert treasurer.post(en("campaign_tier_add", slug=fiesta.slug), data).status_code == 302
    tier = fiesta.tiers.get()
    assert (tier.title, tier.amount_minor, tier.quantity, tier.counterpart_value_minor) == (
        {"en": "A poster of the fiesta"},
        3000,
        100,
        850,
    )
    assert not tier.free_amount
    page = treasurer.get(en("campaign", slug=fiesta.slug)).content.decode()
    assert "A poster of the fiesta" in page


def test_no_counterpart_is_offered_on_a_campaign_past_its_deadline(make_user):
    treasurer = client_for(make_user("tresoriere", roles=["treasurer"]))
    past = builders.campaign(opens=TODAY() - 30 * DAY, deadline=TODAY() - DAY)
    assert treasurer.get(en("campaign_tier_add", slug=past.slug)).status_code == 404
    page = treasurer.get(en("campaign", slug=past.slug)).content.decode()
    assert en("campaign_tier_add", slug=past.slug) not in page

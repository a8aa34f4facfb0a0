"""The funding API's matching rounds: opened with their pool, gifts from verified members, the
matching and its close."""

import datetime
from decimal import Decimal

import pytest

from remix.contributions import services
from remix.contributions.models import Round, RoundRemainder
from remix.contributions.services import Giver
from remix.contributions.tests import builders
from remix.contributions.tests.api.calls import EN, days, get, post, refusal, today
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


def a_round(**changes):
    body = {
        "slug": "abondement-2026",
        "title": {"fr": "Abondement 2026", "en": "Matching 2026"},
        "funder": builders.funder().slug,
        "pool": "10",
        "pool_fund": "plateforme",
        "pool_account": "Income:Grants:Institutional",
        "opens": days(-10),
        "closes": days(10),
        "cap_share": "0.9",
    }
    body.update(changes)
    return body


def test_a_treasurer_opens_a_round_whose_pool_reaches_the_books(client, treasurer):
    created = post(client, "/rounds", a_round(), **treasurer, **EN)
    project = post(
        client,
        f"/rounds/{created.json()['id']}/projects",
        {"fund": builders.fund().slug, "description": {"fr": "La fiesta"}},
        **treasurer,
        **EN,
    )
    listed = get(client, "/rounds", **EN).json()

    assert created.status_code == project.status_code == 201
    body = created.json()
    assert (body["label"], body["pool"], body["commodity"], body["cap_share"]) == (
        "Matching 2026",
        "10.00",
        "EUR",
        "0.9",
    )
    assert body["funder"] == {"slug": "metropole-de-lyon", "name": "Métropole de Lyon"}
    assert (body["status"], body["pool_fund"], body["projects"]) == ("open", "plateforme", [])
    assert project.json() == {
        "id": project.json()["id"],
        "fund": "fiesta-2026",
        "name": "fiesta-2026",
        "description": {"fr": "La fiesta"},
    }
    assert listed["items"][0]["projects"] == [project.json()]
    assert get(client, f"/rounds/{body['id']}", **EN).json() == listed["items"][0]
    pool = Transaction.objects.get()
    assert pool.is_posted and pool.counterparty.slug == "metropole-de-lyon"
    accounts = {p.account.code: p.amount_minor for p in pool.postings.all()}
    assert accounts == {"Assets:Bank:Current": 1000, "Income:Grants:Institutional": -1000}


def test_round_refusals(client, member, treasurer):
    _user, token = member
    round_ = builders.round_()

    bad_account = post(client, "/rounds", a_round(pool_account="Income:Sales"), **treasurer, **EN)
    unknown_funder = post(client, "/rounds", a_round(funder="nobody"), **treasurer, **EN)
    backwards = post(client, "/rounds", a_round(closes=days(-20)), **treasurer, **EN)
    too_big_cap = post(client, "/rounds", a_round(cap_share="2"), **treasurer, **EN)
    by_member = post(client, "/rounds", a_round(), **token)
    pool_fund = post(
        client, f"/rounds/{round_.pk}/projects", {"fund": "plateforme"}, **treasurer, **EN
    )
    project_by_member = post(
        client, f"/rounds/{round_.pk}/projects", {"fund": "plateforme"}, **token
    )
    missing = post(client, "/rounds/999/projects", {"fund": "plateforme"}, **treasurer)

    assert refusal(bad_account) == {"pool_account": "This value is not one of the allowed choices."}
    assert refusal(unknown_funder) == {"funder": "Unknown actor: nobody."}
    assert refusal(backwards) == {"closes": "A round closes after it opens."}
    assert refusal(too_big_cap) == {"cap_share": "The cap is a share above 0 and at most 1."}
    assert by_member.status_code == project_by_member.status_code == 403
    assert refusal(pool_fund) == {"fund": "A project receives into its own fund, not the pool's."}
    assert missing.status_code == 404
    assert Round.objects.count() == 1 and Transaction.objects.count() == 1


def gifts_path(round_) -> str:
    return f"/rounds/{round_.pk}/contributions"


def test_a_treasurer_records_round_gifts_from_verified_members_once(
    client, treasurer, member, make_user
):
    user, token = member
    round_ = builders.round_()
    project = services.round_project_add(round=round_, fund=builders.fund())
    gift = {"project": project.pk, "user": "awa", "amount": "10", "visibility": "amount"}
    key = {"HTTP_IDEMPOTENCY_KEY": "round-awa-1"}

    unverified = post(client, gifts_path(round_), gift, **treasurer, **EN)
    builders.verified(user)
    first = post(client, gifts_path(round_), gift, **treasurer, **key)
    again = post(client, gifts_path(round_), gift, **treasurer, **key)
    by_member = post(client, gifts_path(round_), gift, **token)
    other_project = post(client, gifts_path(round_), {**gift, "project": 999}, **treasurer, **EN)
    outside = post(client, gifts_path(round_), {**gift, "date": days(-30)}, **treasurer, **EN)

    assert refusal(unverified)["user"].startswith("Only verified member accounts")
    assert (first.status_code, again.status_code, by_member.status_code) == (201, 200, 403)
    assert first.json()["id"] == again.json()["id"]
    assert (first.json()["round_project"], first.json()["fund"]) == (project.pk, "fiesta-2026")
    assert refusal(other_project) == {"project": "Unknown project in this round: 999."}
    assert list(refusal(outside)) == ["date"]
    assert Transaction.objects.count() == 2  # the pool and one gift
    assert get(client, "/contributions").json()["items"][0]["name"] is None


def give_in_round(round_, project, people, amount, make_user, day=None):
    for name in people:
        user = make_user(name, roles=["member"])
        builders.verified(user)
        services.payment_record(
            amount=amount,
            date=day or today(),
            giver=Giver(user=user),
            round_project=project,
        )


def test_the_matching_shares_exactly_the_pool_when_ideals_exceed_it(client, make_user):
    round_ = builders.round_(pool="10", cap_share=Decimal("0.9"))
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    revue = services.round_project_add(round=round_, fund=builders.fund("revue-2026"))
    radio = services.round_project_add(round=round_, fund=builders.fund("radio-2026"))
    give_in_round(round_, fiesta, ["a", "b", "c", "d"], "10", make_user)
    give_in_round(round_, revue, ["e", "f"], "25", make_user)
    give_in_round(round_, radio, ["g"], "100", make_user)

    body = get(client, f"/rounds/{round_.pk}/matching", **EN).json()

    # Ideals: fiesta (4·√10)² − 40 = 120 €, revue (2·√25)² − 50 = 50 €: far above a 10 € pool.
    assert (body["estimate"], body["status"], body["pool"]) == (True, "open", "10.00")
    assert (body["matched"], body["unallocated"]) == ("10.00", "0.00")
    lines = {line["fund"]: line for line in body["projects"]}
    assert (lines["fiesta-2026"]["total"], lines["fiesta-2026"]["contributors"]) == ("40.00", 4)
    assert lines["fiesta-2026"]["match"] == "7.06" and lines["revue-2026"]["match"] == "2.94"
    assert lines["radio-2026"]["match"] == "0.00" and not lines["radio-2026"]["capped"]
    assert sum(Decimal(line["match"]) for line in body["projects"]) == Decimal("10.00")
    assert lines["fiesta-2026"]["explanation"].startswith("4 people gave")
    assert "one giver alone earns no match" in lines["radio-2026"]["explanation"]


def test_a_round_closes_once_with_final_figures_and_a_repeat_is_harmless(
    client, treasurer, make_user
):
    round_ = builders.round_(
        pool="100",
        remainder="share",
        opens=today() - datetime.timedelta(days=20),
        closes=today() - datetime.timedelta(days=1),
    )
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    give_in_round(round_, fiesta, ["a", "b"], "10", make_user, day=round_.opens)
    estimate = get(client, f"/rounds/{round_.pk}/matching").json()
    before = Transaction.objects.count()

    closed = post(client, f"/rounds/{round_.pk}/close", {}, **treasurer)
    after_close = Transaction.objects.count()
    again = post(client, f"/rounds/{round_.pk}/close", {}, **treasurer)
    final = get(client, f"/rounds/{round_.pk}/matching").json()

    assert closed.status_code == again.status_code == 200
    assert estimate["estimate"] and not closed.json()["estimate"]
    assert closed.json() == again.json() == final
    assert final["status"] == "closed" and final["projects"][0]["match"] == "100.00"
    assert after_close == before + 1  # one transfer for the one project with a match
    assert Transaction.objects.count() == after_close


def test_a_round_is_not_closed_before_its_last_day_nor_by_a_member(client, treasurer, member):
    _user, token = member
    round_ = builders.round_()

    early = post(client, f"/rounds/{round_.pk}/close", {}, **treasurer, **EN)
    by_member = post(client, f"/rounds/{round_.pk}/close", {}, **token)
    no_token = post(client, f"/rounds/{round_.pk}/close", {})

    assert refusal(early) == {"": f"This round counts gifts until {round_.closes}."}
    assert (by_member.status_code, no_token.status_code) == (403, 401)
    assert Round.objects.get().status == "open"


def test_the_api_stores_the_choice_and_keeps_the_rest_by_default(client, treasurer):
    body = {
        "title": {"fr": "Abondement"},
        "funder": builders.funder().slug,
        "pool": "10",
        "pool_fund": "plateforme",
        "opens": days(-10),
        "closes": days(10),
    }
    kept = post(client, "/rounds", {**body, "slug": "kept"}, **treasurer, **EN)
    shared = post(
        client, "/rounds", {**body, "slug": "shared", "remainder": "share"}, **treasurer, **EN
    )
    odd = post(client, "/rounds", {**body, "slug": "odd", "remainder": "half"}, **treasurer, **EN)
    assert (kept.json()["remainder"], shared.json()["remainder"]) == ("keep", "share")
    assert Round.objects.get(slug="shared").remainder == RoundRemainder.SHARE
    assert odd.status_code == 422 and not Round.objects.filter(slug="odd").exists()

"""The sharing API: rules read by all, written and distributed by treasurers, and the dry run."""

import pytest

from remix.api.tests.calls import EN, bearer, get, post, refusal
from remix.api.tests.lists import assert_list_cost_flat
from remix.ledger.tests.builders import fund_project
from remix.sharing import services
from remix.sharing.models import Distribution
from remix.sharing.tests.builders import PERIOD, funds, hourly_rate, standard_rule, time_given

pytestmark = pytest.mark.django_db


def a_rule_body(platform, commons, **changes):
    body = {
        "slug": "partage-films",
        "name": {"fr": "Partage des films"},
        "fund": "etude-lyon",
        "buckets": [
            {"base": "total", "percent": "10", "to": "fund", "fund": platform.slug},
            {"base": "remaining", "percent": "5", "to": "fund", "fund": commons.slug},
            {"base": "rest", "to": "contributors"},
        ],
    }
    return {**body, **changes}


def test_a_treasurer_writes_a_rule_and_a_member_may_not(client, api_token):
    _study, platform, commons = funds()
    _member, member_token = api_token(roles=["member"])
    response = post(
        client, "/sharing-rules", a_rule_body(platform, commons), **bearer(member_token)
    )
    assert response.status_code == 403
    _t, token = api_token(roles=["member", "treasurer"])
    response = post(client, "/sharing-rules", a_rule_body(platform, commons), **bearer(token), **EN)
    assert response.status_code == 201, response.content
    rule = response.json()
    assert rule["version"]["number"] == 1
    assert [b["words"] for b in rule["version"]["buckets"]] == [
        "10% of the total to the platform.",
        "5% of what remains to fonds-des-communs.",
        "The rest to the contributors, pro rata to their valued contributions.",
    ]
    wrong = a_rule_body(platform, commons, slug="autre")
    wrong["buckets"][0]["percent"] = "96"
    wrong["buckets"][1]["base"] = "total"
    assert refusal(post(client, "/sharing-rules", wrong, **bearer(token), **EN)) == {
        "buckets": "The buckets take more than the whole amount."
    }
    revised = post(
        client,
        f"/sharing-rules/{rule['id']}/versions",
        {"buckets": [{"base": "rest", "to": "contributors"}], "note": "Tout aux contributeurs"},
        **bearer(token),
    )
    assert revised.status_code == 201
    assert revised.json()["versions"] == [2, 1]


def test_the_dry_run_answers_each_part_as_a_decimal_string_and_posts_nothing(client, make_user):
    study, platform, commons = funds()
    hourly_rate()
    time_given(make_user("ana"), study, "2")
    time_given(make_user("bob"), study, "1")
    time_given(make_user("chloe"), study, "3", on=PERIOD[0].replace(year=2025))
    rule = standard_rule(study, platform, commons)
    response = post(
        client,
        f"/sharing-rules/{rule.pk}/dry-run",
        {"amount": "1000.00", "start": str(PERIOD[0]), "end": str(PERIOD[1])},
    )
    assert response.status_code == 200, response.content
    parts = [(p["recipient"]["name"], p["amount"], p["value"]) for p in response.json()["parts"]]
    assert parts == [
        ("la plateforme", "100.00", None),
        ("fonds-des-communs", "50.00", None),
        ("Ana", "566.67", "24.00"),
        ("Bob", "283.33", "12.00"),
        ("Chloe", "0.00", "0.00"),
    ]
    assert not Distribution.objects.exists()
    assert refusal(post(client, f"/sharing-rules/{rule.pk}/dry-run", {"amount": "10.001"}))
    assert (
        post(client, f"/sharing-rules/{rule.pk}/dry-run", {"amount": "1", "version": 9}).status_code
        == 422
    )


def test_a_distribution_through_the_api_is_kept_once_per_key(client, make_user, api_token):
    study, platform, commons = funds()
    hourly_rate()
    time_given(make_user("ana"), study, "2")
    rule = standard_rule(study, platform, commons)
    body = {"amount": "200.00", "start": str(PERIOD[0]), "end": str(PERIOD[1])}
    _m, member_token = api_token(roles=["member"])
    path = f"/sharing-rules/{rule.pk}/distributions"
    assert post(client, path, body, **bearer(member_token)).status_code == 403
    _t, token = api_token(roles=["member", "treasurer"])
    keyed = {**bearer(token), "HTTP_IDEMPOTENCY_KEY": "d-1"}
    first = post(client, path, body, **keyed)
    assert first.status_code == 201, first.content
    assert [p["amount"] for p in first.json()["parts"]] == ["20.00", "10.00", "170.00"]
    again = post(client, path, body, **keyed)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Distribution.objects.count() == 1


def test_a_page_of_rules_costs_the_same_at_3_as_at_30(client, db):
    _study, platform, commons = funds()
    made = []

    def rows(n: int) -> set[int]:
        for _ in range(n):
            fund = fund_project(f"etude-{len(made)}")
            rule = services.rule_create(
                slug=f"regle-{len(made)}",
                name={"fr": f"Règle {len(made)}"},
                fund=fund,
                buckets=[
                    {"base": "total", "percent": "10", "to": "fund", "target": platform.pk},
                    {"base": "rest", "to": "contributors"},
                ],
            )
            services.rule_revise(rule=rule, buckets=[{"base": "rest", "to": "contributors"}])
            made.append(rule.pk)
        return set(made)

    assert_list_cost_flat(client, "/sharing-rules", rows=rows)
    assert get(client, "/sharing-rules").json()["count"] == 30


def test_a_treasurer_reverses_a_distribution_through_the_api(client, make_user, api_token):
    study, platform, commons = funds()
    hourly_rate()
    time_given(make_user("ana"), study, "2")
    rule = standard_rule(study, platform, commons)
    made = services.distribution_record(
        version=rule.versions.get(), amount=1_000, date=PERIOD[1], period=PERIOD
    )
    path = f"/sharing-distributions/{made.pk}/reverse"
    _m, member_token = api_token(roles=["member"])
    assert post(client, path, {"reason": "Erreur"}, **bearer(member_token)).status_code == 403
    _t, token = api_token(roles=["member", "treasurer"])
    assert "reason" in refusal(post(client, path, {"reason": ""}, **bearer(token)))
    response = post(client, path, {"reason": "Erreur"}, **bearer(token))
    assert response.status_code == 200 and response.json()["reason"] == "Erreur"
    assert made.parts.exclude(transaction=None).count() == 3

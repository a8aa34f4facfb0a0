"""The trial balance and the sustainability report over the API."""

import re

import pytest
from django.utils import translation

from remix.ledger import maths, selectors, sustainability_json
from remix.ledger.models import Fund
from remix.ledger.sustainability_json import BUDGET_DEPRECATED_FIELDS, BUDGET_FIELDS
from remix.ledger.tests.api import API, post_json

# --- reports -------------------------------------------------------------------------------------


def test_the_trial_balance_of_the_platform_fund(client, ledger):
    body = client.get(f"{API}/trial-balance?fund=plateforme&on=2026-12-31").json()

    assert body["fund"] == "plateforme" and body["on"] == "2026-12-31"
    assert [
        (row["account"], row["commodity"], row["debit"], row["credit"], row["balance"])
        for row in body["rows"]
    ] == [
        ("Assets:Bank:Current", "EUR", "3380.00", "0.00", "3380.00"),
        ("Expenses:Hosting", "EUR", "120.00", "0.00", "120.00"),
        ("Expenses:Volunteering", "HOUR", "10.00", "0.00", "10.00"),
        ("Income:Community:Time", "HOUR", "0.00", "10.00", "-10.00"),
        ("Income:Contributions:Donations", "EUR", "0.00", "500.00", "-500.00"),
        ("Income:Grants:Public", "EUR", "0.00", "3000.00", "-3000.00"),
    ]
    assert body["totals"] == [
        {"commodity": "EUR", "debit": "3500.00", "credit": "3500.00"},
        {"commodity": "HOUR", "debit": "10.00", "credit": "10.00"},
    ]
    assert body["balanced"] is True


def test_the_consolidated_trial_balance_on_a_day(client, ledger):
    everything = client.get(f"{API}/trial-balance?fund=all&on=2026-12-31").json()
    january = client.get(f"{API}/trial-balance?on=2026-01-31").json()

    assert everything["fund"] is None
    rows = {(row["account"], row["commodity"]): row["balance"] for row in everything["rows"]}
    assert rows[("Assets:Bank:Current", "EUR")] == "4180.00"
    assert rows[("Income:Sales", "EUR")] == "-800.00"
    assert everything["totals"][0] == {"commodity": "EUR", "debit": "4300.00", "credit": "4300.00"}
    assert [(row["account"], row["balance"]) for row in january["rows"]] == [
        ("Assets:Bank:Current", "3000.00"),
        ("Income:Grants:Public", "-3000.00"),
    ]


def test_the_sustainability_of_the_platform(client, ledger):
    body = client.get(
        f"{API}/sustainability?fund=plateforme&period=2026", HTTP_ACCEPT_LANGUAGE="en"
    ).json()

    assert (body["fund"], body["period"], body["currency"]) == ("plateforme", "2026", "EUR")
    assert (body["start"], body["end"]) == ("2026-01-01", "2026-12-31")
    assert body["figures"] == {
        "coverage": "0.4861",
        "coverage_with_valued": "0.5069",
        "contributions_share": "0.0694",
        "diversification_natures": "0.3040",
        # The 150 € of volunteer time has no counterparty: an unknown source, left out.
        "diversification_sources": "0.2449",
        "dependency": "0.8571",  # 3 000 of 3 500
        "runway_months": "338.0",
    }
    assert body["needs"] == {
        "total": "7200.00",
        "by_category": {"development": "6000.00", "hosting": "1200.00"},
    }
    assert body["resources"] == {
        "monetary": "3500.00",
        "valued": "150.00",
        "total": "3650.00",
        "transfers_in": "0.00",
        "unattributed": "150.00",  # the volunteer time, which names no one
    }
    assert body["hours"] == "10.00"
    assert body["by_nature"] == [
        {
            "nature": "contributions",
            "label": "users' contributions",
            "amount": "500.00",
            "monetary": True,
        },
        {"nature": "community_time", "label": "community time", "amount": "150.00",
         "monetary": False},
        {"nature": "public_authorities", "label": "public authorities", "amount": "3000.00",
         "monetary": True},
    ]  # fmt: skip
    assert [(s["name"], s["anonymous"], s["amount"], s["share"]) for s in body["sources"]] == [
        ("Region Sud", False, "3000.00", "0.8219"),
        ("Anonymous", True, "500.00", "0.1370"),
        ("Unattributed", False, "150.00", "0.0411"),
    ]
    assert body["sources"][1]["actor_id"] is None
    assert body["gap_per_month"] == "308.33"
    assert (body["cash"], body["monthly_burn"]) == ("3380.00", "10.00")
    assert body["spending_by_category"] == {"hosting": "120.00", "other": "150.00"}
    assert body["months"][2] == {
        "month": "2026-03",
        "needs": "600.00",
        "monetary": "0.00",
        "valued": "150.00",
        "spending": "270.00",
    }
    assert body["rates"] == {
        "used": [{"date": "2026-01-01", "commodity": "HOUR", "quote": "EUR", "rate": "15"}],
        "missing": [],
    }


def test_the_api_says_what_the_selector_the_page_reads_says(client, ledger):
    body = client.get(f"{API}/sustainability?period=2026-Q2&fund=fiesta-2026").json()
    with translation.override("fr"):
        report = selectors.sustainability(
            fund=Fund.objects.get(slug="fiesta-2026"), period=maths.period_parse("2026-Q2")
        )

    assert body["resources"]["monetary"] == "800.00" and report.resources_monetary == 80000
    assert body["figures"]["coverage"] is None and report.figures()["coverage"] is None
    # The ticket sales name no buyer: no known source, so no dependency to measure.
    assert body["figures"]["dependency"] is None and report.figures()["dependency"] is None
    assert body["by_nature"] == [
        {"nature": "commercial", "label": "commercial", "amount": "800.00", "monetary": True}
    ]
    assert [source["amount"] for source in body["sources"]] == ["800.00"]


def test_rates_missing_are_said(client, ledger, treasurer):
    body = {
        "date": "2026-07-01",
        "description": "Don en francs CFA",
        "post": True,
        "postings": [
            {"account": "Assets:Bank:Current", "amount": "10000", "commodity": "XOF"},
            {"account": "Income:Contributions:Donations", "amount": "-10000", "commodity": "XOF"},
        ],
    }
    assert post_json(client, f"{API}/transactions", body, **treasurer).status_code == 201

    report = client.get(f"{API}/sustainability?fund=plateforme&period=2026-07").json()

    # The gift on its day, and the cash at the period's end: neither has a rate.
    assert report["rates"]["missing"] == [
        {"commodity": "XOF", "date": "2026-07-01"},
        {"commodity": "XOF", "date": "2026-07-31"},
    ]
    assert report["resources"]["monetary"] == "0.00"


@pytest.mark.parametrize(
    "query",
    ["fund=plateforme&period=2026", "fund=all&period=2026", "fund=fiesta-2026&period=2026-Q2"],
)
def test_the_api_and_the_open_budget_download_give_one_record(client, ledger, query):
    api = client.get(f"{API}/sustainability?{query}&top=1000", HTTP_ACCEPT_LANGUAGE="en").json()
    download = client.get(f"/en/budget/summary.json?{query}").json()

    # The download is the API's record, and the open budget's own and deprecated fields.
    assert {name: download[name] for name in api} == api
    assert set(download) - set(api) == {*BUDGET_FIELDS, *BUDGET_DEPRECATED_FIELDS}
    documented = set(re.findall(r"\w+", sustainability_json.__doc__))
    assert set(download) <= documented
    # The deprecated fields say what their new names say.
    assert download["volunteer_hours"] == download["hours"]
    assert {row["category"]: row["needs"] for row in download["needs_by_category"]} == (
        download["needs"]["by_category"]
    )
    assert [(row["nature"], row["amount"]) for row in download["resources_by_nature"]] == [
        (row["nature"], row["amount"]) for row in download["by_nature"]
    ]

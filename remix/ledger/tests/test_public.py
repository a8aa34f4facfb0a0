"""The open budget and the dashboard, as a visitor with no login reads and downloads them."""

import csv
import datetime
import io

import pytest
from django.utils import timezone, translation

from remix.ledger import maths, services
from remix.ledger.models import Account, Fund
from remix.ledger.tests.builders import books_load, fund_project

NNBSP = "\u202f"  # French groups thousands with a narrow no-break space
NBSP = "\u00a0"  # and puts a no-break space before the currency sign

BOOKS = """
2026-01-15 * "Don de Awa" awa-diop anonymous
  Assets:Bank:Current               50.00 EUR
  Income:Contributions:Donations   -50.00 EUR

2026-02-01 * "Subvention de fonctionnement" ville-de-montreuil
  Assets:Bank:Current             6000.00 EUR
  Income:Grants:Public           -6000.00 EUR

2026-03-10 * "Hébergement du serveur" hebergeur-libre
  Expenses:Hosting                 200.00 EUR
  Assets:Bank:Current             -200.00 EUR

2026-04-01 * "Cotisation annuelle" jean-dupont
  Assets:Bank:Current               30.00 EUR
  Income:Contributions:Membership  -30.00 EUR

2026-05-02 * "Traduction bénévole" maria-lopez
  Expenses:Volunteering              6 HOUR
  Income:Community:Time             -6 HOUR

2026-06-20 * "Billetterie de la fiesta"
  Assets:Bank:Current             1500.00 EUR fiesta-2026
  Income:Sales                   -1500.00 EUR fiesta-2026

2026-06-21 * "Sonorisation de la fiesta" sono-du-quartier
  Expenses:Mediation:Fiestas       800.00 EUR fiesta-2026
  Assets:Bank:Current             -800.00 EUR fiesta-2026

2026-07-01 ! "Brouillon jamais publié" awa-diop
  Assets:Bank:Current              999.00 EUR
  Income:Contributions:Donations  -999.00 EUR
"""


def load_year() -> dict:
    """A year of illustrative books: needs of 12,000 € for the platform, 1,000 € for a fiesta."""
    platform = Fund.objects.get(kind="platform")
    fiesta = fund_project("fiesta-2026")
    year = maths.period_parse("2026")
    services.budget_line_create(fund=platform, period=year, amount="2400.00", category="hosting")
    services.budget_line_create(
        fund=platform, period=year, amount="9600.00", category="development"
    )
    services.budget_line_create(
        fund=fiesta,
        period=maths.period_parse("2026-06"),
        amount="1000.00",
        account=Account.objects.get(code="Expenses:Mediation:Fiestas"),
    )
    services.rate_record(date=datetime.date(2026, 1, 1), commodity="HOUR", quote="EUR", rate="15")
    books_load(BOOKS)
    return {"platform": platform, "fiesta": fiesta}


@pytest.fixture
def ledger(db):
    return load_year()


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


# --- the page ------------------------------------------------------------------------------------


def test_the_open_budget_shows_needs_resources_and_the_monthly_gap_in_french(client, ledger):
    html = page(client, "/budget/?period=2026")

    assert f"12{NNBSP}000,00{NBSP}€" in html  # needs
    assert f"6{NNBSP}080,00{NBSP}€" in html  # monetary resources: 50 + 6,000 + 30
    assert f"493,33{NBSP}€" in html  # missing per month: (12,000 − 6,080) ÷ 12
    assert f"51{NBSP}%" in html  # coverage 0.5067
    assert f"50,00{NBSP}€" in html  # the anonymous gift
    assert "Subvention de fonctionnement" in html
    assert "Ville De Montreuil" in html  # a named source


def test_the_same_page_in_english_formats_money_the_english_way(client, ledger):
    html = page(client, "/en/budget/?period=2026")

    assert "€12,000.00" in html
    assert "€50.00" in html
    assert "€493.33" in html
    assert "2026: €5,920 missing, that is €493.33 a month" in html


def test_volunteer_hours_show_as_hours_and_valued_with_the_rate_used(client, ledger):
    with translation.override("en"):
        html = page(client, "/en/budget/?period=2026")

    assert f"Volunteer time: 6{NBSP}h given." in html
    assert "Valued at €15.00 an hour (rate of 1 Jan 2026)." in html
    assert "Valued in all: €90.00." in html
    assert "One hour of volunteer time = €15.00" in html


@pytest.mark.dated
def test_the_default_is_the_platform_fund_and_the_current_year(client, ledger):
    response = client.get("/en/budget/")

    assert response.context["fund"] == ledger["platform"]
    assert response.context["period"].name == str(timezone.localdate().year)


def test_the_platform_apart_from_the_projects_and_all_funds_together(client, ledger):
    platform = client.get("/en/budget/?fund=plateforme&period=2026").context
    fiesta = client.get("/en/budget/?fund=fiesta-2026&period=2026").context
    together = client.get("/en/budget/?fund=all&period=2026").context

    assert platform["report"].needs == 1_200_000
    assert fiesta["report"].needs == 100_000
    assert together["report"].needs == 1_300_000
    assert platform["report"].resources_monetary == 608_000
    assert fiesta["report"].resources_monetary == 150_000
    assert together["report"].resources_monetary == 758_000
    # The fiesta's costs are in its own fund, never in the platform's.
    assert platform["report"].spending_by_category == {"hosting": 20_000, "other": 9_000}
    assert fiesta["report"].spending_by_category == {"mediation": 80_000}
    # All funds together, side by side; a single fund's page links to them.
    rows = {row["slug"]: row for row in together["funds"]}
    assert list(rows) == ["plateforme", "fiesta-2026"]
    assert rows["plateforme"]["needs"] == 1_200_000 and rows["plateforme"]["spending"] == 29_000
    assert rows["fiesta-2026"]["resources"] == 150_000
    assert rows["fiesta-2026"]["result"] == 70_000
    assert platform["funds"] == fiesta["funds"] == []
    html = page(client, "/en/budget/?fund=fiesta-2026&period=2026")
    assert 'href="?fund=all&amp;period=2026">See every fund side by side' in html
    assert 'href="?fund=plateforme&amp;period=2026">Platform</a>' in html


def test_the_transactions_of_the_period_are_listed_newest_first_without_drafts(client, ledger):
    context = client.get("/en/budget/?fund=all&period=2026").context
    rows = context["transactions"]

    assert [row["date"].isoformat() for row in rows][:2] == ["2026-06-21", "2026-06-20"]
    assert len(rows) == 7  # the draft is not published
    sono = rows[0]
    assert sono["counterparty"] == "Sono Du Quartier"
    assert [(line["account"], line["amount"]) for line in sono["lines"]] == [
        ("Expenses:Mediation:Fiestas", -80_000)
    ]
    donation = rows[-1]
    assert donation["counterparty"] == "Anonymous"
    assert donation["description"] == "Anonymous gift"  # its description named the giver
    assert donation["lines"][0]["amount"] == 5_000


def test_the_list_of_transactions_is_paginated_and_keeps_the_query(client, ledger):
    platform = Fund.objects.get(kind="platform")
    bank = Account.objects.get(code="Assets:Bank:Current")
    fees = Account.objects.get(code="Expenses:Bank-fees")
    for day in range(1, 28):
        services.transaction_create(
            date=datetime.date(2026, 8, day),
            description=f"Frais {day}",
            legs=[
                services.Leg.of(fees, platform, "1.00"),
                services.Leg.of(bank, platform, "-1.00"),
            ],
            post=True,
        )
    first = client.get("/en/budget/?fund=plateforme&period=2026")
    second = client.get("/en/budget/?fund=plateforme&period=2026&page=2")

    assert len(first.context["transactions"]) == 25 and first.context["has_next"]
    assert (
        "?fund=plateforme&amp;period=2026&amp;page=2#transactions-title" in first.content.decode()
    )
    assert len(second.context["transactions"]) == 7 and not second.context["has_next"]
    assert second.context["transactions"][-1]["counterparty"] == "Anonymous"  # the oldest
    data = client.get("/budget/transactions.json?fund=plateforme&period=2026").json()
    assert (data["count"], data["pages"], data["next"]) == (32, 1, None)


# --- anonymity -----------------------------------------------------------------------------------

PUBLIC_URLS = [  # and whether the anonymous gift shows there, unnamed
    ("/budget/?fund={fund}&period=2026", True),
    ("/en/budget/?fund={fund}&period=2026", True),
    ("/budget/summary.json?fund={fund}&period=2026", True),
    ("/budget/summary.csv?fund={fund}&period=2026", True),
    ("/budget/transactions.json?fund={fund}&period=2026", True),
    ("/budget/transactions.csv?fund={fund}&period=2026", True),
    ("/budget/dashboard/?fund={fund}&period=2026", True),
    ("/budget/months.json?fund={fund}&period=2026", False),
    ("/budget/months.csv?fund={fund}&period=2026", False),
    ("/budget/flows.json?fund={fund}&period=2026", True),
    ("/budget/flows.csv?fund={fund}&period=2026", True),
]


@pytest.mark.parametrize("fund", ["plateforme", "all"])
def test_an_anonymous_giver_is_named_nowhere(client, ledger, fund):
    for url, shows_the_gift in PUBLIC_URLS:
        response = client.get(url.format(fund=fund))
        assert response.status_code == 200, url
        content = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8-sig")
        assert "Awa" not in content, url
        assert "awa-diop" not in content, url
        assert ("Anonym" in content) is shows_the_gift, url


# --- the twins -----------------------------------------------------------------------------------


def test_the_json_twin_says_what_the_page_says(client, ledger):
    html = page(client, "/en/budget/?period=2026")
    data = client.get("/en/budget/summary.json?period=2026").json()

    assert data["fund"] == "plateforme" and data["period"] == "2026"
    assert data["needs"]["total"] == "12000.00" and "€12,000.00" in html
    assert data["resources"] == {
        "monetary": "6080.00",
        "valued": "90.00",
        "total": "6170.00",
        "transfers_in": "0.00",
        "unattributed": "0.00",
    }
    assert data["gap_per_month"] == "493.33" and "€493.33" in html
    assert data["volunteer_hours"] == "6.00"
    assert data["hourly_rates"] == [
        {"date": "2026-01-01", "rate": "15.0000000000", "currency": "EUR"}
    ]
    assert data["figures"]["coverage"] == "0.5067"
    assert data["figures"]["contributions_share"] == "0.0067"
    assert data["figures"]["dependency"] == "0.9724"  # 6,000 of 6,170
    assert not any(s["transfer"] for s in data["sources"])
    shown = ("name", "anonymous", "amount", "share")
    assert [{k: s[k] for k in shown} for s in data["sources"][:3]] == [
        {"name": "Ville De Montreuil", "anonymous": False, "amount": "6000.00", "share": "0.9724"},
        {"name": "Maria Lopez", "anonymous": False, "amount": "90.00", "share": "0.0146"},
        {"name": "Anonymous", "anonymous": True, "amount": "50.00", "share": "0.0081"},
    ]
    assert data["sources"][2]["actor_id"] is None
    assert data["resources_by_nature"][0] == {
        "nature": "contributions",
        "label": "users' contributions",
        "kind": "monetary",
        "amount": "80.00",
    }
    assert data["funds"] == []  # side by side only for all funds together
    together = client.get("/en/budget/summary.json?fund=all&period=2026").json()
    assert {row["fund"]: row["spending"] for row in together["funds"]} == {
        "plateforme": "290.00",
        "fiesta-2026": "800.00",
    }


def test_the_csv_twin_is_utf8_with_a_bom_and_agrees_with_the_json(client, ledger):
    response = client.get("/en/budget/summary.csv?period=2026")
    data = client.get("/en/budget/summary.json?period=2026").json()
    rows = csv_rows(response)

    assert response["Content-Disposition"] == 'attachment; filename="budget-plateforme-2026.csv"'
    assert rows[0] == ["section", "key", "label", "amount", "unit"]
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert by_key[("needs", "")][3] == data["needs"]["total"] == "12000.00"
    assert by_key[("resources", "monetary")][3] == "6080.00"
    assert by_key[("gap_per_month", "")][3] == "493.33"
    assert by_key[("figure", "coverage")][3:] == ["0.5067", "ratio"]
    assert by_key[("resources_valued", "community_time")][2:] == ["community time", "90.00", "EUR"]
    sources = [row[2:4] for row in rows if row[0] == "source"]
    assert sources == [[s["name"], s["amount"]] for s in data["sources"]]
    assert ["Anonymous", "50.00"] in sources


def test_the_transactions_twins_have_the_same_rows_as_the_page(client, ledger):
    context = client.get("/budget/?fund=all&period=2026").context
    data = client.get("/budget/transactions.json?fund=all&period=2026").json()
    rows = csv_rows(client.get("/budget/transactions.csv?fund=all&period=2026"))

    assert data["count"] == 7 and data["pages"] == 1 and data["next"] is None
    assert [t["id"] for t in data["transactions"]] == [row["id"] for row in context["transactions"]]
    assert data["transactions"][0]["lines"] == [
        {
            "account": "Expenses:Mediation:Fiestas",
            "account_name": "Fêtes",
            "fund": "fiesta-2026",
            "amount": "-800.00",
            "commodity": "EUR",
        }
    ]
    assert rows[0] == [
        "id",
        "date",
        "description",
        "counterparty",
        "account",
        "account_name",
        "fund",
        "amount",
        "commodity",
    ]
    assert rows[1][1:] == [
        "2026-06-21",
        "Sonorisation de la fiesta",
        "Sono Du Quartier",
        "Expenses:Mediation:Fiestas",
        "Fêtes",
        "fiesta-2026",
        "-800.00",
        "EUR",
    ]
    # Volunteer time shows both sides: the hours given and the work they paid for.
    hours = [row for row in rows if row[2] == "Traduction bénévole"]
    assert [row[7:] for row in hours] == [["6.00", "HOUR"], ["-6.00", "HOUR"]]
    assert len(rows) - 1 == sum(len(t["lines"]) for t in data["transactions"])


def test_a_project_fund_lists_only_its_own_transactions(client, ledger):
    data = client.get("/budget/transactions.json?fund=fiesta-2026&period=2026").json()

    assert [t["description"] for t in data["transactions"]] == [
        "Sonorisation de la fiesta",
        "Billetterie de la fiesta",
    ]


# --- bad queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=2026-13", "“2026-13” is not a period: give a year (2026), a quarter (2026-Q3)"),
        ("period=last-year", "“last-year” is not a period"),
        ("fund=nowhere", "There is no fund called “nowhere”."),
    ],
)
def test_a_bad_period_or_fund_says_what_is_wrong(client, ledger, query, message):
    html = client.get(f"/en/budget/?{query}")
    dashboard = client.get(f"/en/budget/dashboard/?{query}")
    data = client.get(f"/en/budget/summary.json?{query}")

    # A bad address is a 400: the page shows its form with the error, the twin the JSON shape.
    assert html.status_code == dashboard.status_code == data.status_code == 400
    assert message in html.content.decode()
    assert message in dashboard.content.decode()
    assert message in data.json()["error"]["message"]


def test_a_quarter_and_a_month_are_periods_too(client, ledger):
    quarter = client.get("/budget/summary.json?period=2026-Q2").json()
    month = client.get("/en/budget/?period=2026-06")

    assert quarter["start"] == "2026-04-01" and quarter["end"] == "2026-06-30"
    assert quarter["needs"]["total"] == "3000.00" and quarter["resources"]["monetary"] == "30.00"
    assert month.context["report"].needs == 100_000
    assert "June 2026" in month.content.decode()


# --- the dashboard -------------------------------------------------------------------------------


def test_the_dashboard_draws_four_charts_each_with_a_caption_and_a_table(client, ledger):
    html = page(client, "/en/budget/dashboard/?fund=all&period=2026")

    assert html.count("<figure") == 4
    assert html.count("<figcaption>") == 4
    assert html.count('role="img"') == 4
    assert html.count('<details class="chart-table">') == 4
    assert 'class="chart chart-sankey"' in html
    assert "style=" not in html  # the strict CSP refuses inline styles
    assert "<script" not in html


def test_the_sankey_flows_from_sources_to_needs_and_agrees_with_the_report(client, ledger):
    context = client.get("/en/budget/dashboard/?fund=all&period=2026").context
    report, layout = context["report"], context["sankey"]
    labels = {node.key: node.label for node in layout.nodes}
    flows = {(labels[link.source], labels[link.target]): link.value for link in layout.links}

    assert flows[("Anonymous", "users' contributions")] == 5_000
    assert flows[("Maria Lopez", "community time")] == 9_000
    assert flows[("Ville De Montreuil", "public authorities")] == 600_000
    assert flows[("commercial", "fiesta-2026")] == 150_000
    assert flows[("fiesta-2026", "mediation projects")] == 80_000
    assert flows[("fiesta-2026", "Kept (not spent)")] == 70_000
    assert flows[("Platform", "hosting")] == 20_000
    assert flows[("Platform", "Kept (not spent)")] == 617_000 - 29_000
    into_funds = sum(link.value for link in layout.links if link.target.startswith("fund:"))
    assert into_funds == report.resources_total
    columns = {node.key: node.column for node in layout.nodes}
    assert columns["source:anonymous"] == 0 and columns["nature:contributions"] == 1
    assert columns["fund:plateforme"] == 2 and columns["kept"] == 3


def test_a_fund_that_spends_more_than_it_receives_draws_on_its_reserves(client, ledger):
    books_load(
        """
2026-09-01 * "Location de salle" salle-des-fetes
  Expenses:Mediation:Fiestas       900.00 EUR fiesta-2026
  Assets:Bank:Current             -900.00 EUR fiesta-2026
"""
    )
    context = client.get("/en/budget/dashboard/?fund=fiesta-2026&period=2026").context
    links = {(link.source, link.target): link.value for link in context["sankey"].links}

    assert links[("reserves", "fund:fiesta-2026")] == 20_000  # 1,700 spent, 1,500 received
    assert ("fund:fiesta-2026", "kept") not in links


def test_the_months_twins_match_the_report(client, ledger):
    data = client.get("/budget/months.json?period=2026").json()
    rows = csv_rows(client.get("/budget/months.csv?period=2026"))

    assert len(data["months"]) == 12
    february = data["months"][1]
    assert february == {
        "month": "2026-02",
        "needs": "1000.00",
        "resources_monetary": "6000.00",
        "resources_valued": "0.00",
        "spending": "0.00",
        "coverage": "6.0000",
        "by_nature": {
            "contributions": "0.00",
            "community_time": "0.00",
            "public_authorities": "6000.00",
        },
    }
    assert rows[0][:6] == [
        "month",
        "needs",
        "resources_monetary",
        "resources_valued",
        "spending",
        "coverage",
    ]
    assert rows[2][:6] == ["2026-02", "1000.00", "6000.00", "0.00", "0.00", "6.0000"]


def test_the_flows_twins_list_the_same_links(client, ledger):
    data = client.get("/en/budget/flows.json?fund=all&period=2026").json()
    rows = csv_rows(client.get("/en/budget/flows.csv?fund=all&period=2026"))

    assert {"source": "source:anonymous", "source_label": "Anonymous",
            "target": "nature:contributions", "target_label": "users' contributions",
            "amount": "50.00"} in data["flows"]  # fmt: skip
    assert len(rows) - 1 == len(data["flows"])
    assert rows[0] == ["source", "source_label", "target", "target_label", "amount", "currency"]


# --- the rest of the site ------------------------------------------------------------------------


def test_the_language_switch_keeps_the_fund_and_the_period(client, ledger):
    html = page(client, "/budget/?fund=fiesta-2026&period=2026-Q2")

    assert 'href="/es/budget/?fund=fiesta-2026&amp;period=2026-Q2"' in html
    assert 'href="/en/budget/?fund=fiesta-2026&amp;period=2026-Q2"' in html


def test_the_budget_area_opens_the_open_budget(client, db):
    response = client.get("/en/areas/budget/")

    assert response.status_code == 302 and response["Location"] == "/en/budget/"


@pytest.mark.dated
def test_the_home_page_says_what_is_missing_this_month(client, db):
    month = timezone.localdate().replace(day=1)
    services.budget_line_create(
        fund=Fund.objects.get(kind="platform"),
        period=maths.period_of("month", month),
        amount="1240.00",
        category="hosting",
    )
    html = page(client, "/")
    english = page(client, "/en/")

    assert f"1{NNBSP}240{NBSP}€" in html
    assert f"{month:%B %Y}: €1,240 missing" in english
    assert f'href="/en/budget/?period={month:%Y-%m}"' in english

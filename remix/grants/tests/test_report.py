"""The yearly funding report on literal data, and its one figure on the sustainability dashboard:
the share of the platform's needs that grants cover."""

import datetime
import re
from decimal import Decimal

import pytest

from remix.grants import report, services
from remix.grants.report import Outcome
from remix.grants.tests import builders
from remix.ledger import maths
from remix.ledger import services as ledger
from remix.ledger.models import Fund

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.content[:800]
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[\s\u00a0\u202f]+", " ", words)


# --- the figures, pure ---------------------------------------------------------------------------


def test_the_figures_count_decided_applications_by_kind_of_funder():
    outcomes = [
        Outcome("foundation", "granted", 600000, 500000, Decimal("10"), True),
        Outcome("foundation", "closed", 200000, 200000, Decimal("4"), False),
        Outcome("local_authority", "refused", 300000, 0, Decimal("6.5"), False),
        Outcome("local_authority", "reporting", 200000, 150000, Decimal("3"), True),
        Outcome("local_authority", "abandoned", 0, 0, Decimal("2"), False),
    ]
    figures = report.year_figures(outcomes)
    rows = {row.kind: row for row in figures["rows"]}
    assert list(rows) == ["foundation", "local_authority"]  # the kinds' own order
    assert (rows["foundation"].decided, rows["foundation"].granted_count) == (2, 2)
    assert (rows["foundation"].requested, rows["foundation"].granted) == (800000, 700000)
    assert rows["local_authority"].decided == 2  # the abandoned one was never decided
    assert rows["local_authority"].requested == 500000 and rows["local_authority"].granted == 150000
    assert rows["local_authority"].hours == Decimal("11.5")  # abandoned time counts as time spent
    assert rows["local_authority"].success_rate == Decimal("0.5")
    assert figures["decided"] == 4 and figures["granted_count"] == 3
    assert figures["requested"] == 1300000 and figures["granted"] == 850000
    assert figures["hours"] == Decimal("25.5") and figures["abandoned"] == 1
    assert figures["platform_granted"] == 650000  # 5 000 € + 1 500 € to the platform's fund


def test_no_decision_makes_no_rate():
    figures = report.year_figures([Outcome("foundation", "abandoned", 0, 0, Decimal(3), False)])
    assert figures["decided"] == 0 and figures["rows"][0].success_rate is None


# --- the year from the database ------------------------------------------------------------------


def decided(
    *, title, funder, fund, requested, to, amount=None, on=datetime.date(2026, 3, 2), hours=0
):
    application = services.application_create(
        opportunity=builders.opportunity(title=title, funder=funder, max_share=None, withheld=None),
        fund=fund,
        amount_requested=requested,
    )
    services.plan_set(
        application=application,
        lines=[
            {"kind": "cost", "label": "Tout", "amount": requested},
            {"kind": "funding", "label": title, "amount": requested, "source": "this_grant"},
        ],
    )
    if hours:
        services.application_update(application=application, hours_spent=hours)
    for stage in ("qualified", "drafting", "submitted"):
        application = services.application_stage(application=application, to=stage)
    return services.application_stage(
        application=application, to=to, amount_granted=amount, decided_on=on
    )


@pytest.fixture
def year_2026(db):
    """Needs of 20 000 € for the platform in 2026; a foundation grants 5 000 € of 6 000 € to the
    platform; the region refuses 3 000 € and grants 2 000 € to the fiesta; one call is still
    being drafted, another abandoned; a 2025 decision stays out."""
    platform = Fund.objects.get(kind="platform")
    fiesta = builders.fund("fiesta-2026")
    ledger.budget_line_create(
        fund=platform, period=maths.period_parse("2026"), amount="20000.00", category="hosting"
    )
    foundation = builders.funder("Fondation des communs", kind="foundation")
    region = builders.funder()
    decided(
        title="Fonds numérique",
        funder=foundation,
        fund=platform,
        requested="6000",
        to="granted",
        amount="5000",
        hours="10",
    )
    decided(
        title="Appel ESS", funder=region, fund=fiesta, requested="3000", to="refused", hours="6"
    )
    decided(
        title="Fête de quartier",
        funder=region,
        fund=fiesta,
        requested="2000",
        to="granted",
        amount="2000",
        hours="4",
    )
    decided(
        title="Ancien appel",
        funder=region,
        fund=platform,
        requested="9000",
        to="granted",
        amount="9000",
        on=datetime.date(2025, 12, 15),
    )
    services.application_create(
        opportunity=builders.opportunity(title="Encore en rédaction", funder=foundation),
        fund=platform,
        amount_requested="40000",
    )
    return {"platform": platform, "fiesta": fiesta}


def test_the_year_s_report_counts_what_was_decided_that_year(year_2026):
    figures = report.funding_year(year=2026)
    assert figures.currency == "EUR"
    assert (figures.decided, figures.granted_count) == (3, 2)
    assert (figures.requested, figures.granted) == (1100000, 700000)
    assert figures.success_rate == Decimal("0.6667")
    assert figures.hours == Decimal("20")
    assert [(row.kind, row.requested, row.granted) for row in figures.rows] == [
        ("foundation", 600000, 500000),
        ("local_authority", 500000, 200000),
    ]
    assert (figures.platform_granted, figures.platform_needs) == (500000, 2000000)
    assert figures.platform_share == Decimal("0.25")
    assert report.platform_share(year=2025).granted == 900000


def test_the_report_page_is_public_with_totals_and_no_drafting_detail(client, year_2026):
    page = text(client.get("/en/funding/report/2026/"))
    assert "Funding report 2026" in page
    assert "Requested €11,000 Granted €7,000 Success rate 66.7%" in page
    assert "Hours spent 20 h" in page
    assert "Share of the platform's needs covered by grants 25%" in page
    assert "Foundation 1 1 100% €6,000 €5,000" in page
    assert "Local authority 2 1 50% €5,000 €2,000" in page
    assert "2 granted of 3 applications decided." in page
    assert "Encore en rédaction" not in page and "€40,000" not in page
    assert "Fête de quartier" not in page  # no application by name for visitors
    assert "Time spent, application by application" not in page


def test_members_see_the_hours_application_by_application(client, make_user, year_2026):
    client.force_login(make_user(roles=["member"]))
    page = text(client.get("/en/funding/report/2026/"))
    assert "Foundation 1 1 100% €6,000 €5,000 10" in page
    assert "Fonds numérique granted 10" in page and "Appel ESS refused 6" in page


def test_the_dashboard_shows_the_grants_share_of_the_platform_s_needs(client, year_2026):
    response = client.get("/en/budget/dashboard/?period=2026")
    page = text(response)
    assert "Share of the platform's needs in 2026 covered by grants 25%" in page
    assert 'href="/en/funding/report/2026/"' in response.content.decode()
    fiesta = text(client.get("/en/budget/dashboard/?fund=fiesta-2026&period=2026"))
    assert "covered by grants" not in fiesta  # a figure of the platform's own fund


def test_the_report_of_a_year_with_nothing_says_so(client, db):
    page = text(client.get("/en/funding/report/2031/"))
    assert "No decision in 2031." in page and "Success rate —" in page
    assert client.get("/en/funding/report/").status_code == 302

"""What the ledger asks other apps: the grants' share of the platform's needs on the dashboard
comes from whoever registered it, and without anyone the dashboard leaves it out."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from remix.ledger import hooks
from remix.ledger.tests.builders import fund_project

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Share:
    year: int
    share: Decimal | None


@pytest.fixture
def provider(monkeypatch):
    """The registered provider, replaced for the test and put back after."""
    monkeypatch.setattr(hooks, "_grants_share", [])
    return hooks


def test_the_grants_app_registers_the_share_when_it_is_ready():
    from remix.grants.report import platform_share

    assert hooks._grants_share == [platform_share]


def test_without_a_provider_the_dashboard_leaves_the_share_out(client, provider):
    assert hooks.grants_share(year=2026) is None
    response = client.get("/en/budget/dashboard/?period=2026")

    assert response.status_code == 200
    assert response.context["grants_share"] is None
    assert "covered by grants" not in response.content.decode()


def test_the_dashboard_shows_the_provider_s_share_for_the_platform_only(client, provider):
    asked = []

    def share(*, year):
        asked.append(year)
        return Share(year=year, share=Decimal("0.4"))

    hooks.grants_share_provide(share)
    fund_project("fiesta-2026")
    html = client.get("/en/budget/dashboard/?period=2026").content.decode()
    fiesta = client.get("/en/budget/dashboard/?fund=fiesta-2026&period=2026")

    assert "covered by grants" in html and "40%" in html
    assert 'href="/en/funding/report/2026/"' in html
    assert "covered by grants" not in fiesta.content.decode()
    assert asked == [2026]  # a project's dashboard does not ask


def test_a_provider_registered_again_replaces_the_one_before(provider):
    hooks.grants_share_provide(lambda *, year: Share(year, Decimal(1)))
    hooks.grants_share_provide(lambda *, year: Share(year, None))

    assert hooks.grants_share(year=2027) == Share(2027, None)

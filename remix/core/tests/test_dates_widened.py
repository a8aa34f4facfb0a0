"""A steward widens the dates the platform accepts; the operator's settings stay the least."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from remix.core import services
from remix.core.dates import date_window
from remix.core.models import DatesWindow
from remix.ledger import services as ledger
from remix.ledger.models import Transaction
from remix.ledger.tests.builders import a_donation, fund_project

pytestmark = pytest.mark.django_db


def old_gift(years: int):
    """A gift dated 1 January, ``years`` whole years before this one (an archive entered late)."""
    from remix.ledger.models import Account

    day = datetime.date(timezone.localdate().year - years, 1, 1)
    fund = fund_project()
    legs = [
        ledger.Leg.of(Account.objects.get(code=posting["account"]), fund, posting["amount"], "EUR")
        for posting in a_donation()["postings"]
    ]
    return ledger.transaction_create(date=day, description="Archive", legs=legs)


def test_a_steward_widens_the_window_and_an_archive_of_twenty_years_enters_the_books(make_user):
    steward = make_user("intendante", roles=["steward"])
    with pytest.raises(ValidationError):
        old_gift(20)
    services.dates_window_widen(years_back=25, years_ahead=5, recorder=steward)
    first, _last = date_window()
    assert first == datetime.date(timezone.localdate().year - 25, 1, 1)
    old_gift(20)
    assert Transaction.objects.filter(description="Archive").count() == 1


def test_only_a_steward_widens_it_never_past_a_hundred_years_nor_below_the_operators(
    make_user, settings
):
    treasurer = make_user("tresoriere", roles=["treasurer"])
    steward = make_user("intendante", roles=["steward"])
    with pytest.raises(PermissionDenied):
        services.dates_window_widen(years_back=50, years_ahead=5, recorder=treasurer)
    with pytest.raises(ValidationError) as refused:
        services.dates_window_widen(years_back=101, years_ahead=5, recorder=steward)
    assert "years_back" in refused.value.message_dict
    assert not DatesWindow.objects.exists()
    settings.REMIX_DATES_YEARS_BACK = 12
    services.dates_window_widen(years_back=3, years_ahead=0, recorder=steward)
    first, last = date_window()
    this_year = timezone.localdate().year
    assert (first.year, last.year) == (this_year - 12, this_year + 5)  # the settings' least


def test_the_admin_widens_it_through_the_service_for_stewards_only(client, make_user):
    url = "/admin/core/dateswindow/add/"
    client.force_login(make_user("tresoriere", roles=["treasurer"]))
    assert client.get(url).status_code == 302  # the admin is the stewards'
    client.force_login(make_user("intendante", roles=["steward"]))
    assert client.post(url, {"years_back": "101", "years_ahead": "5"}).status_code == 200
    assert not DatesWindow.objects.exists()
    response = client.post(url, {"years_back": "40", "years_ahead": "5"})
    assert response.status_code == 302, response.content
    assert date_window()[0].year == timezone.localdate().year - 40
    from remix.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="core.dates_window.changed").count() == 1

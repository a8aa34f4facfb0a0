"""Quotes: numbered in their year, totalled from their lines, accepted once into an engagement."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from remix.ledger.models import Fund
from remix.studio.models import Engagement, Quote, QuoteLine
from remix.studio.tests.builders import accepted, city, later, quote, service

pytestmark = pytest.mark.django_db


def test_quotes_are_numbered_in_their_year_in_the_order_written():
    client = city()
    first, second = quote(client), quote(client, lines=[(service("atelier", "workshop"), "1")])
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"D-{year}-0001", f"D-{year}-0002")


def test_a_quote_totals_its_lines_and_a_free_price_takes_the_amount_asked():
    study = service("etude", "study", "daily", "650")
    film = service("film", "production", "free", "8000")
    group = service("formation", "training", "participant", "45.50")
    made = quote(lines=[(study, "12"), (film, "1", "6500"), (group, "15")])
    lines = list(
        QuoteLine.objects.filter(quote=made).values_list("unit_price_minor", "amount_minor")
    )
    assert lines == [(65000, 780000), (650000, 650000), (4550, 68250)]
    assert made.total_minor == 780000 + 650000 + 68250
    assert QuoteLine.objects.filter(quote=made).first().description == "Service etude"


def test_a_free_price_line_without_an_amount_takes_the_suggested_one():
    made = quote(lines=[(service("film", "production", "free", "8000"), "1")])
    assert made.total_minor == 800000


@pytest.mark.parametrize(
    ("quantity", "price", "field"),
    [
        ("0", None, "lines.0"),
        ("1.234", None, "lines.0"),
        ("1", "-5", "lines.0"),
        ("x", None, "lines.0"),
    ],
)
def test_a_wrong_line_is_refused_on_its_row(quantity, price, field):
    with pytest.raises(ValidationError) as refused:
        quote(lines=[(service(), quantity, price)])
    assert field in refused.value.message_dict
    assert not Quote.objects.exists()


def test_a_quote_past_its_validity_or_without_lines_is_refused():
    with pytest.raises(ValidationError) as refused:
        quote(valid_until=later(-1))
    assert "valid_until" in refused.value.message_dict
    from remix.studio import services

    with pytest.raises(ValidationError):
        services.quote_issue(client=city(), title="Rien", lines=[], valid_until=later(3))


def test_only_stewards_and_treasurers_write_quotes(make_user):
    member = make_user("amina", roles=["member"])
    with pytest.raises(PermissionDenied):
        quote(recorder=member)
    treasurer = make_user("mateo", roles=["member", "treasurer"])
    assert quote(recorder=treasurer).issued_by == treasurer


def test_accepting_opens_the_engagement_at_the_quotes_daily_rate_in_the_platform_fund():
    made = quote(lines=[(service("atelier", "workshop", "fixed", "1200"), "1"), (service(), "12")])
    engagement = accepted(made, deliverables="Un rapport")
    made.refresh_from_db()
    assert made.status == "accepted" and made.accepted_on == timezone.localdate()
    assert engagement.client == made.client and engagement.title == made.title
    assert engagement.day_rate_minor == 65000
    assert engagement.fund == Fund.objects.get(kind="platform")


def test_a_quote_is_accepted_once():
    made = quote()
    accepted(made)
    with pytest.raises(ValidationError):
        accepted(made)
    assert Engagement.objects.count() == 1


def test_without_a_daily_line_the_agreed_rate_is_asked():
    made = quote(lines=[(service("atelier", "workshop", "fixed", "1200"), "1")])
    with pytest.raises(ValidationError) as refused:
        accepted(made)
    assert "day_rate" in refused.value.message_dict
    assert accepted(made, day_rate="500").day_rate_minor == 50000


def test_an_acceptance_after_the_quote_expired_or_in_the_future_is_refused():
    made = quote(valid_until=timezone.localdate())
    with pytest.raises(ValidationError) as refused:
        accepted(made, accepted_on=later(1))
    assert "accepted_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        accepted(made, start_date=later(5), end_date=later(1))
    assert "end_date" in refused.value.message_dict


def test_a_members_acceptance_is_refused(make_user):
    with pytest.raises(PermissionDenied):
        accepted(recorder=make_user("amina", roles=["member"]))


def test_the_database_refuses_an_accepted_quote_without_its_date_and_a_number_twice():
    made = quote()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=made.pk).update(status="accepted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.create(
            year=made.year,
            sequence=made.sequence,
            client=made.client,
            title="Doublon",
            total_minor=0,
            valid_until=made.valid_until,
        )

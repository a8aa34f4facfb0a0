"""An engagement's people declare their time; a treasurer validates it into the books at the
agreed daily rate (class 8: 864 against 875) or refuses it; the page's figures follow."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from remix.ledger.models import Posting
from remix.studio import selectors, services
from remix.studio.models import TimeDeclaration
from remix.studio.tests.builders import accepted

pytestmark = pytest.mark.django_db


def _ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def study(make_user):
    engagement = accepted()  # 12 days at 650.00
    amina = make_user("amina", roles=["member"])
    louise = make_user("louise", roles=["member", "steward"])
    services.engagement_person_record(engagement=engagement, user=amina, planned_days="8")
    services.engagement_person_record(
        engagement=engagement, user=louise, planned_days="4", recorder=louise
    )
    return engagement, amina, louise


def test_validated_hours_post_their_value_at_the_agreed_rate(study, make_user):
    engagement, amina, _louise = study
    treasurer = make_user("mateo", roles=["member", "treasurer"])
    declared = services.time_declare(
        engagement=engagement,
        user=amina,
        date=_ago(2),
        hours="3.5",
        description="Entretiens",
        recorder=amina,
    )
    assert declared.status == "declared" and declared.transaction is None

    done = services.time_validate(declared=declared, recorder=treasurer)

    assert done.status == "validated" and done.value_minor == 32500
    postings = sorted(
        Posting.objects.filter(transaction=done.transaction).values_list(
            "account__code", "amount_minor", "commodity", "fund__kind"
        )
    )
    assert postings == [
        ("Expenses:Volunteering", 32500, "EUR", "platform"),
        ("Income:Community:Time", -32500, "EUR", "platform"),
    ]
    assert done.transaction.status == "posted"
    assert done.transaction.description.endswith("· Amina")
    assert engagement.quote.number not in done.transaction.description  # quotes stay private
    assert services.time_validate(declared=done, recorder=treasurer).transaction == done.transaction


def test_a_person_declares_only_their_own_time_on_an_engagement_they_work_on(study, make_user):
    engagement, amina, louise = study
    with pytest.raises(ValidationError):
        services.time_declare(
            engagement=engagement,
            user=louise,
            date=_ago(1),
            hours="2",
            description="x",
            recorder=amina,
        )
    stranger = make_user("yasmine", roles=["member"])
    with pytest.raises(PermissionDenied):
        services.time_declare(
            engagement=engagement,
            user=stranger,
            date=_ago(1),
            hours="2",
            description="x",
            recorder=stranger,
        )


@pytest.mark.parametrize(
    ("hours", "days_ago", "field"),
    [("0", 1, "hours"), ("25", 1, "hours"), ("1.234", 1, "hours"), ("2", -1, "date")],
)
def test_a_wrong_declaration_is_refused_on_its_field(study, hours, days_ago, field):
    engagement, amina, _louise = study
    with pytest.raises(ValidationError) as refused:
        services.time_declare(
            engagement=engagement,
            user=amina,
            date=_ago(days_ago),
            hours=hours,
            description="Entretiens",
            recorder=amina,
        )
    assert field in refused.value.message_dict


def test_only_a_treasurer_validates_and_a_refusal_posts_nothing(study, make_user):
    engagement, amina, louise = study
    declared = services.time_declare(
        engagement=engagement, user=amina, date=_ago(1), hours="7", description="Terrain"
    )
    with pytest.raises(PermissionDenied):
        services.time_validate(declared=declared, recorder=amina)
    with pytest.raises(ValidationError):
        services.time_refuse(declared=declared, reason="", recorder=louise)
    refused = services.time_refuse(declared=declared, reason="Hors mission", recorder=louise)
    assert refused.status == "refused" and refused.transaction is None
    with pytest.raises(ValidationError):
        services.time_validate(declared=refused, recorder=louise)


def test_the_report_shows_planned_declared_and_validated_days(study):
    engagement, amina, louise = study
    for who, hours, validate in [(amina, "7", True), (amina, "3.5", False), (louise, "7", True)]:
        declared = services.time_declare(
            engagement=engagement, user=who, date=_ago(1), hours=hours, description="Terrain"
        )
        if validate:
            services.time_validate(declared=declared)
    refused = services.time_declare(
        engagement=engagement, user=louise, date=_ago(1), hours="7", description="Doublon"
    )
    services.time_refuse(declared=refused, reason="Doublon")

    report = selectors.engagement_report(engagement)

    rows = [
        (r.person.user.username, r.planned_days, r.declared_days, r.validated_days)
        for r in report.people
    ]
    assert rows == [
        ("amina", Decimal("8"), Decimal("1.50"), Decimal("1.00")),
        ("louise", Decimal("4"), Decimal("1.00"), Decimal("1.00")),
    ]
    assert (report.planned_days, report.declared_days, report.validated_days) == (
        Decimal("12"),
        Decimal("2.50"),
        Decimal("2.00"),
    )
    assert report.time_value_minor == 130000
    assert report.invoiced_minor == 0 and report.margin_minor is None


def test_recording_a_person_again_changes_their_days_and_a_member_cannot(study, make_user):
    engagement, amina, louise = study
    services.engagement_person_record(
        engagement=engagement, user=amina, planned_days="10", recorder=louise
    )
    assert engagement.people.get(user=amina).planned_days == Decimal("10")
    with pytest.raises(PermissionDenied):
        services.engagement_person_record(
            engagement=engagement, user=amina, planned_days="1", recorder=amina
        )
    with pytest.raises(ValidationError):
        services.engagement_person_record(engagement=engagement, user=amina, planned_days="-1")
    assert TimeDeclaration.objects.count() == 0

"""An engagement's validated hours count among the valued contributions a sharing rule of its
fund shares by, at the value they were posted at, beside the volunteer time given to the fund."""

import datetime

import pytest
from django.utils import timezone

from remix.ledger.models import Fund, FundKind
from remix.sharing import selectors as sharing
from remix.sharing.tests.builders import hourly_rate, time_given
from remix.studio import services
from remix.studio.tests.builders import accepted

pytestmark = pytest.mark.django_db


def _ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_validated_hours_count_at_their_posted_value_and_declared_ones_do_not(make_user):
    engagement = accepted()  # 650.00 a day: 92.86 an hour
    amina = make_user("amina", roles=["member"])
    louise = make_user("louise", roles=["member"])
    for person in (amina, louise):
        services.engagement_person_record(engagement=engagement, user=person, planned_days="4")
    validated = services.time_declare(
        engagement=engagement, user=amina, date=_ago(3), hours="7", description="Entretiens"
    )
    services.time_validate(declared=validated)
    old = services.time_declare(
        engagement=engagement, user=louise, date=_ago(400), hours="7", description="Cadrage"
    )
    services.time_validate(declared=old)
    services.time_declare(  # declared, not validated: counts nothing
        engagement=engagement, user=louise, date=_ago(2), hours="5", description="Relevé"
    )
    hourly_rate("12.00", on=_ago(500))
    time_given(amina, engagement.fund, "2", on=_ago(10))  # volunteer time on the same fund
    validated.refresh_from_db()
    today = timezone.localdate()

    found = {
        c.name: c
        for c in sharing.valued_contributions(
            sharing.Scope(engagement.fund, *sharing.default_period(today))
        )
    }

    assert validated.value_minor == 65_000  # 7 h × 650.00 ÷ 7
    assert found[amina.public_name].value == 65_000 + 2_400
    assert found[amina.public_name].detail["hours"] == 900  # 7 h + 2 h, in hundredths
    assert found[louise.public_name].value == 0  # listed: her hours are older than the year


def test_another_funds_engagements_count_nothing(make_user):
    engagement = accepted()
    amina = make_user("amina", roles=["member"])
    services.engagement_person_record(engagement=engagement, user=amina, planned_days="4")
    services.time_validate(
        declared=services.time_declare(
            engagement=engagement, user=amina, date=_ago(3), hours="7", description="Entretiens"
        )
    )
    other = Fund.objects.create(slug="autre", kind=FundKind.OTHER, name={"fr": "Autre"})
    today = timezone.localdate()

    assert sharing.valued_contributions(sharing.Scope(other, *sharing.default_period(today))) == []

"""The demo's funding search: a dozen calls, applications at every stage, a grant in the books."""

import pytest
from django.core.management import call_command

from remix.core.selfchecks import selfchecks_run
from remix.grants import selectors
from remix.grants.models import Application, Opportunity, Stage

pytestmark = pytest.mark.django_db


@pytest.mark.dated
def test_the_demo_has_a_dozen_calls_and_an_application_at_every_stage():
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)  # idempotent
    assert Opportunity.objects.count() >= 12
    assert set(Application.objects.values_list("stage", flat=True)) == set(Stage.values)
    drafting = Application.objects.get(stage=Stage.DRAFTING)
    assert [b.code for b in selectors.plans.plan_check(drafting).breaches] == ["over_cap"]
    granted = Application.objects.get(stage=Stage.GRANTED)
    assert granted.receivable.is_posted
    # Paid but for the withheld share, which waits for the final report.
    assert selectors.payments.grant_outstanding(granted) == granted.withheld_minor > 0
    closed = Application.objects.get(stage=Stage.CLOSED)
    assert selectors.payments.grant_outstanding(closed) == 0
    assert selfchecks_run() == []

"""Creating and changing projects: each on its own fund, never the platform's, by those allowed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remix.core.selfchecks import selfchecks_run
from remix.ledger.models import Fund, FundKind
from remix.ledger.selectors.funds import platform_fund
from remix.projects import services
from remix.projects.models import Project
from remix.projects.tests.builders import day, project


def test_a_project_is_created_on_its_own_fund_of_the_matching_kind(db):
    made = project("rencontre", kind="meeting", budget="2500.50")
    call = project("appel", kind="recurring_call")

    assert (made.fund.slug, made.fund.kind, made.budget_minor) == ("rencontre", "meeting", 250050)
    assert made.fund.name == made.title
    assert call.fund.kind == FundKind.OTHER


def test_the_platform_fund_is_never_a_project_s(db):
    with pytest.raises(ValidationError) as refused:
        project("plateforme", fund=platform_fund())
    assert "fund" in refused.value.message_dict
    first = project("une-fiesta")
    with pytest.raises(ValidationError):
        project("autre", fund=first.fund)
    assert Project.objects.count() == 1


def test_the_self_check_finds_a_project_on_the_platform_s_fund(db):
    made = project("la-fiesta")
    assert not [p for p in selfchecks_run() if p.check.startswith("projects.")]
    Project.objects.filter(pk=made.pk).update(fund=platform_fund())  # behind the service's back
    found = [p for p in selfchecks_run() if p.check == "projects.not_on_platform_fund"]
    assert found and "la-fiesta" in str(found[0])
    Project.objects.filter(pk=made.pk).update(fund=Fund.objects.get(slug="la-fiesta"))


def test_stewards_create_and_managers_edit_their_own_project(db, make_user):
    steward = make_user("louise", roles=["member", "steward"])
    manager = make_user("amina", roles=["member"])
    other = make_user("yasmine", roles=["member"])
    with pytest.raises(PermissionDenied):
        project("refuse", recorder=manager)
    made = project("la-fiesta", recorder=steward, managers=[manager])

    services.project_edit(project=made, status="running", budget="1200", recorder=manager)
    with pytest.raises(PermissionDenied):
        services.project_edit(project=made, status="done", recorder=other)
    with pytest.raises(ValidationError):
        services.project_edit(project=made, ends=day("2026-01-01"), recorder=manager)
    made.refresh_from_db()
    assert (made.status, made.budget_minor) == ("running", 120000)

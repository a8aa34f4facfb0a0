"""The funding search's services against the books: stages, the plan check, a grant and its
withheld share."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import translation

from remix.grants import services
from remix.grants.models import Stage
from remix.grants.tests import builders
from remix.ledger.models import Posting

pytestmark = pytest.mark.django_db


def balance(code: str, fund=None) -> int:
    postings = Posting.objects.filter(account__code=code, posted=True)
    if fund is not None:
        postings = postings.filter(fund=fund)
    return postings.aggregate(total=Sum("amount_minor"))["total"] or 0


def submitted(make_user, **opportunity):
    owner = make_user("coordinatrice", roles=["member"])
    application = services.application_create(
        opportunity=builders.opportunity(**opportunity),
        fund=builders.fund(),
        owner=owner,
        amount_requested="6000",
    )
    services.plan_set(application=application, lines=builders.PLAN)
    for stage in ("qualified", "drafting", "submitted"):
        application = services.application_stage(application=application, to=stage, recorder=owner)
    return application, owner


def test_every_move_is_an_event_and_a_grant_is_owed_then_paid_with_its_withheld_share(make_user):
    application, owner = submitted(make_user)
    treasurer = make_user("tresoriere", roles=["treasurer"])
    granted = services.application_stage(
        application=application,
        to="granted",
        amount_granted="6000",
        decided_on=datetime.date(2026, 11, 2),
        recorder=treasurer,
    )
    assert [e.to_stage for e in granted.events.all()] == [
        "spotted",
        "qualified",
        "drafting",
        "submitted",
        "granted",
    ]
    assert granted.withheld_minor == 120000  # 20 % of 6 000 €
    assert balance("Assets:Receivables:Grants") == 600000
    assert balance("Income:Grants:Public") == -600000  # a region is a public authority
    with pytest.raises(ValidationError):  # the withheld share waits for the final report
        services.grant_payment_record(
            application=granted, amount="6000", date=datetime.date(2026, 11, 20)
        )
    services.grant_payment_record(
        application=granted, amount="4800", date=datetime.date(2026, 11, 20)
    )
    assert balance("Assets:Receivables:Grants") == 120000  # the withheld share, still owed
    reporting = services.application_stage(application=granted, to="reporting")
    with pytest.raises(ValidationError):
        services.application_stage(application=reporting, to="closed")
    services.report_accept(application=reporting, on=datetime.date(2026, 11, 25))
    services.grant_payment_record(
        application=reporting, amount="1200", date=datetime.date(2026, 11, 26)
    )
    assert balance("Assets:Receivables:Grants") == 0
    assert balance("Assets:Bank:Current", builders.fund()) == 600000
    closed = services.application_stage(application=reporting, to="closed")
    assert closed.stage == Stage.CLOSED


def test_a_plan_over_the_funder_s_cap_cannot_be_submitted(make_user):
    owner = make_user("coordinatrice", roles=["member"])
    application = services.application_create(
        opportunity=builders.opportunity(), fund=builders.fund(), amount_requested="7000"
    )
    lines = [
        {"kind": "cost", "label": "Tout", "amount": "10000"},
        {"kind": "funding", "label": "Cette subvention", "amount": "7000", "source": "this_grant"},
        {"kind": "funding", "label": "Fonds propres", "amount": "3000", "source": "own"},
    ]
    check = services.plan_set(application=application, lines=lines)
    assert [b.code for b in check.breaches] == ["over_cap"]
    for stage in ("qualified", "drafting"):
        application = services.application_stage(application=application, to=stage)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.application_stage(application=application, to="submitted", recorder=owner)
    assert "at most €6,000.00" in str(refused.value) and "€1,000.00 too much" in str(refused.value)


def test_an_application_cannot_skip_stages_nor_come_back_from_a_refusal(make_user):
    application, _owner = submitted(make_user)
    with pytest.raises(ValidationError):
        services.application_stage(application=application, to="closed")
    refused = services.application_stage(
        application=application, to="refused", reasons="Hors champ"
    )
    with pytest.raises(ValidationError):
        services.application_stage(application=refused, to="granted", amount_granted="10")
    assert not Posting.objects.exists()


def test_a_foundation_s_grant_is_institutional_income(make_user):
    foundation = builders.funder("Fondation des communs", kind="foundation")
    application, _owner = submitted(make_user, funder=foundation)
    services.application_stage(application=application, to="granted", amount_granted="6000")
    assert balance("Income:Grants:Institutional") == -600000


def test_an_import_run_again_updates_the_opportunity_it_brought(make_user):
    funder = builders.funder()
    first, created = services.opportunity_save(
        funder=funder, data={"title": "Appel à communs", "kind": "call_commons"}, source_key="csv:1"
    )
    again, created_again = services.opportunity_save(
        funder=funder,
        data={"title": "Appel à communs 2027", "kind": "call_commons"},
        source_key="csv:1",
    )
    assert created and not created_again and first.pk == again.pk
    assert again.title == "Appel à communs 2027"


@pytest.mark.no_selfchecks
def test_the_self_checks_find_a_stage_changed_by_hand_and_a_grant_out_of_step(make_user):
    from remix.core.selfchecks import selfchecks_run
    from remix.grants.models import Application

    application, _owner = submitted(make_user)
    services.application_stage(application=application, to="granted", amount_granted="6000")

    def problems():
        return [p.message for p in selfchecks_run() if p.check.startswith("grants.")]

    assert problems() == []
    Application.objects.filter(pk=application.pk).update(amount_granted_minor=500000)
    assert problems() == [
        f"application {application.pk} granted 500000 but 600000 is owed in the books"
    ]
    Application.objects.filter(pk=application.pk).update(
        amount_granted_minor=600000, stage="drafting"
    )
    assert problems() == [
        f"application {application.pk} is drafting but its last move took it to granted"
    ]


@pytest.mark.parametrize("roles", [["member"], ["member", "editor"]])
def test_only_a_treasurer_grants_closes_pays_or_accepts_a_report_whoever_owns_it(make_user, roles):
    """The service asks the permission itself: a page, an API call or an admin action that
    forgot to ask still cannot commit the books (the probe granted 99,999,999 € as a member)."""
    application, owner = submitted(make_user)
    someone = make_user("quelquun", roles=roles)
    for who in (owner, someone):
        with pytest.raises(PermissionDenied):
            services.application_stage(
                application=application, to="granted", amount_granted="99999999", recorder=who
            )
    assert not Posting.objects.exists()
    treasurer = make_user("tresoriere", roles=["treasurer"])
    granted = services.application_stage(
        application=application, to="granted", amount_granted="6000", recorder=treasurer
    )
    reporting = services.application_stage(application=granted, to="reporting", recorder=owner)
    with pytest.raises(PermissionDenied):
        services.report_accept(application=reporting, recorder=someone)
    with pytest.raises(PermissionDenied):
        services.grant_payment_record(
            application=reporting, amount="10", date=datetime.date(2026, 11, 3), recorder=owner
        )
    with pytest.raises(PermissionDenied):
        services.application_stage(
            application=reporting,
            to="closed",
            report_accepted_on=datetime.date(2026, 11, 4),
            recorder=someone,
        )
    reporting.refresh_from_db()
    assert reporting.stage == "reporting" and reporting.report_accepted_on is None
    assert balance("Assets:Receivables:Grants") == 600000


def test_the_stages_that_commit_money_are_granting_and_closing():
    """core.permissions names them by value (core imports no app): they must stay stages."""
    from remix.core.permissions import MONEY_STAGES

    assert {Stage.GRANTED.value, Stage.CLOSED.value} == MONEY_STAGES

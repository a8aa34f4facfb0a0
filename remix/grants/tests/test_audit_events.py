"""Every write of the funding search leaves its audit event, on its object, with who did it.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads). What the code
does and the rows assert: an application's plan, payments, report, tasks and documents are
recorded on the APPLICATION (a task's event names no task); a call's attachment, on the call.
``grants.opportunity.created`` is also what a yearly call's renewal writes, on the new edition.
``grants.application.api_key`` is written by the API's create endpoint when the caller sends an
``Idempotency-Key``: its row goes through the API.
"""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from remix.accounts.services import token_create
from remix.allies.tests.builders import actor
from remix.core.tests.audit_rows import Rows, Scene, on
from remix.grants import services
from remix.grants.models import Application
from remix.grants.tests import builders

ROWS = Rows()
D = datetime.date
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def spotted(owner=None) -> Application:
    return services.application_create(
        opportunity=builders.opportunity(),
        fund=builders.fund(),
        owner=owner,
        amount_requested="6000",
    )


def granted(owner=None) -> Application:
    application = spotted(owner)
    services.plan_set(application=application, lines=builders.PLAN)
    for stage in ("qualified", "drafting", "submitted"):
        application = services.application_stage(application=application, to=stage)
    return services.application_stage(
        application=application, to="granted", amount_granted="6000", decided_on=D(2026, 11, 2)
    )


# --- funders and opportunities -------------------------------------------------------------------


@ROWS.writes("grants.funder.set")
def an_ally_becomes_a_funder(the):
    steward = the.user("louise", "steward")
    region = actor("Région Occitanie", kind="public_authority")
    with the.call():
        funder = services.funder_set(actor=region, kind="local_authority", recorder=steward)
    return on(funder, by=steward, kind="local_authority")


@ROWS.writes("grants.opportunity.created")
def a_call_is_spotted(the):
    member = the.user("awa", "member")
    funder = builders.funder()
    with the.call():
        call, _created = services.opportunity_save(
            funder=funder,
            data={"title": "Appel ESS 2027", "kind": "call_projects"},
            source_key="aides-territoires:1",
            recorder=member,
        )
    return on(call, by=member, title="Appel ESS 2027", source="aides-territoires:1")


@ROWS.writes("grants.opportunity.created", "by-renewal")
def a_yearly_call_is_renewed(the):
    member = the.user("awa", "member")
    call = builders.opportunity(title="Appel ESS 2027", recurrence="yearly")
    with the.call():
        renewed = services.opportunity_renew(opportunity=call, recorder=member)
    return on(renewed, by=member, title=renewed.title)


@ROWS.writes("grants.opportunity.updated")
def a_call_is_corrected(the):
    member = the.user("awa", "member")
    call = builders.opportunity()
    with the.call():
        services.opportunity_save(
            funder=call.funder,
            data={"title": "Appel ESS 2027 (v2)"},
            opportunity=call,
            recorder=member,
        )
    return on(call, by=member, title="Appel ESS 2027 (v2)")


@ROWS.writes("grants.opportunity.attachment")
def a_calls_rules_are_attached(the):
    the.media()
    member = the.user("awa", "member")
    call = builders.opportunity()
    upload = SimpleUploadedFile("reglement.pdf", PDF, content_type="application/pdf")
    with the.call():
        attachment = services.opportunity_attachment_add(
            opportunity=call, upload=upload, name="Règlement", stored_name="r.pdf", recorder=member
        )
    return on(call, by=member, attachment=attachment.pk, name="Règlement")


# --- applications --------------------------------------------------------------------------------


@ROWS.writes("grants.application.created")
def a_member_answers_a_call(the):
    member = the.user("awa", "member")
    call = builders.opportunity()
    with the.call():
        application = services.application_create(
            opportunity=call, fund=builders.fund(), owner=member, recorder=member
        )
    return on(application, by=member, opportunity=call.slug, fund="fiesta-2026")


@ROWS.writes("grants.application.api_key")
def a_member_answers_a_call_through_the_api_with_a_retry_key(the):
    member = the.user("awa", "member")
    raw = token_create(user=member, name="cli").raw
    call = builders.opportunity()
    builders.fund()
    with the.call():
        response = the.client.post(
            "/api/v1/applications",
            data=json.dumps({"opportunity": call.pk, "fund": "fiesta-2026"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
            HTTP_IDEMPOTENCY_KEY="r1",
        )
    assert response.status_code == 201, response.content
    return on(Application.objects.get(), by=member, key=f"api:{member.pk}:r1")


@ROWS.writes("grants.application.updated")
def an_application_counts_its_hours(the):
    member = the.user("awa", "member")
    application = spotted()
    with the.call():
        services.application_update(application=application, hours_spent="12", recorder=member)
    return on(application, by=member)


@ROWS.writes("grants.plan.set")
def an_application_states_its_plan(the):
    member = the.user("awa", "member")
    application = spotted()
    with the.call():
        services.plan_set(application=application, lines=builders.PLAN, recorder=member)
    return on(application, by=member, lines=5)


@ROWS.writes("grants.application.stage")
def an_application_moves_along_the_pipeline(the):
    member = the.user("awa", "member")
    application = spotted()
    with the.call():
        services.application_stage(application=application, to="qualified", recorder=member)
    return on(application, by=member, **{"from": "spotted", "to": "qualified"})


@ROWS.writes("grants.payment.recorded")
def a_grant_payment_arrives(the):
    treasurer = the.user("tresoriere", "treasurer")
    application = granted()
    with the.call():
        services.grant_payment_record(
            application=application, amount="4800", date=D(2026, 11, 20), recorder=treasurer
        )
    return on(application, by=treasurer, amount=480000)


@ROWS.writes("grants.report.accepted")
def a_final_report_is_accepted(the):
    treasurer = the.user("tresoriere", "treasurer")
    application = granted()
    with the.call():
        services.report_accept(application=application, on=D(2026, 11, 25), recorder=treasurer)
    return on(application, by=treasurer)


@ROWS.writes("grants.task.added")
def a_task_is_added_to_an_application(the):
    member = the.user("awa", "member")
    application = spotted()
    with the.call():
        services.task_add(application=application, title="Relire le budget", recorder=member)
    return on(application, by=member)


@ROWS.writes("grants.task.done")
def a_task_is_done(the):
    member = the.user("awa", "member")
    application = spotted()
    task = services.task_add(application=application, title="Relire le budget")
    with the.call():
        services.task_done(task=task, recorder=member)
    return on(application, by=member)


@ROWS.writes("grants.document.added")
def a_document_joins_an_application(the):
    the.media()
    member = the.user("awa", "member")
    application = spotted()
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    with the.call():
        document = services.document_add(
            application=application,
            upload=upload,
            name="Budget",
            stored_name="budget.pdf",
            recorder=member,
        )
    return on(application, by=member, document=document.pk, name="Budget")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

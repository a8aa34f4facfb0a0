"""Every write about mediation projects leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.allies.models import Actor
from remix.catalogue.tests.builders import doc
from remix.core.tests.audit_rows import Rows, Scene, on
from remix.productions.tests.builders import film
from remix.projects import services
from remix.projects.tests.builders import project

ROWS = Rows()


@ROWS.writes("projects.project.created")
def a_steward_creates_a_project(the):
    steward = the.user("louise", "member", "steward")
    with the.call():
        made = project("la-fiesta", budget="300", recorder=steward)
    return on(made, by=steward, kind="fiesta", fund=made.fund.pk, budget=30000)


@ROWS.writes("projects.project.edited")
def a_manager_edits_their_project(the):
    manager = the.user("amina", "member")
    made = project("la-fiesta", managers=[manager])
    with the.call():
        services.project_edit(project=made, status="running", recorder=manager)
    return on(made, by=manager, fields=["status"])


@ROWS.writes("projects.carriers.added")
def a_steward_names_who_carries_it(the):
    steward = the.user("louise", "member", "steward")
    made = project("la-fiesta")
    actor = Actor.objects.create(slug="la-fabrique", name="La Fabrique", kind="organisation")
    with the.call():
        services.carriers_add(project=made, actors=[actor], recorder=steward)
    return on(made, by=steward, carriers=[actor.pk])


@ROWS.writes("projects.documents.added")
def a_steward_names_a_document_it_produced(the):
    steward = the.user("louise", "member", "steward")
    made = project("la-fiesta")
    document = doc("Les actes")
    with the.call():
        services.documents_add(project=made, documents=[document], recorder=steward)
    return on(made, by=steward, documents=[document.pk])


@ROWS.writes("projects.productions.added")
def a_steward_names_its_production(the):
    steward = the.user("louise", "member", "steward")
    made = project("la-fiesta")
    production = film(own_fund=False)
    with the.call():
        services.productions_add(project=made, productions=[production], recorder=steward)
    return on(made, by=steward, productions=[production.pk])


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

"""Every write about productions leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.catalogue.tests.builders import doc
from remix.contributions import services as contributions
from remix.core.tests.audit_rows import Rows, Scene, on
from remix.ledger.tests.builders import fund_project
from remix.productions import services
from remix.productions.tests.builders import day, expense, film

ROWS = Rows()


@ROWS.writes("productions.production.created")
def a_steward_creates_a_production(the):
    steward = the.user("louise", "member", "steward")
    fund = fund_project("le-film", "production")
    with the.call():
        made = services.production_create(
            slug="le-film",
            kind="film",
            title={"fr": "Le film"},
            starts=day("2026-02-01"),
            fund=fund,
            recorder=steward,
        )
    return on(made, by=steward, kind="film", fund=fund.pk)


@ROWS.writes("productions.line.added")
def a_steward_adds_a_planned_line(the):
    steward = the.user("louise", "member", "steward")
    production = film()
    with the.call():
        line = services.cost_line_add(
            production=production, category="travel", label="Train", amount="80", recorder=steward
        )
    return on(line, by=steward, production=production.pk, amount=8000, commodity="EUR")


@ROWS.writes("productions.cost.linked")
def a_treasurer_counts_a_transaction(the):
    treasurer = the.user("mateo", "member", "treasurer")
    production = film()
    spent = expense(production, "120")
    with the.call():
        cost = services.cost_link(production=production, transaction=spent, recorder=treasurer)
    return on(cost, by=treasurer, production=production.pk, transaction=spent.pk, line=None)


@ROWS.writes("productions.time.linked")
def a_steward_counts_time_given(the):
    steward = the.user("louise", "member", "steward")
    production = film()
    declared, _new = contributions.contribution_declare(
        giver=contributions.Giver(user=the.user("camille", "member")),
        fund=production.fund,
        kind="time",
        amount="6",
        description="Montage",
        date=day("2026-03-01"),
    )
    recorded = contributions.contribution_validate(contribution=declared)
    with the.call():
        given = services.time_link(production=production, contribution=recorded, recorder=steward)
    return on(given, by=steward, production=production.pk, contribution=recorded.pk)


@ROWS.writes("productions.funding.added")
def a_steward_adds_a_funding_line(the):
    steward = the.user("louise", "member", "steward")
    production = film()
    with the.call():
        line = services.funding_add(
            production=production, source="sales", label="DVD", amount="300", recorder=steward
        )
    return on(line, by=steward, production=production.pk, source="sales", amount=30000)


@ROWS.writes("productions.document.linked")
def a_steward_names_a_document_produced(the):
    steward = the.user("louise", "member", "steward")
    production = film()
    document = doc("Le film", kind="documentary")
    with the.call():
        services.document_link(production=production, document=document, recorder=steward)
    return on(production, by=steward, document=document.pk)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

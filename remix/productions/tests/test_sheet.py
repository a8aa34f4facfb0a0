"""A production's sheet: planned against actual per line and in total, costs read in the books
(a reversal or a draft counts nothing), time valued at the books' hourly rate, cost per
document."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remix.catalogue.tests.builders import doc
from remix.ledger import services as ledger
from remix.productions import services
from remix.productions.selectors import production_sheet
from remix.productions.tests.builders import expense, film, hourly_rate, time_given


@pytest.fixture
def shot(db, make_user):
    """A film with two planned lines, three costs in the books (one unplanned), two documents."""
    production = film()
    camera = services.cost_line_add(
        production=production, category="equipment", label="Caméra", amount="1500"
    )
    editing = services.cost_line_add(
        production=production, category="post_production", label="Montage", amount="2500.50"
    )
    services.cost_link(production=production, transaction=expense(production, "1200"), line=camera)
    services.cost_link(production=production, transaction=expense(production, "2600"), line=editing)
    services.cost_link(production=production, transaction=expense(production, "99.99"))
    for title in ("Le film", "La película"):
        services.document_link(production=production, document=doc(title, kind="documentary"))
    return production


def test_planned_against_actual_per_line_and_in_total(shot):
    sheet = production_sheet(shot)

    rows = [(r.label, r.planned_minor, r.actual_minor, r.difference_minor) for r in sheet.lines]
    assert rows == [
        ("Caméra", 150000, 120000, -30000),
        ("Montage", 250050, 260000, 9950),
        ("Dépenses imprévues", 0, 9999, 9999),
    ]
    assert sheet.totals["planned_minor"] == 400050
    assert sheet.totals["actual_minor"] == 389999
    assert sheet.totals["cost_per_document_minor"] == 195000  # 3 899,99 € / 2, half to even


def test_a_reversed_cost_counts_nothing_and_is_shown_reversed(shot):
    counted = shot.costs.get(line__label="Caméra").transaction
    ledger.transaction_reverse(transaction=counted, reason="Facture annulée")

    sheet = production_sheet(shot)

    assert [r.actual_minor for r in sheet.lines] == [0, 260000, 9999]
    assert [cost.reversed for cost in sheet.costs] == [True, False, False]


def test_time_is_valued_at_the_books_hourly_rate_of_its_day(shot, make_user):
    hourly_rate("12", on="2026-01-01")
    hourly_rate("15", on="2026-06-01")
    camille, amina = make_user("camille"), make_user("amina")
    time_given(shot, camille, "10", on="2026-03-15", role="Réalisation")
    time_given(shot, camille, "2.5", on="2026-07-01", role="Montage")
    time_given(shot, amina, "4", on="2026-03-20", visibility="amount")

    sheet = production_sheet(shot)

    people = [(p.name, p.roles, p.hours_minor, p.value_minor) for p in sheet.contributors]
    assert people == [
        ("Camille", ["Réalisation", "Montage"], 1250, 15750),  # 10 h × 12 € + 2,5 h × 15 €
        ("Contributeurs qui ont demandé à ne pas être nommés", [], 400, 4800),
    ]
    assert sheet.totals["time_value_minor"] == 20550
    assert sheet.totals["full_cost_per_document_minor"] == 205274  # 4 105,49 / 2, half to even


def test_without_an_hourly_rate_time_is_counted_but_not_valued(shot, make_user):
    time_given(shot, make_user("camille"), "3")

    sheet = production_sheet(shot)

    assert sheet.contributors[0].hours_minor == 300
    assert sheet.contributors[0].value_minor is None
    assert sheet.totals["time_value_minor"] is None
    assert sheet.rates_missing


def test_without_documents_there_is_no_cost_per_document(db):
    production = film()
    services.cost_link(production=production, transaction=expense(production, "10"))

    assert production_sheet(production).totals["cost_per_document_minor"] is None


def test_only_a_posted_expense_in_the_production_currency_is_a_cost(shot):
    draft = expense(shot, "40", post=False)
    with pytest.raises(ValidationError) as refused:
        services.cost_link(production=shot, transaction=draft)
    assert "transaction" in refused.value.message_dict


def test_a_transaction_is_counted_once_and_against_a_line_of_its_production(shot):
    counted = shot.costs.first().transaction
    with pytest.raises(ValidationError, match="déjà une dépense"):
        services.cost_link(production=shot, transaction=counted)
    other = film("autre-film")
    line = services.cost_line_add(production=other, category="other", label="x", amount="1")
    with pytest.raises(ValidationError, match="une autre production"):
        services.cost_link(production=shot, transaction=expense(shot, "5"), line=line)


def test_only_recorded_volunteer_time_is_counted(shot, make_user):
    from remix.contributions import services as contributions

    declared, _new = contributions.contribution_declare(
        giver=contributions.Giver(user=make_user("camille")),
        fund=shot.fund,
        kind="time",
        amount="3",
        description="Tournage",
    )
    with pytest.raises(ValidationError):
        services.time_link(production=shot, contribution=declared)


def test_linking_costs_is_a_treasurers_decision_managing_a_steward_or_treasurers(shot, make_user):
    editor = make_user("camille", roles=["member", "editor"])
    treasurer = make_user("mateo", roles=["member", "treasurer"])
    with pytest.raises(PermissionDenied):
        services.cost_line_add(
            production=shot, category="other", label="x", amount="1", recorder=editor
        )
    with pytest.raises(PermissionDenied):
        services.cost_link(production=shot, transaction=expense(shot, "5"), recorder=editor)
    services.cost_link(production=shot, transaction=expense(shot, "6"), recorder=treasurer)


def test_funding_lines_name_their_grant_or_campaign_only_for_that_source(shot):
    with pytest.raises(ValidationError):
        services.funding_add(
            production=shot, source="sales", label="Ventes", amount="10", campaign=object()
        )
    services.funding_add(production=shot, source="sales", label="Ventes du DVD", amount="300")
    services.funding_add(production=shot, source="own_funds", label="Fonds propres", amount="0.5")

    assert production_sheet(shot).totals["funding_minor"] == 30050

"""Every write about stewardship leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.stewardship import services
from remix.stewardship.tests.builders import day, organisation, term

ROWS = Rows()


@ROWS.writes("stewardship.term.opened")
def a_cooperative_takes_the_charge(the):
    steward = the.user("louise", "steward")
    communs = organisation("Les Communs", "scic")
    with the.call():
        made = services.term_open(
            charge="carrier",
            carrier=communs,
            start_date=day("2024-07-01"),
            people=[steward],
            recorder=steward,
        )
    return on(
        made,
        by=steward,
        charge="carrier",
        carrier=communs.pk,
        start_date="2024-07-01",
        end_date=None,
        people=[steward.pk],
    )


@ROWS.writes("stewardship.term.ended")
def a_term_ends(the):
    steward = the.user("louise", "steward")
    open_term = term("carrier", organisation("La Fabrique"), "2019-01-01")
    with the.call():
        services.term_end(term=open_term, end_date=day("2021-08-31"), recorder=steward)
    return on(open_term, by=steward, end_date="2021-08-31")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

"""Every write about stewardship leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.stewardship import services
from remix.stewardship.models import STEP_ORDER, Step
from remix.stewardship.tests.builders import day, organisation, term
from remix.stewardship.tests.handover_world import proposed, world
from remix.stewardship.tests.test_handover import MANUAL

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


def _handover_before(the, step):
    """A handover of the fiscal host's charge, taken up to the step before ``step``."""
    world_ = world(the._make_user)
    handover = proposed(world_)
    takers = {
        Step.ACCEPTED: (world_.yasmine, {}),
        Step.CHECKED: (world_.louise, {"confirmed": MANUAL}),
        Step.TRANSFERRED: (world_.mateo, {}),
        Step.SIGNED_OUTGOING: (world_.louise, {}),
        Step.DONE: (world_.yasmine, {}),
    }
    for earlier in STEP_ORDER[1 : STEP_ORDER.index(step)]:
        who, extra = takers[earlier]
        handover = services.handover_step(handover=handover, step=earlier, recorder=who, **extra)
    who, extra = takers.get(step, (world_.louise, {}))
    return world_, handover, who, extra


@ROWS.writes("stewardship.handover.proposed")
def the_fiscal_host_proposes_a_handover(the):
    world_ = world(the._make_user)
    with the.call():
        handover = proposed(world_)
    return on(handover, by=world_.louise, charge="fiscal_host", incoming=world_.incoming.pk)


def _step_row(step, **data):
    def build(the):
        _world, handover, who, extra = _handover_before(the, step)
        with the.call():
            services.handover_step(handover=handover, step=step, recorder=who, **extra)
        return on(handover, by=who, **data)

    return build


ROWS.writes("stewardship.handover.accepted")(_step_row(Step.ACCEPTED))
ROWS.writes("stewardship.handover.checked")(_step_row(Step.CHECKED, confirmed=MANUAL))
ROWS.writes("stewardship.handover.transferred")(_step_row(Step.TRANSFERRED))
ROWS.writes("stewardship.handover.signed_outgoing")(_step_row(Step.SIGNED_OUTGOING))
ROWS.writes("stewardship.handover.done")(_step_row(Step.DONE))


@ROWS.writes("stewardship.volunteer.recorded")
def a_steward_records_a_volunteer(the):
    steward = the.user("louise", "steward")
    semeurs = organisation("Les Semeurs", "scop")
    with the.call():
        made = services.volunteer_record(
            actor=semeurs, charge="carrier", note="Dès janvier", recorder=steward
        )
    return on(made, by=steward, actor=semeurs.pk, charge="carrier", note="Dès janvier")


@ROWS.writes("stewardship.volunteer.withdrawn")
def a_steward_withdraws_an_offer(the):
    steward = the.user("louise", "steward")
    offer = services.volunteer_record(actor=organisation("Les Semeurs", "scop"), charge="carrier")
    with the.call():
        services.volunteer_withdraw(volunteer=offer, recorder=steward)
    return on(offer, by=steward)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

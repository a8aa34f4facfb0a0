"""A handover from the fiscal host to a cooperative: steps in order, the checklist from the data,
the balance moved in the books, and the roles and terms moving all together or not at all."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from remix.contributions.models import Pledge
from remix.ledger.models import Posting, Transaction
from remix.stewardship.models import HandoverEvent, Step, Term
from remix.stewardship.services import handover_propose, handover_step
from remix.stewardship.tests.handover_world import BANK, proposed, world

MANUAL = ["archives", "bank_mandate", "domain_hosting"]


def _walk(the, handover, *, until):
    steps = [
        (Step.ACCEPTED, the.yasmine, {}),
        (Step.CHECKED, the.louise, {"confirmed": MANUAL}),
        (Step.TRANSFERRED, the.mateo, {}),
        (Step.SIGNED_OUTGOING, the.louise, {}),
        (Step.DONE, the.yasmine, {}),
    ]
    for step, who, extra in steps:
        handover = handover_step(handover=handover, step=step, recorder=who, **extra)
        if step == until:
            break
    return handover


def _roles(*users):
    return {user.username: user.has_role("steward") for user in users}


@pytest.fixture
def the(make_user):
    return world(make_user)


def test_a_handover_walked_through_moves_the_charge_and_the_steward_role(the):
    handover = _walk(the, proposed(the), until=Step.DONE)

    the.outgoing_term.refresh_from_db()
    incoming_term = Term.objects.get(charge="fiscal_host", end_date__isnull=True)
    assert the.outgoing_term.end_date == datetime.date(2026, 6, 30)
    assert (incoming_term.carrier, incoming_term.start_date) == (
        the.incoming,
        handover.effective_date,
    )
    assert list(incoming_term.people.all()) == [the.yasmine]
    assert incoming_term.hours_per_month == 6
    for user in (the.louise, the.mateo, the.yasmine):
        user.refresh_from_db()
    assert _roles(the.louise, the.yasmine) == {"louise": False, "yasmine": True}
    assert the.louise.has_role("member")  # they keep their membership and their history
    assert list(
        HandoverEvent.objects.filter(handover=handover).values_list("step", flat=True)
    ) == list(Step.values)


def test_who_still_acts_for_another_open_term_keeps_the_steward_role(the):
    coordination = Term.objects.create(
        charge="coordination",
        carrier=the.outgoing_term.carrier,
        start_date=datetime.date(2025, 1, 1),
    )
    coordination.people.add(the.louise)

    _walk(the, proposed(the), until=Step.DONE)

    for user in (the.louise, the.yasmine):
        user.refresh_from_db()
    assert _roles(the.louise, the.yasmine) == {"louise": True, "yasmine": True}


def test_the_balance_moves_in_posted_transactions_balanced_per_commodity_and_fund(the):
    handover = _walk(the, proposed(the), until=Step.TRANSFERRED)

    transactions = Transaction.objects.filter(reference=f"handover-{handover.pk}")
    assert transactions.count() == 3  # EUR platform, EUR fiesta, CAD platform
    assert {tx.status for tx in transactions} == {"posted"}
    legs = sorted(
        Posting.objects.filter(transaction__in=transactions).values_list(
            "commodity", "fund__slug", "account__code", "amount_minor"
        )
    )
    assert legs == [
        ("CAD", "plateforme", "Assets:Bank:Communs", 8000),
        ("CAD", "plateforme", BANK, -8000),
        ("EUR", "fiesta-2026", "Assets:Bank:Communs", 12000),
        ("EUR", "fiesta-2026", BANK, -12000),
        ("EUR", "plateforme", "Assets:Bank:Communs", 50000),
        ("EUR", "plateforme", BANK, -50000),
    ]
    # Nothing is left on the outgoing account on the day the handover takes effect.
    left = Posting.objects.filter(
        account__code=BANK, posted=True, date__lte=handover.effective_date
    ).aggregate(total=Sum("amount_minor"))
    assert left["total"] == 0


def test_the_checklist_lists_each_kind_of_open_obligation(the):
    handover = _walk(the, proposed(the), until=Step.CHECKED)

    checked = HandoverEvent.objects.get(handover=handover, step=Step.CHECKED).data
    assert checked["confirmed"] == MANUAL
    assert {kind: item["count"] for kind, item in checked["obligations"].items()} == {
        "pledges": 1,
        "campaigns": 1,
        "rounds": 1,
        "applications": 1,
    }
    assert checked["obligations"]["pledges"]["items"] == [the.pledge.reference]


def test_the_checklist_is_not_done_until_every_item_is_confirmed(the):
    handover = _walk(the, proposed(the), until=Step.ACCEPTED)

    with pytest.raises(ValidationError) as refused:
        handover_step(
            handover=handover, step=Step.CHECKED, recorder=the.louise, confirmed=["archives"]
        )

    assert "bank_mandate" in refused.value.message_dict["confirmed"][0]


def test_a_step_out_of_order_is_refused_with_a_translated_message(the):
    handover = proposed(the)

    with pytest.raises(ValidationError) as refused:
        handover_step(handover=handover, step=Step.TRANSFERRED, recorder=the.mateo)

    assert refused.value.message_dict == {
        "step": ["Cette étape ne peut pas encore être franchie : la suivante est « acceptée »."]
    }
    assert Transaction.objects.filter(reference=f"handover-{handover.pk}").count() == 0


def test_each_step_is_taken_by_its_own_people(the):
    handover = proposed(the)

    with pytest.raises(PermissionDenied):
        handover_step(handover=handover, step=Step.ACCEPTED, recorder=the.louise)
    handover = _walk(the, handover, until=Step.CHECKED)
    with pytest.raises(PermissionDenied):  # a steward, but not the books' keeper
        handover_step(handover=handover, step=Step.TRANSFERRED, recorder=the.yasmine)


def test_the_flow_resumes_where_it_stopped(the):
    _walk(the, proposed(the), until=Step.CHECKED)

    resumed = the.outgoing_term.handover
    resumed.refresh_from_db()
    assert (resumed.step, resumed.next_step) == (Step.CHECKED, Step.TRANSFERRED)
    assert _walk_from(the, resumed).is_done


def _walk_from(the, handover):
    handover = handover_step(handover=handover, step=Step.TRANSFERRED, recorder=the.mateo)
    handover = handover_step(handover=handover, step=Step.SIGNED_OUTGOING, recorder=the.louise)
    return handover_step(handover=handover, step=Step.DONE, recorder=the.yasmine)


def test_a_failure_midway_leaves_roles_and_terms_as_they_were(the, monkeypatch):
    handover = _walk(the, proposed(the), until=Step.SIGNED_OUTGOING)

    def grant_fails(**_kwargs):
        raise RuntimeError("the role could not be given")

    # The outgoing term has ended and the steward role was revoked when the grant fails.
    monkeypatch.setattr("remix.stewardship.services.handovers.role_grant", grant_fails)
    with pytest.raises(RuntimeError):
        handover_step(handover=handover, step=Step.DONE, recorder=the.yasmine)

    the.outgoing_term.refresh_from_db()
    handover.refresh_from_db()
    for user in (the.louise, the.yasmine):
        user.refresh_from_db()
    assert the.outgoing_term.is_open
    assert Term.objects.filter(charge="fiscal_host").count() == 1
    assert handover.step == Step.SIGNED_OUTGOING
    assert _roles(the.louise, the.yasmine) == {"louise": True, "yasmine": False}


def test_a_monthly_pledge_keeps_its_reference_through_a_handover(the):
    reference = the.pledge.reference

    _walk(the, proposed(the), until=Step.DONE)

    pledge = Pledge.objects.get(pk=the.pledge.pk)
    assert (pledge.reference, pledge.status, pledge.frequency) == (reference, "active", "monthly")


def test_only_the_outgoing_stewards_propose(the):
    with pytest.raises(PermissionDenied):
        handover_propose(
            term=the.outgoing_term,
            incoming=the.incoming,
            effective_date=datetime.date(2026, 7, 1),
            incoming_people=[the.yasmine],
            recorder=the.yasmine,
        )

"""A steward of a past carrier, once the handover is signed, meets every steward route of the
site and of the API as a plain member does: the permission matrix (``remix/core/permissions.txt``)
says which routes answer a steward otherwise, and each is asked again as the past steward."""

import datetime
from fnmatch import fnmatch

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.models import User
from remix.allies.models import Actor
from remix.core.tests.permission_matrix import (
    admin_paths,
    ask,
    clients,
    fill,
    rows_read,
    tokens,
    world_build,
)
from remix.stewardship.models import Handover, Step, Term
from remix.stewardship.services import handover_propose, handover_step
from remix.stewardship.tests.test_handover import MANUAL

pytestmark = pytest.mark.django_db


def _steward_rows():
    """The rows where a steward's answer is not a member's: what the steward role opens. The
    second factor's own pages answer by whether a device is set up, not by role: a past steward
    keeps hers (asserted below), so they are left out; so are an engagement's page and its time
    form, which answer by whether one works on the engagement (louise does, in the demo)."""
    return [
        row
        for row in rows_read()
        if row.expected["steward"] != row.expected["member"]
        and not row.route.startswith("accounts:otp_")
        and row.route not in ("studio:engagement", "studio:time_new")
    ]


def _paths(row, values, admin, own_rows):
    if "*" not in row.route:
        return [fill(row.path, values)]
    return [
        path
        for name, path in sorted(admin.items())
        if fnmatch(name, row.route) and name not in own_rows
    ]


def _hand_over_louise_s_charge():
    """The demo's handover of the technical hosting, from louise's carrier to camille's,
    taken to its last signature by the platform: louise is no longer a steward. She acts for no
    other open term first (whoever still acts for one keeps the role)."""
    handover = Handover.objects.get(outgoing__charge="technical_host", step=Step.ACCEPTED)
    louise = User.objects.get(username="louise")
    for term in Term.objects.filter(end_date__isnull=True, people=louise).exclude(
        pk=handover.outgoing_id
    ):
        term.people.remove(louise)
    for step, extra in (
        (Step.CHECKED, {"confirmed": MANUAL}),
        (Step.TRANSFERRED, {}),
        (Step.SIGNED_OUTGOING, {}),
        (Step.DONE, {}),
    ):
        handover = handover_step(handover=handover, step=step, **extra)
    return handover


def _another_handover_under_way(values):
    """A handover of another charge louise acts for, accepted by its incoming carrier: the
    matrix's ``{handover}`` (the demo's is done once louise's charge has passed)."""
    coordination = Term.objects.get(charge="coordination", end_date__isnull=True)
    handover = handover_propose(
        term=coordination,
        incoming=Actor.objects.get(name="Tiers-lieu La Fabrique"),
        effective_date=datetime.date(2027, 1, 1),
        incoming_people=[User.objects.get(username="yasmine")],
    )
    handover_step(handover=handover, step=Step.ACCEPTED)
    return {**values, "handover": str(handover.pk)}


def test_a_past_steward_meets_each_steward_route_as_a_member(settings):
    settings.REMIX_RECEIPTS = {
        **settings.REMIX_RECEIPTS,
        "issuer": "Association Remix",
        "address": "1 place des Communs, 69001 Lyon",
        "object": "Soutien aux communs",
        "signatory": "Louise, intendante",
    }
    values = _another_handover_under_way(world_build())
    # Logged in, second factor given and a token made while she was a steward.
    logged, raw = clients(), tokens()
    rows = _steward_rows()
    admin, own_rows = admin_paths(), {row.route for row in rows_read()}
    before = [
        ask(
            row,
            values,
            logged["anonymous"] if row.is_api else logged["steward"],
            raw["steward"],
            path=path,
        )
        for row in rows[:3]
        for path in _paths(row, values, admin, own_rows)[:1]
    ]
    assert before == [row.expected["steward"] for row in rows[:3]]  # the role opened them

    _hand_over_louise_s_charge()

    louise = User.objects.get(username="louise")
    assert not louise.has_role("steward") and louise.has_role("member")
    assert TOTPDevice.objects.filter(user=louise, confirmed=True).exists()
    differences = []
    for row in rows:
        wanted = row.expected["member"]
        client = logged["anonymous"] if row.is_api else logged["steward"]
        for path in _paths(row, values, admin, own_rows):
            got = ask(row, values, client, raw["steward"], path=path)
            if got == wanted or (wanted == "any" and got != "login" and int(got) < 500):
                continue
            differences.append(f"{row.line}: {row.method} {path}: expected {wanted}, got {got}")
    assert len(rows) >= 40  # the matrix still names the routes a steward opens
    assert not differences, "\n".join(differences)

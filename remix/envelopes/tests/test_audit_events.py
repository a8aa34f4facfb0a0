"""Each audit action of the contributive budget, left by its one service call."""

from decimal import Decimal

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.envelopes import services
from remix.envelopes.tests.builders import ask, envelope

ROWS = Rows()


@ROWS.writes("envelopes.envelope.opened")
def a_treasurer_opens_an_envelope(the):
    treasurer = the.user("mateo", "treasurer")
    with the.call():
        made = envelope(recorder=treasurer)
    return on(made, by=treasurer, amount_minor=150_000, commodity="EUR", fund="plateforme")


@ROWS.writes("envelopes.request.asked")
def a_member_asks(the):
    amina = the.user("amina")
    documentation = envelope()
    with the.call():
        made = ask(documentation, amina, "3", "650")
    return on(made, by=amina, envelope=documentation.pk, days="3", asked_minor=65_000)


@ROWS.writes("envelopes.request.amended")
def a_member_amends(the):
    amina = the.user("amina")
    made = ask(envelope(), amina, "3", "700")
    with the.call():
        services.request_amend(
            request=made, what="Le guide.", days=Decimal("3"), asked_minor=65_000, recorder=amina
        )
    return on(made, by=amina, version=2, asked_minor=65_000)


@ROWS.writes("envelopes.comment.written")
def someone_questions_a_request(the):
    amina, mateo = the.user("amina"), the.user("mateo")
    made = ask(envelope(), amina, "3", "700")
    with the.call():
        comment = services.comment_write(request=made, body="Pourquoi 700 € ?", author=mateo)
    return on(comment, by=mateo, request=made.pk)


@ROWS.writes("envelopes.envelope.frozen")
def a_treasurer_freezes_the_requests(the):
    treasurer = the.user("mateo", "treasurer")
    documentation = envelope()
    with the.call():
        services.envelope_freeze(envelope=documentation, recorder=treasurer)
    return on(documentation, by=treasurer)


@ROWS.writes("envelopes.envelope.closed")
def a_treasurer_closes_proportionally(the):
    treasurer = the.user("mateo", "treasurer")
    documentation = envelope()
    guide = ask(documentation, the.user("amina"), "3", "650")
    review = ask(documentation, the.user("louise"), "4", "1000")
    with the.call():
        closed = services.envelope_close(
            envelope=documentation, rule="proportional", recorder=treasurer
        )
    return on(
        documentation,
        by=treasurer,
        rule="proportional",
        granted={str(guide.pk): 59_091, str(review.pk): 90_909},
        total_minor=150_000,
        transaction=closed.transaction_id,
    )


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

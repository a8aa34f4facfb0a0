"""What the API writes itself: the Idempotency-Key of a keyed write and the digest of its body.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads). The event is on
the object the keyed request created, by its caller, in the write's own transaction; a retry
reads it to tell a repeat (the same body) from a changed request (refused with 422).
"""

import hashlib
import json

import pytest

from remix.accounts.services import token_create
from remix.accounts.tests.clients import give_second_factor
from remix.core.tests.audit_rows import Rows, Scene, on
from remix.ledger.models import Transaction

ROWS = Rows()


@ROWS.writes("api.idempotency_key.recorded")
def a_treasurer_records_a_transaction_with_a_retry_key(the):
    treasurer = the.user("tresoriere", "treasurer")
    give_second_factor(treasurer)  # a treasurer's token works once they have an authenticator
    raw = token_create(user=treasurer, name="cli").raw
    body = {
        "date": "2026-06-01",
        "description": "Don",
        "postings": [
            {"account": "Assets:Bank:Current", "amount": "5.00"},
            {"account": "Income:Contributions:Donations", "amount": "-5.00"},
        ],
    }
    with the.call():
        response = the.client.post(
            "/api/v1/ledger/transactions",
            data=json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
            HTTP_IDEMPOTENCY_KEY="k1",
        )
    assert response.status_code == 201, response.content
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256(b"POST /api/v1/ledger/transactions\n" + canonical).hexdigest()
    return on(
        Transaction.objects.get(),
        by=treasurer,
        key=f"api:{treasurer.pk}:k1",
        sha256=digest,
    )


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

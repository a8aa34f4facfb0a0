"""The funding API's gifts: the list as each giver chose to show it, money recorded by
treasurers, time and in-kind declared by members, a key sent twice."""

import datetime
import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from remix.contributions import services
from remix.contributions.models import Contribution
from remix.contributions.services import Giver, payments
from remix.contributions.tests import builders
from remix.contributions.tests.api.calls import EN, bearer, days, get, post, refusal, today
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


def three_gifts():
    """One gift per visibility, the private one the newest."""
    for day, name, visibility in (
        (datetime.date(2026, 3, 1), "Awa Diop", "public"),
        (datetime.date(2026, 3, 2), "Jean Secret", "amount"),
        (datetime.date(2026, 3, 3), "Paula Privée", "private"),
    ):
        services.payment_record(
            fund=builders.platform(),
            amount="25",
            date=day,
            giver=Giver(name=name),
            visibility=visibility,
        )


def test_the_public_list_hides_private_gifts_and_the_names_of_anonymous_ones(client, member):
    three_gifts()
    user, _token = member
    services.contribution_declare(
        giver=Giver(user=user),
        fund=builders.platform(),
        kind="time",
        amount="3",
        date=today(),
        description="Traduction",
    )
    lent, _created = services.contribution_declare(
        giver=Giver(user=user),
        fund=builders.platform(),
        kind="in_kind",
        amount="80",
        date=datetime.date(2026, 3, 4),
        description="Prêt du vidéoprojecteur d'Awa",
        visibility="amount",
    )
    services.contribution_validate(contribution=lent)

    page = get(client, "/contributions").json()

    assert page["count"] == 3  # the private gift and the time awaiting a treasurer are not listed
    shown = [(i["name"], i["kind"], i["amount"], i["description"]) for i in page["items"]]
    assert shown == [
        (None, "in_kind", "80.00", ""),
        (None, "money", "25.00", ""),
        ("Awa Diop", "money", "25.00", ""),
    ]
    assert page["items"][2]["status"] == "recorded" and page["items"][2]["transaction"]
    assert page["items"][0]["pledge"] is None and page["items"][0]["username"] is None
    text = json.dumps(page, ensure_ascii=False)
    assert "Paula" not in text and "Jean" not in text
    assert "Traduction" not in text and "vidéoprojecteur" not in text


def test_a_member_token_sees_the_public_list_and_a_treasurer_sees_everything(
    client, member, treasurer
):
    three_gifts()
    _user, token = member
    post(
        client,
        "/contributions",
        {"kind": "time", "amount": "2", "description": "Ateliers"},
        **token,
    )

    as_member = get(client, "/contributions", **token).json()
    everything = get(client, "/contributions", **treasurer).json()
    hours = get(client, "/contributions?kind=time", **treasurer).json()
    declared = get(client, "/contributions?status=declared", **treasurer).json()

    assert as_member["count"] == 2
    assert everything["count"] == 4
    assert {item["name"] for item in everything["items"]} == {
        "Awa",
        "Awa Diop",
        "Jean Secret",
        "Paula Privée",
    }
    assert [(i["amount"], i["commodity"], i["status"]) for i in hours["items"]] == [
        ("2.00", "HOUR", "declared")
    ]
    assert hours["items"][0]["username"] == "awa"
    assert declared["count"] == 1


def test_the_list_reads_a_page_in_a_few_queries_whoever_asks(
    client, treasurer, django_assert_max_num_queries
):
    for n in range(30):
        services.payment_record(
            fund=builders.platform(), amount="1", date=today(), giver=Giver(name=f"G{n}")
        )

    with django_assert_max_num_queries(3):
        public = get(client, "/contributions")
    with django_assert_max_num_queries(6):
        everything = get(client, "/contributions", **treasurer)

    assert public.json()["count"] == everything.json()["count"] == 30


def test_the_list_filters_by_fund_and_refuses_an_unknown_one(client):
    three_gifts()
    fiesta = builders.fund("fiesta-2026")
    services.payment_record(fund=fiesta, amount="7", date=today(), giver=Giver(name="Lucía"))

    only = get(client, "/contributions?fund=fiesta-2026").json()
    unknown = get(client, "/contributions?fund=nowhere", **EN)

    assert [(item["fund"], item["name"]) for item in only["items"]] == [("fiesta-2026", "Lucía")]
    assert refusal(unknown) == {"fund": "Unknown fund: nowhere."}


def test_a_treasurer_records_money_for_a_pledge_by_its_reference_with_or_without_spaces(
    client, member, treasurer
):
    user, token = member
    pledge = post(
        client,
        "/pledges",
        {"fund": "plateforme", "amount": "10", "frequency": "monthly", "start": days(-5)},
        **token,
    ).json()
    grouped = pledge["reference"]
    compact = grouped.replace(" ", "").lower()

    first = post(client, "/contributions", {"pledge": compact, "amount": "10.00"}, **treasurer)
    second = post(client, "/contributions", {"pledge": grouped, "amount": "10"}, **treasurer)

    assert first.status_code == second.status_code == 201
    gift = first.json()
    assert gift["pledge"] == grouped and gift["name"] == "Awa" and gift["username"] == "awa"
    assert gift["kind"] == "money" and gift["fund"] == "plateforme" and gift["recurring"]
    mine = get(client, "/pledges", **token).json()["items"][0]
    assert mine["reconciliation"]["received"] == "20.00"
    assert Transaction.objects.count() == 2


def test_a_treasurer_says_how_money_was_paid_and_a_method_outside_the_list_is_refused(
    client, treasurer
):
    gift = {"fund": "plateforme", "name": "Fanfare", "amount": "40"}
    cheque = post(client, "/contributions", {**gift, "method": "cheque"}, **treasurer)
    unsaid = post(client, "/contributions", {**gift, "name": "Bo"}, **treasurer)
    other = post(client, "/contributions", {**gift, "method": "bitcoin"}, **treasurer)

    assert cheque.status_code == unsaid.status_code == 201
    assert cheque.json()["payment_method"] == "cheque"
    assert unsaid.json()["payment_method"] is None
    assert other.status_code == 422
    assert list(Contribution.objects.values_list("payment_method", flat=True).order_by("pk")) == [
        "cheque",
        "",
    ]


def test_money_for_a_pledge_is_in_the_pledge_s_currency_when_none_is_given(client, treasurer):
    pledge, _created = services.pledge_create(
        fund=builders.platform(), amount="5000", commodity="XOF", giver=Giver(name="Moussa")
    )

    paid = post(
        client, "/contributions", {"pledge": pledge.reference, "amount": "5000"}, **treasurer
    )
    euros = post(
        client,
        "/contributions",
        {"pledge": pledge.reference, "amount": "5000", "commodity": "EUR"},
        **treasurer,
        **EN,
    )

    assert (paid.status_code, paid.json()["amount"], paid.json()["commodity"]) == (
        201,
        "5000",
        "XOF",
    )
    assert refusal(euros) == {"commodity": "This pledge is in XOF."}


def test_a_treasurer_records_a_gift_to_a_fund_from_a_member_or_a_name(client, member, treasurer):
    builders.fund("fiesta-2026")

    from_member = post(
        client,
        "/contributions",
        {"fund": "fiesta-2026", "amount": "30", "user": "awa", "visibility": "amount"},
        **treasurer,
    )
    from_name = post(
        client,
        "/contributions",
        {"amount": "12.50", "name": "Association Voisins", "date": "2026-02-01"},
        **treasurer,
    )

    assert from_member.status_code == from_name.status_code == 201
    assert from_member.json()["name"] == "Awa" and from_member.json()["visibility"] == "amount"
    assert from_name.json()["fund"] == "plateforme" and from_name.json()["date"] == "2026-02-01"
    public = get(client, "/contributions").json()["items"]
    assert [(item["name"], item["amount"]) for item in public] == [
        (None, "30.00"),
        ("Association Voisins", "12.50"),
    ]
    assert Transaction.objects.get(pk=from_member.json()["transaction"]).anonymous


def test_a_repeated_idempotency_key_records_one_gift(client, treasurer, api_token):
    gift = {"amount": "40", "name": "Awa Diop"}
    key = {"HTTP_IDEMPOTENCY_KEY": "gift-2026-03-01"}

    first = post(client, "/contributions", gift, **treasurer, **key)
    again = post(client, "/contributions", gift, **treasurer, **key)
    _other, raw = api_token(username="tresorier2", roles=["treasurer"])
    someone_else = post(client, "/contributions", gift, **bearer(raw), **key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert someone_else.status_code == 201  # a key is its sender's own
    assert Transaction.objects.count() == 2
    assert Contribution.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_parallel_retries_with_one_key_record_one_gift(treasurer, monkeypatch):
    """The first retry has written its gift but not committed when the second one arrives: the
    second waits on the key's unique index, then answers with the first gift."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database locks whole tables between threads and fails "
            "instead of waiting; the race is proven on PostgreSQL."
        )
    written, go_on = threading.Event(), threading.Event()
    real_audit = payments.audit_record

    def audit_then_hold(**kwargs):
        real_audit(**kwargs)
        if threading.current_thread().name == "first":
            written.set()
            go_on.wait(timeout=10)

    monkeypatch.setattr(payments, "audit_record", audit_then_hold)
    answers = {}

    def send():
        try:
            answers[threading.current_thread().name] = post(
                Client(),
                "/contributions",
                {"amount": "40", "name": "Awa Diop"},
                **treasurer,
                HTTP_IDEMPOTENCY_KEY="retry-1",
            )
        finally:
            connection.close()

    first = threading.Thread(target=send, name="first")
    second = threading.Thread(target=send, name="second")
    first.start()
    assert written.wait(timeout=10)
    second.start()
    time.sleep(0.5)  # the second retry reaches the unique index and waits there
    go_on.set()
    first.join()
    second.join()

    assert (answers["first"].status_code, answers["second"].status_code) == (201, 200)
    assert answers["first"].json()["id"] == answers["second"].json()["id"]
    assert Contribution.objects.count() == 1 and Transaction.objects.count() == 1


def test_a_member_declares_time_in_hours_and_in_kind_at_its_value(client, member):
    _user, token = member
    key = {"HTTP_IDEMPOTENCY_KEY": "hours-1"}

    hours = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "6.5", "description": "Traduction des pages"},
        **token,
        **key,
    )
    again = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "6.5", "description": "Traduction des pages"},
        **token,
        **key,
    )
    projector = post(
        client,
        "/contributions",
        {"kind": "in_kind", "amount": "120", "description": "Vidéoprojecteur"},
        **token,
    )

    assert (hours.status_code, again.status_code, projector.status_code) == (201, 200, 201)
    body = hours.json()
    assert (body["amount"], body["commodity"], body["status"]) == ("6.50", "HOUR", "declared")
    assert body["transaction"] is None and body["provider"] == "declared"
    assert again.json()["id"] == body["id"]
    assert (projector.json()["amount"], projector.json()["commodity"]) == ("120.00", "EUR")
    assert Contribution.objects.count() == 2
    assert not Transaction.objects.exists()  # declared, not yet validated by a treasurer


def test_contribution_writes_are_refused_without_token_or_role(client, member, visitor):
    _user, token = member
    gift = {"amount": "10", "name": "Awa"}

    no_token = post(client, "/contributions", gift, **EN)
    member_records_money = post(client, "/contributions", gift, **token, **EN)
    no_role_declares = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "1", "description": "Aide"},
        **visitor,
        **EN,
    )

    assert no_token.status_code == 401 and no_token["WWW-Authenticate"] == "Bearer"
    assert member_records_money.status_code == no_role_declares.status_code == 403
    assert member_records_money.json()["error"]["message"] == "You are not allowed to do this."
    assert not Contribution.objects.exists()


def test_bad_contributions_are_refused_with_the_field_in_english(client, member, treasurer):
    _user, token = member

    comma = post(client, "/contributions", {"amount": "12,50", "name": "A"}, **treasurer, **EN)
    nobody = post(client, "/contributions", {"amount": "12"}, **treasurer, **EN)
    unknown_pledge = post(
        client, "/contributions", {"amount": "12", "pledge": "RF00 NOPE"}, **treasurer, **EN
    )
    unknown_user = post(
        client, "/contributions", {"amount": "12", "user": "ghost"}, **treasurer, **EN
    )
    nothing = post(client, "/contributions", {"amount": "0", "name": "A"}, **treasurer, **EN)
    for_someone = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "2", "description": "Aide", "user": "tresoriere"},
        **token,
        **EN,
    )
    no_description = post(
        client, "/contributions", {"kind": "in_kind", "amount": "20"}, **token, **EN
    )
    future = post(
        client,
        "/contributions",
        {"kind": "time", "amount": "2", "description": "Aide", "date": days(3)},
        **token,
        **EN,
    )

    assert refusal(comma) == {"amount": "A number is expected."}
    assert refusal(nobody) == {"name": "Say who gives."}
    assert refusal(unknown_pledge) == {"pledge": "Unknown pledge reference: RF00 NOPE."}
    assert refusal(unknown_user) == {"user": "Unknown member: ghost."}
    assert refusal(nothing) == {"amount": "Give an amount above zero."}
    assert refusal(for_someone) == {
        "user": "Time and in-kind are declared by the giver, for themself."
    }
    assert refusal(no_description) == {"description": "Say what was given."}
    assert refusal(future) == {"date": "Declare what was already given."}
    assert not Contribution.objects.exists() and not Transaction.objects.exists()

"""The contributive budget's services on a real database: requests within the range, in public,
amended with their history; questions under them; the closing, once, posted to the books."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remix.envelopes import selectors, services
from remix.envelopes.models import Envelope, Request, Status
from remix.envelopes.tests.builders import ask, envelope, euros
from remix.ledger.models import Transaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    class People:
        amina = make_user("amina", roles=["member"])
        camille = make_user("camille", roles=["member"])
        louise = make_user("louise", roles=["member"])
        mateo = make_user("mateo", roles=["member", "treasurer"])
        visitor = make_user("visitor")

    People.visitor.groups.clear()  # logged in, but no longer a member
    return People


def test_a_request_outside_the_range_is_refused_with_its_bounds_in_the_readers_language(people):
    documentation = envelope()

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        ask(documentation, people.amina, "3", "800")

    message = refused.value.message_dict["amount"][0]
    assert "450,00" in message and "750,00" in message and "Jours travaillés : 3." in message
    with pytest.raises(ValidationError):
        ask(documentation, people.amina, "3", "449.99")
    assert not Request.objects.exists()
    assert ask(documentation, people.amina, "3", "750").asked_minor == 75_000


def test_a_request_needs_days_to_the_hundredth_and_a_member(people):
    documentation = envelope()

    with pytest.raises(ValidationError) as refused:
        ask(documentation, people.amina, "0.125", "30")
    assert "days" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        ask(documentation, people.visitor, "1", "200")


def test_one_request_per_person_the_second_is_an_amendment(people):
    documentation = envelope()
    ask(documentation, people.amina, "3", "700")

    with pytest.raises(ValidationError):
        ask(documentation, people.amina, "1", "200")


def test_an_amendment_keeps_the_earlier_versions_and_only_the_requester_amends(people):
    documentation = envelope()
    guide = ask(documentation, people.amina, "3", "700")

    with pytest.raises(PermissionDenied):
        services.request_amend(
            request=guide, what="x", days=Decimal(3), asked_minor=1, recorder=people.camille
        )
    services.request_amend(
        request=guide,
        what="Le guide, captures comprises.",
        days=Decimal("3"),
        asked_minor=euros("650"),
        recorder=people.amina,
    )

    guide.refresh_from_db()
    versions = list(guide.versions.values_list("number", "asked_minor", "what"))
    assert guide.asked_minor == 65_000
    assert versions == [
        (1, 70_000, "Un guide du catalogue."),
        (2, 65_000, "Le guide, captures comprises."),
    ]


def test_requests_over_the_envelope_are_said_with_the_excess(people):
    documentation = envelope()
    ask(documentation, people.amina, "3", "650")
    ask(documentation, people.camille, "2.5", "500")
    assert not selectors.envelope_subscription(selectors.envelope_detail().get()).over
    ask(documentation, people.louise, "2", "450")

    listed = selectors.envelopes_list().get()
    detailed = selectors.envelope_detail().get()
    for read in (listed, detailed):
        said = selectors.envelope_subscription(read)
        assert (said.over, said.asked, said.excess) == (True, 160_000, 10_000)


def test_a_closed_or_frozen_envelope_takes_no_new_request_nor_amendment(people):
    documentation = envelope()
    guide = ask(documentation, people.amina, "3", "650")
    services.envelope_freeze(envelope=documentation, recorder=people.mateo)

    with pytest.raises(ValidationError) as refused:
        ask(documentation, people.camille, "2", "400")
    assert refused.value.code == "not_open"
    with pytest.raises(ValidationError):
        services.request_amend(
            request=guide, what="x", days=Decimal(3), asked_minor=60_000, recorder=people.amina
        )
    services.envelope_close(envelope=documentation, rule="proportional", recorder=people.mateo)
    with pytest.raises(ValidationError):
        ask(documentation, people.camille, "2", "400")
    with pytest.raises(ValidationError):  # the threads are kept as they were
        services.comment_write(request=guide, body="Encore une question", author=people.camille)


def _postings(tx: Transaction) -> list[tuple[str, int, str]]:
    return sorted(tx.postings.values_list("account__code", "amount_minor", "memo"))


def test_proportional_closing_pays_exactly_the_envelope_in_one_balanced_transaction(people):
    documentation = envelope()
    for person, days, amount in (
        (people.amina, "3", "650"),
        (people.camille, "2.5", "500"),
        (people.louise, "2", "450"),
    ):
        ask(documentation, person, days, amount)

    closed = services.envelope_close(
        envelope=documentation, rule="proportional", recorder=people.mateo
    )

    granted = list(Request.objects.order_by("pk").values_list("name", "granted_minor"))
    assert granted == [("Amina", 60_938), ("Camille", 46_875), ("Louise", 42_187)]
    assert sum(minor for _name, minor in granted) == closed.amount_minor
    tx = closed.transaction
    assert tx.is_posted and tx.postings.filter(fund__slug="plateforme").count() == 4
    assert _postings(tx) == [
        ("Expenses:Development", 150_000, "Documentation du trimestre"),
        ("Liabilities:Contributors", -60_938, "Amina"),
        ("Liabilities:Contributors", -46_875, "Camille"),
        ("Liabilities:Contributors", -42_187, "Louise"),
    ]
    assert (closed.status, closed.rule, closed.closed_by) == (
        "closed",
        "proportional",
        people.mateo,
    )


def test_a_closing_cannot_be_redone_a_correction_reverses_it(people):
    documentation = envelope()
    ask(documentation, people.amina, "3", "650")
    services.envelope_close(envelope=documentation, rule="proportional", recorder=people.mateo)

    with pytest.raises(ValidationError) as refused:
        services.envelope_close(
            envelope=documentation, rule="agreed", agreed={}, recorder=people.mateo
        )

    assert refused.value.code == "closed"
    assert Transaction.objects.filter(reference=f"envelope-{documentation.pk}").count() == 1
    assert Request.objects.get().granted_minor == 65_000  # they fit: paid what was asked


def test_agreed_amounts_need_every_request_and_stay_within_the_envelope(people):
    documentation = envelope()
    guide = ask(documentation, people.amina, "3", "650")
    translation_ = ask(documentation, people.camille, "2.5", "500")
    review = ask(documentation, people.louise, "2", "450")

    for agreed in (
        {guide.pk: 60_000, translation_.pk: 50_000},
        {guide.pk: 80_000, translation_.pk: 50_000, review.pk: 20_001},
        {guide.pk: -1, translation_.pk: 50_000, review.pk: 20_000},
    ):
        with pytest.raises(ValidationError) as refused:
            services.envelope_close(
                envelope=documentation, rule="agreed", agreed=agreed, recorder=people.mateo
            )
        assert "agreed" in refused.value.message_dict
    assert Envelope.objects.get().status == Status.OPEN

    closed = services.envelope_close(
        envelope=documentation,
        rule="agreed",
        agreed={guide.pk: 60_000, translation_.pk: 50_000, review.pk: 0},
        recorder=people.mateo,
    )

    assert _postings(closed.transaction) == [
        ("Expenses:Development", 110_000, "Documentation du trimestre"),
        ("Liabilities:Contributors", -60_000, "Amina"),
        ("Liabilities:Contributors", -50_000, "Camille"),
    ]
    assert Request.objects.get(pk=review.pk).granted_minor == 0


def test_only_a_treasurer_opens_freezes_and_closes(people):
    with pytest.raises(PermissionDenied):
        envelope(recorder=people.amina)
    documentation = envelope(recorder=people.mateo)
    with pytest.raises(PermissionDenied):
        services.envelope_freeze(envelope=documentation, recorder=people.amina)
    with pytest.raises(PermissionDenied):
        services.envelope_close(envelope=documentation, rule="proportional", recorder=people.amina)


def test_an_envelope_without_requests_closes_without_a_transaction(people):
    closed = services.envelope_close(
        envelope=envelope(), rule="proportional", recorder=people.mateo
    )

    assert closed.status == Status.CLOSED and closed.transaction is None


def test_anyone_logged_in_questions_a_request_and_the_requester_answers(people):
    guide = ask(envelope(), people.amina, "3", "700")

    services.comment_write(request=guide, body="Trois jours, **vraiment** ?", author=people.visitor)
    services.comment_write(request=guide, body="Oui : captures comprises.", author=people.amina)
    with pytest.raises(ValidationError):
        services.comment_write(request=guide, body="  ", author=people.visitor)

    thread = list(guide.comments.values_list("name", "body"))
    assert thread == [
        ("Visitor", "Trois jours, **vraiment** ?"),
        ("Amina", "Oui : captures comprises."),
    ]


def test_an_expense_account_is_required_and_the_range_ordered(people):
    from remix.ledger.models import Account, Fund

    with pytest.raises(ValidationError) as refused:
        services.envelope_open(
            title="Enveloppe",
            fund=Fund.objects.get(slug="plateforme"),
            expense_account=Account.objects.get(code="Liabilities:Suppliers"),
            amount_minor=100_000,
            day_min_minor=25_000,
            day_max_minor=15_000,
        )
    assert set(refused.value.message_dict) == {"expense_account", "day_max"}


def test_the_self_check_finds_parts_that_do_not_add_up_to_the_envelope(people):
    from remix.envelopes.selfchecks import check_payouts

    documentation = envelope()
    ask(documentation, people.amina, "3", "650")
    ask(documentation, people.camille, "4", "1000")
    services.envelope_close(envelope=documentation, rule="proportional", recorder=people.mateo)
    assert check_payouts() == []

    Request.objects.filter(requester=people.amina).update(granted_minor=1)

    assert check_payouts() == [
        "envelope 'Documentation du trimestre': proportional parts add to 90910, not 150000",
        "envelope 'Documentation du trimestre': 150000 posted for 90910 granted",
    ]
    Request.objects.filter(requester=people.amina).update(granted_minor=59_091)

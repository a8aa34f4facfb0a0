"""Stewardship terms: one open term per charge (the database holds it too), terms that follow
each other, an end set once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from remix.stewardship.models import Term
from remix.stewardship.services import term_end
from remix.stewardship.tests.builders import day, organisation, term


def test_a_charge_passes_from_one_carrier_to_the_next(db):
    fabrique, communs = organisation("La Fabrique"), organisation("Les Communs", "scic")
    first = term("carrier", fabrique, "2019-01-01", "2021-08-31")
    second = term("carrier", communs, "2021-09-01")

    assert [(t.carrier.name, t.is_open) for t in Term.objects.order_by("start_date")] == [
        ("La Fabrique", False),
        ("Les Communs", True),
    ]
    assert (first.end_date, second.end_date) == (day("2021-08-31"), None)


def test_a_second_open_term_of_a_charge_is_refused_with_a_message(db):
    term("fiscal_host", organisation("La Fabrique"), "2019-01-01")

    with pytest.raises(ValidationError) as refused:
        term("fiscal_host", organisation("Les Communs"), "2024-07-01")

    assert refused.value.message_dict == {
        "charge": ["Cette charge est déjà portée : une passation la transmet."]
    }
    assert Term.objects.count() == 1


def test_the_database_refuses_a_second_open_term_of_a_charge(db):
    first = term("moderation", organisation("La Fabrique"), "2019-01-01")
    communs = organisation("Les Communs")

    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(charge="moderation", carrier=communs, start_date=day("2024-01-01"))
    # Another charge, or the same once the first term has ended, may be open.
    Term.objects.create(charge="coordination", carrier=communs, start_date=day("2024-01-01"))
    term_end(term=first, end_date=day("2023-12-31"))
    Term.objects.create(charge="moderation", carrier=communs, start_date=day("2024-01-01"))

    assert Term.objects.filter(end_date__isnull=True).count() == 2


def test_terms_of_a_charge_do_not_overlap(db):
    term("carrier", organisation("La Fabrique"), "2019-01-01", "2021-08-31")

    with pytest.raises(ValidationError) as refused:
        term("carrier", organisation("Les Communs"), "2021-06-01", "2022-01-01")

    assert list(refused.value.message_dict) == ["start_date"]


def test_a_term_ends_once_and_never_before_it_starts(db):
    open_term = term("coordination", organisation("La Fabrique"), "2020-01-01")

    with pytest.raises(ValidationError):
        term_end(term=open_term, end_date=day("2019-12-31"))
    term_end(term=open_term, end_date=day("2022-12-31"))
    with pytest.raises(ValidationError) as refused:
        term_end(term=open_term, end_date=day("2023-06-30"))

    assert refused.value.code == "term_ended"
    open_term.refresh_from_db()
    assert open_term.end_date == day("2022-12-31")


def test_a_person_cannot_carry_a_charge(db):
    from remix.allies.services import actor_create

    person = actor_create(name="Louise Tremblay", kind="person", movements=["commons"])

    with pytest.raises(ValidationError) as refused:
        term("carrier", person, "2024-01-01")

    assert list(refused.value.message_dict) == ["carrier"]


def test_only_stewards_record_terms(make_user):
    treasurer, steward = (
        make_user("mateo", roles=["treasurer"]),
        make_user("louise", roles=["steward"]),
    )
    fabrique = organisation("La Fabrique")

    with pytest.raises(PermissionDenied):
        term("carrier", fabrique, "2024-01-01", recorder=treasurer)
    made = term("carrier", fabrique, "2024-01-01", recorder=steward, people=[steward])

    assert (made.created_by, list(made.people.all())) == (steward, [steward])

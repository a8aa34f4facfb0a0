"""RF creditor references: made, checked, found again in a bank statement's label."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remix.contributions.references import (
    reference_body,
    reference_find,
    reference_make,
    reference_valid,
)


def test_the_standard_example_checks():
    # The example of ISO 11649 and of the European Payments Council's guidance.
    assert reference_valid("RF18 5390 0754 7034")
    assert reference_make("539007547034") == "RF18 5390 0754 7034"
    assert not reference_valid("RF18 5390 0754 7043")  # two digits swapped
    assert not reference_valid("RF19 5390 0754 7034")


def test_a_pledge_reference_with_letters():
    reference = reference_make("RMXP000123")
    assert reference.startswith("RF") and reference_valid(reference)
    assert reference_body(reference.lower()) == "RMXP000123"
    assert reference_body("RF00 RMXP 0001 23") is None


def test_it_is_found_in_a_statement_label_whatever_surrounds_it():
    reference = reference_make("RMXP000123")
    assert reference_find(f"VIR SEPA DE AWA DIALLO {reference.lower()} DON MENSUEL") == (
        "RMXP000123"
    )
    compact = reference.replace(" ", "")
    assert reference_find(f"PRLV{compact}/ECHEANCE") == "RMXP000123"
    assert reference_find(f"VIR {compact[:4]} {compact[4:]} DON") == "RMXP000123"
    assert reference_find(f"VIR{compact}DON") == "RMXP000123"
    assert reference_find("VIR SEPA RF12 NOT A REFERENCE") is None
    assert reference_find("") is None


def test_bad_bodies_are_refused():
    for body in ("", "TOO-LONG-OR-DASHED", "A" * 22, "ÉCOLE"):
        with pytest.raises(ValueError):
            reference_make(body)


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=21))
def test_every_made_reference_checks_and_gives_its_body_back(body):
    reference = reference_make(body)
    assert reference_valid(reference)
    assert reference_body(reference) == body
    assert reference_find(f"DON {reference} MERCI") == body

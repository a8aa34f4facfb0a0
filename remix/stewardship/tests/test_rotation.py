"""The rotation rule alone: never carried first, then longest since the last term, then the
largest received-minus-given, then the name."""

import datetime

from remix.stewardship.rotation import Candidate, days_since, rotation_rank

D = datetime.date


def names(candidates):
    return [candidate.name for candidate in rotation_rank(candidates)]


def test_never_carried_comes_before_any_past_carrier():
    assert names(
        [
            Candidate(1, "La Fabrique", D(2019, 8, 31), 0),
            Candidate(2, "Les Semeurs", None, -500_00),
        ]
    ) == ["Les Semeurs", "La Fabrique"]


def test_the_longest_since_the_last_term_comes_first():
    assert names(
        [
            Candidate(1, "Université", D(2024, 6, 30), 900_00),
            Candidate(2, "La Fabrique", D(2021, 8, 31), -100_00),
            Candidate(3, "Les Communs", D(2026, 12, 10), 5_000_00),  # carries one now
        ]
    ) == ["La Fabrique", "Université", "Les Communs"]


def test_at_equal_standing_the_largest_received_minus_given_comes_first():
    assert names(
        [
            Candidate(1, "Atelier", None, -120_00),
            Candidate(2, "Numérique Solidaire", None, 14_320_00),
            Candidate(3, "Semeurs", None, 4_300_00),
            Candidate(4, "Fabrique", D(2020, 1, 1), 1_00),
            Candidate(5, "Ateliers", D(2020, 1, 1), 2_00),
        ]
    ) == ["Numérique Solidaire", "Semeurs", "Atelier", "Ateliers", "Fabrique"]


def test_then_the_name_accents_and_case_aside_then_the_key():
    assert [
        (c.name, c.key)
        for c in rotation_rank(
            [
                Candidate(9, "Zéphyr", None, 0),
                Candidate(3, "école du Pré", None, 0),
                Candidate(2, "Eau Vive", None, 0),
                Candidate(1, "Ecole du pre", None, 0),
            ]
        )
    ] == [("Eau Vive", 2), ("Ecole du pre", 1), ("école du Pré", 3), ("Zéphyr", 9)]


def test_nobody_to_rank():
    assert rotation_rank([]) == []


def test_days_since_the_last_term():
    today = D(2026, 12, 10)
    assert days_since(None, today) is None
    assert days_since(today, today) == 0
    assert days_since(D(2024, 6, 30), today) == 893

"""The public stewardship history: the page and the API read the same terms, in a fixed number
of queries."""

import datetime
import itertools

from remix.api.tests.lists import assert_list_cost_flat
from remix.core.demo import demo_load
from remix.core.tests.page_queries import page_queries_flat
from remix.stewardship.models import Term
from remix.stewardship.tests.builders import organisation, term


def test_the_history_shows_each_charge_with_its_carriers_newest_first(client, make_user):
    louise = make_user("louise")
    term("carrier", organisation("La Fabrique"), "2019-01-01", "2021-08-31")
    term(
        "carrier",
        organisation("Les Communs", "scic"),
        "2021-09-01",
        hours_per_month=30,
        money_minor=600_000,
        people=[louise],
    )

    html = client.get("/stewardship/").content.decode()

    assert html.index("Les Communs") < html.index("La Fabrique")
    assert "30 heures par mois" in html
    assert "6\u202f000,00\xa0€ par an" in html
    assert "Louise" in html
    assert "Personne n’a encore porté cette charge." in html  # moderation, never carried


def test_the_api_lists_the_terms_by_charge_then_start(client, db):
    fabrique, communs = organisation("La Fabrique"), organisation("Les Communs", "scic")
    term("carrier", fabrique, "2019-01-01", "2021-08-31")
    term("carrier", communs, "2021-09-01", money_minor=600_000)
    term("fiscal_host", fabrique, "2019-01-01")

    answer = client.get("/api/v1/stewardship/terms").json()
    carriers = client.get("/api/v1/stewardship/terms?charge=carrier").json()

    assert answer["count"] == 3
    assert [(row["charge"], row["carrier"]["name"], row["is_open"]) for row in answer["items"]] == [
        ("carrier", "La Fabrique", False),
        ("carrier", "Les Communs", True),
        ("fiscal_host", "La Fabrique", True),
    ]
    assert carriers["items"][1]["money_per_year"] == "6000.00"
    assert carriers["count"] == 2
    assert client.get("/api/v1/stewardship/terms?charge=nothing").status_code == 422


def test_the_page_costs_the_same_at_two_sizes(client, make_user):
    people = [make_user(f"p{n}") for n in range(3)]
    names = itertools.count()

    def rows(start, stop):
        for n in range(start, stop):
            carrier = organisation(f"Porteur {next(names)}")
            term("carrier", carrier, f"{2000 + n}-01-01", f"{2000 + n}-12-31", people=people)

    page_queries_flat(client, "/stewardship/", rows=rows, small=2, large=6)


def test_a_page_of_terms_costs_the_same_at_3_as_at_30(client, make_user):
    people = [make_user(f"p{n}") for n in range(3)]

    def rows(n: int) -> set[int]:
        start = Term.objects.count()
        for number in range(start, start + n):
            first = datetime.date(2000, 1, 1) + datetime.timedelta(days=31 * number)
            carrier = organisation(f"Porteur {number:02}")
            term(
                "carrier",
                carrier,
                first.isoformat(),
                (first + datetime.timedelta(days=30)).isoformat(),
                people=people,
            )
        return set(Term.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/stewardship/terms", rows=rows)


def test_the_demo_has_three_carriers_in_turn_and_one_per_charge_open(db):
    demo_load()

    carriers = Term.objects.filter(charge="carrier").order_by("start_date")
    assert [(t.carrier.legal_form, t.is_open) for t in carriers] == [
        ("association", False),
        ("public_body", False),
        ("scic", True),
    ]
    open_terms = Term.objects.filter(end_date__isnull=True).values_list("charge", flat=True)
    assert sorted(open_terms) == sorted(set(open_terms))

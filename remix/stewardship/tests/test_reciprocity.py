"""Reciprocity read from the books and the records: literal books in, literal columns out; the
page shows the table and its formula; the API and the page cost the same at two sizes."""

import datetime

from remix.api.tests.lists import assert_list_cost_flat
from remix.catalogue.tests.builders import doc
from remix.core.tests.page_queries import page_queries_flat
from remix.ledger import services as ledger
from remix.ledger.models import Fund
from remix.ledger.tests.builders import books_load
from remix.stewardship.reciprocity import reciprocity_actors, reciprocity_rows
from remix.stewardship.services import volunteer_record
from remix.stewardship.tests.builders import organisation, term

TODAY = datetime.date(2026, 12, 10)

BOOKS = """
2026-02-03 * "Cotisation annuelle" la-fabrique
  Assets:Bank:Current                 150.00 EUR
  Income:Contributions:Membership    -150.00 EUR

2026-03-01 * "Bénévolat de mars" la-fabrique
  Expenses:Volunteering                10.50 HOUR
  Income:Community:Time               -10.50 HOUR

2026-01-10 * "Serveur mis à disposition" atelier
  Expenses:In-kind                    600.00 EUR
  Income:Community:In-kind           -600.00 EUR

2026-03-24 * "Développement" les-semeurs
  Assets:Bank:Current               -2500.00 EUR
  Expenses:Development               2500.00 EUR

2026-04-01 * "Don qui ne veut pas être nommé" les-semeurs anonymous
  Assets:Bank:Current                 999.00 EUR
  Income:Contributions:Donations     -999.00 EUR

2026-04-10 * "Don en dollars canadiens" mutuelle
  Assets:Bank:Current                1000.00 CAD
  Income:Contributions:Donations    -1000.00 CAD

2026-04-12 * "Don en francs CFA" mutuelle
  Assets:Bank:Current                5000 XOF
  Income:Contributions:Donations    -5000 XOF

2026-05-01 ! "Brouillon, pas encore passé" la-fabrique
  Assets:Bank:Current                 777.00 EUR
  Income:Contributions:Donations     -777.00 EUR
"""


def _world():
    actors = {
        "la-fabrique": organisation("La Fabrique"),
        "atelier": organisation("Atelier"),
        "les-semeurs": organisation("Les Semeurs", "scop"),
        "mutuelle": organisation("Mutuelle"),
    }
    for slug, actor in actors.items():
        actor.slug = slug
        actor.save(update_fields=["slug"])
    day = datetime.date(2026, 1, 1)
    ledger.rate_record(date=day, commodity="HOUR", quote="EUR", rate="12.00")
    ledger.rate_record(date=day, commodity="CAD", quote="EUR", rate="0.66")
    books_load(BOOKS)
    fabrique, atelier = actors["la-fabrique"], actors["atelier"]
    term("carrier", fabrique, "2019-01-01", "2019-01-31", venue="La Fabrique")
    term("technical_host", atelier, "2026-12-01", hosting="Serveur mutualisé")
    term("coordination", atelier, "2027-01-01", "2027-06-30")  # to come: not counted yet
    doc("Le jardin", authors=[fabrique], contributors=[fabrique])
    doc("La grainothèque", producer=fabrique)
    doc("Caché", authors=[fabrique], hidden=True)
    return actors


def _rows():
    return {row.actor.slug: row for row in reciprocity_rows(reciprocity_actors(), today=TODAY)}


def test_what_each_organisation_gave_and_received(db):
    _world()
    organisation("Sans rien")  # gave and received nothing: not listed

    rows = _rows()

    assert list(rows) == ["atelier", "la-fabrique", "les-semeurs", "mutuelle"]
    fabrique, atelier, semeurs, mutuelle = (
        rows[s] for s in ("la-fabrique", "atelier", "les-semeurs", "mutuelle")
    )
    assert fabrique.money_given == {"EUR": 150_00}  # the draft is not counted
    assert fabrique.hours_given == 10_50
    assert fabrique.time_given_minor == 126_00  # 10.5 h at 12 €
    assert (fabrique.terms, fabrique.term_days, fabrique.venue_days) == (1, 31, 31)
    assert fabrique.documents == 2  # the hidden one aside, each once
    assert fabrique.last_term_end == datetime.date(2019, 1, 31)
    assert fabrique.balance_minor == -(150_00 + 126_00)

    assert atelier.money_given == {"EUR": 600_00}  # in kind, given, not received
    assert atelier.money_received == {}
    assert (atelier.terms, atelier.term_days, atelier.hosting_days) == (2, 10, 10)
    assert atelier.last_term_end == TODAY  # it carries a charge now

    assert semeurs.money_given == {}  # its anonymous gift is never counted
    assert semeurs.money_received == {"EUR": 2500_00}
    assert semeurs.balance_minor == 2500_00
    assert semeurs.last_term_end is None

    assert mutuelle.money_given == {"CAD": 1000_00, "XOF": 5000}
    assert mutuelle.money_given_minor == 660_00  # the CAD at 0.66; no rate for the XOF
    assert mutuelle.unvalued == {"XOF"}


def _time_declared(actor, hours, visibility):
    from remix.contributions.services import Giver, contribution_declare, contribution_validate

    declared, _new = contribution_declare(
        giver=Giver(actor=actor),
        fund=Fund.objects.get(kind="platform"),
        kind="time",
        amount=hours,
        description="Permanences",
        date=datetime.date(2026, 11, 2),
        visibility=visibility,
    )
    contribution_validate(contribution=declared)


def test_time_the_contributions_attribute_to_it_counts_unless_private(db):
    actors = _world()
    _time_declared(actors["atelier"], "4", "public")
    _time_declared(actors["atelier"], "100", "private")

    atelier = _rows()["atelier"]

    assert atelier.hours_given == 4_00
    assert atelier.time_given_minor == 48_00


def test_a_balance_transfer_between_the_platforms_accounts_is_not_received(db):
    _world()
    books_load(
        """
2026-07-01 * "Solde transféré au nouvel hôte" les-semeurs
  Assets:Cash                        2000.00 EUR
  Assets:Bank:Current               -2000.00 EUR
"""
    )

    assert _rows()["les-semeurs"].money_received == {"EUR": 2500_00}


def test_the_page_shows_the_table_and_its_formula(client, db):
    _world()

    html = client.get("/stewardship/").content.decode()

    assert "Réciprocité" in html
    assert "Comment chaque colonne est calculée" in html
    assert "2\u202f500,00\xa0€" in html  # what Les Semeurs received
    assert "10,5\xa0h" in html  # La Fabrique's hours
    assert "126,00\xa0€" in html  # and their value
    assert "sans XOF (aucun taux)" in html
    assert "Remix n’enregistre pas encore d’événements" in html  # said, not invented
    assert "A reçu : services" in html


def test_the_api_says_what_the_page_says(client, db):
    _world()

    items = {
        row["slug"]: row for row in client.get("/api/v1/stewardship/reciprocity").json()["items"]
    }

    fabrique = items["la-fabrique"]
    assert fabrique["gave"]["money"] == [{"commodity": "EUR", "amount": "150.00"}]
    assert fabrique["gave"]["hours"] == "10.50"
    assert fabrique["gave"]["time_value"] == "126.00"
    assert fabrique["received"]["documents"] == 2
    assert fabrique["balance"] == "-276.00"
    assert items["mutuelle"]["not_valued"] == ["XOF"]
    assert items["les-semeurs"]["received"]["money_value"] == "2500.00"


def _organisations_with_gifts(n, start):
    for number in range(start, start + n):
        actor = organisation(f"Donateur {number:02}")
        books_load(
            f"""
2026-02-{1 + number % 27:02} * "Cotisation" {actor.slug}
  Assets:Bank:Current                 10.00 EUR
  Income:Contributions:Membership    -10.00 EUR
"""
        )
        term("moderation", actor, f"{1990 + number}-01-01", f"{1990 + number}-06-30")
        doc(f"Document {number}", authors=[actor])
        volunteer_record(actor=actor, charge="carrier", note=f"Offre {number}")


def test_a_page_of_reciprocity_costs_the_same_at_3_as_at_30(client, db):
    made = []

    def rows(n: int) -> set[int]:
        _organisations_with_gifts(n, len(made))
        made.extend(range(n))
        return {actor.pk for actor in reciprocity_actors()}

    assert_list_cost_flat(client, "/stewardship/reciprocity", rows=rows)


def test_the_history_with_its_table_costs_the_same_at_2_and_20_organisations(client, db):
    made = []

    def rows(start, stop):
        _organisations_with_gifts(stop - start, len(made))
        made.extend(range(start, stop))

    small, large = page_queries_flat(client, "/stewardship/", rows=rows, small=2, large=20)
    assert large.count('class="suggestion-name"') == 20

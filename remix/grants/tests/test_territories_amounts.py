"""The funding search names its territories and says a one-amount range once."""

import pytest
from django.utils import translation

from remix.grants import selectors
from remix.grants.forms import SearchForm
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def territories():
    for title, territory in [
        ("Appel régional", "FR-ARA"),
        ("Appel du département", "FR-69"),
        ("Appel à Dakar", "SN"),
        ("Appel européen", "EU"),
    ]:
        builders.opportunity(title=title, territory=territory)


def test_the_search_shows_territory_names_in_french(client, territories):
    page = client.get("/funding/").content.decode()
    for name in ("Auvergne-Rhône-Alpes", "Rhône", "Sénégal", "Union européenne"):
        assert f"<dd>{name}</dd>" in page
    assert "<dd>FR-ARA</dd>" not in page


def test_the_territory_choices_are_names_sorted_in_the_reader_s_language(territories):
    with translation.override("es"):
        choices = SearchForm().fields["territory"].choices
    assert choices[1:] == [
        ("FR-ARA", "Auvergne-Rhône-Alpes"),
        ("FR-69", "Rhône"),
        ("SN", "Senegal"),
        ("EU", "Unión Europea"),
    ]


def test_a_search_by_a_named_territory_still_filters_by_its_code(client, territories):
    response = client.get("/funding/?territory=FR-69")
    titles = [row.opportunity.title for row in response.context["rows"]]
    assert titles == ["Appel du département"]


def test_a_range_of_one_amount_shows_once():
    opportunity = builders.opportunity(amount_min_minor=1000000, amount_max_minor=1000000)
    with translation.override("fr"):
        assert selectors.opportunities.opportunity_amounts(opportunity) == "10\u202f000\xa0€"


def test_a_range_of_two_amounts_shows_both():
    opportunity = builders.opportunity(amount_min_minor=500000, amount_max_minor=1000000)
    with translation.override("en"):
        assert selectors.opportunities.opportunity_amounts(opportunity) == "€5,000 – €10,000"


def test_one_amount_is_called_amount_and_a_range_amounts_on_the_card_and_the_page(client):
    builders.opportunity(title="Prix fixe", amount_min_minor=1000000, amount_max_minor=1000000)
    builders.opportunity(title="Plafond", amount_min_minor=None, amount_max_minor=800000)
    ranged = builders.opportunity(
        title="Fourchette", amount_min_minor=500000, amount_max_minor=1000000
    )
    one = builders.opportunity(title="Un seul", amount_min_minor=300000, amount_max_minor=300000)

    cards = client.get("/funding/").content.decode()
    for language, page in (
        ("fr", client.get(f"/funding/opportunities/{one.slug}/").content.decode()),
        ("es", client.get(f"/es/funding/opportunities/{one.slug}/").content.decode()),
    ):
        assert "<dt>" + {"fr": "Montant", "es": "Importe"}[language] + "</dt>" in page
    assert cards.count("<dt>Montant</dt>") == 3 and cards.count("<dt>Montants</dt>") == 1
    ranged_page = client.get(f"/funding/opportunities/{ranged.slug}/").content.decode()
    assert "<dt>Montants</dt>" in ranged_page

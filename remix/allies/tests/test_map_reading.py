"""What the map page says around the picture: the date in the page's format, the relation kinds."""

import datetime

import pytest

from conftest import module_data
from remix.allies.demo import load_network

network_world = module_data(load_network)


@pytest.fixture
def network(network_world, db):
    """The demo network, loaded once for the module."""


def test_a_day_written_the_french_way_filters_the_map_and_its_json_twin(client, network):
    french = client.get("/allies/?on=15/06/2021")
    iso = client.get("/allies/network.json?on=2021-06-15").json()

    assert french.context["on"] == datetime.date(2021, 6, 15)
    assert len(french.context["graph"]["edges"]) == len(iso["edges"]) == 23
    page = french.content.decode()
    assert 'data-src="/allies/network.json?on=2021-06-15"' in page
    assert 'value="15/06/2021"' in page and 'placeholder="jj/mm/aaaa"' in page
    assert "Relations ouvertes le 15 juin 2021." in page


def test_each_language_takes_its_own_way_of_writing_the_day(client, network):
    spanish = client.get("/es/allies/?on=15/06/2021")
    english = client.get("/en/allies/?on=2021-06-15")

    assert spanish.context["on"] == english.context["on"] == datetime.date(2021, 6, 15)
    assert 'placeholder="dd/mm/aaaa"' in spanish.content.decode()
    assert "15 de junio de 2021" in spanish.content.decode()
    assert 'placeholder="yyyy-mm-dd"' in english.content.decode()


def test_a_day_that_does_not_exist_is_said_under_the_field_and_not_applied(client, network):
    response = client.get("/allies/?on=31/02/2021&movement=commons")

    assert response.context["on"] is None
    assert response.context["form"].errors["on"]
    assert 'data-src="/allies/network.json?movement=commons"' in response.content.decode()


def test_the_legend_names_every_relation_kind_and_which_have_a_direction(client, network):
    response = client.get("/allies/")

    kinds = {code: directed for code, _label, directed in response.context["relation_kinds"]}
    assert kinds == {
        "member_of": True,
        "funds": True,
        "carries": True,
        "partner_of": False,
        "co_produces": False,
        "allied_with": False,
    }
    page = response.content.decode()
    assert 'aria-label="Types de relations sur la carte"' in page
    assert page.count('class="edge-sample"') == 6
    data = client.get("/allies/network.json").json()
    assert data["labels"]["symmetric"] == ["allied_with", "co_produces", "partner_of"]

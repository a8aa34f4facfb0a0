"""The accounts' extension point: another app adds a section to a person's activity page
without the accounts importing it."""

import pytest

from remix.accounts import hooks
from remix.core.tests.test_layers import SOURCE, imports_of

pytestmark = pytest.mark.django_db


def _their_names(user):
    if user.username == "amina":
        return None  # nothing of hers: no section
    return hooks.ActivitySection("t.html", {"name": user.username})


@pytest.fixture
def names():
    hooks.activity_section_register(_their_names)
    hooks.activity_section_register(_their_names)  # once is enough
    yield
    hooks.activity_section_unregister(_their_names)


def test_a_section_is_added_once_and_only_when_it_has_something(names, make_user):
    sections = hooks.activity_sections(make_user("yasmine"))

    assert sections.count(hooks.ActivitySection("t.html", {"name": "yasmine"})) == 1
    assert all(
        section.template != "t.html" for section in hooks.activity_sections(make_user("amina"))
    )


def test_the_stewardship_adds_its_section_from_its_app_config(make_user):
    from remix.stewardship.tests.builders import organisation, term

    amina = make_user("amina")
    assert hooks.activity_sections(amina) == []  # no term, no handover: nothing to say
    term("carrier", organisation("La Fabrique"), "2019-01-01", "2021-08-31", people=[amina])

    assert [section.template for section in hooks.activity_sections(amina)] == [
        "stewardship/_activity.html"
    ]


def test_the_accounts_import_no_app_that_adds_to_them():
    assert {
        module: apps
        for module, apps in imports_of(SOURCE / "accounts").items()
        if "stewardship" in apps
    } == {}

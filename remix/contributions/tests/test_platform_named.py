"""The platform is a thing, a project a name: « Donner à la plateforme », « ont donné à la
plateforme », never « à Plateforme »; a project's give page keeps the project's name."""

import re

import pytest

from remix.contributions.tests import builders

pytestmark = pytest.mark.django_db


def texts(page: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.decode()))


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            [
                "Donner à la plateforme",
                "Ils et elles ont donné à la plateforme",
                "Le budget ouvert de la plateforme",
            ],
        ),
        (
            "/en",
            [
                "Give to the platform",
                "They gave to the platform",
                "The open budget of the platform",
            ],
        ),
        (
            "/es",
            [
                "Donar a la plataforma",
                "Donaron a la plataforma",
                "El presupuesto abierto de la plataforma",
            ],
        ),
    ],
)
def test_the_platform_s_give_page_names_it_as_a_thing_in_every_sentence(client, prefix, said):
    slug = builders.platform().slug

    page = texts(client.get(f"{prefix}/contribute/give/{slug}/").content)
    wall = texts(client.get(f"{prefix}/contribute/wall/?fund={slug}").content)

    assert [text for text in said if text not in page] == []
    assert said[1] in wall
    assert re.findall(r"(?:à|de|to|of|a) (?:Plateforme|Platform|Plataforma)\b", page + wall) == []


def test_a_project_s_give_page_keeps_its_name(client):
    builders.fund("fiesta-2026")

    page = texts(client.get("/contribute/give/fiesta-2026/").content)

    assert "Donner à fiesta-2026" in page and "Ils et elles ont donné à fiesta-2026" in page


def test_the_books_say_a_gift_went_to_the_platform_in_the_writer_s_language(make_user):
    from django.utils import translation

    from remix.contributions.services import Giver, payment_record

    treasurer = make_user("tresoriere", roles=["treasurer"])

    def recorded(language, visibility):
        with translation.override(language):
            gift, _created = payment_record(
                amount="20",
                fund=builders.platform(),
                giver=Giver(name="Awa Diop"),
                visibility=visibility,
                recorder=treasurer,
            )
        return gift

    public, private = recorded("fr", "public"), recorded("en", "private")

    assert public.transaction.description == "Don de Awa Diop pour la plateforme"
    assert private.transaction.description == "Gift to the platform"

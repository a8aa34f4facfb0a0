"""Territory codes read as names, in the reader's language."""

import pytest
from django.utils import translation

from remix.core.territories import territory_name


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("fr", "FR-ARA", "Auvergne-Rhône-Alpes"),
        ("fr", "FR-69", "Rhône"),
        ("fr", "fr-2a", "Corse-du-Sud"),
        ("fr", "SN", "Sénégal"),
        ("en", "SN", "Senegal"),
        ("es", "FR", "Francia"),
        ("fr", "EU", "Union européenne"),
        ("es", "EU", "Unión Europea"),
        ("en", "FR-BRE", "Brittany"),
        ("es", "FR-NOR", "Normandía"),
        ("fr", "FR-NOR", "Normandie"),
        ("es", "FR-973", "Guayana Francesa"),
        ("fr", "FR-974", "La Réunion"),
    ],
)
def test_a_code_reads_as_the_name_people_use(language, code, name):
    with translation.override(language):
        assert territory_name(code) == name


def test_words_and_unknown_codes_show_as_written_and_empty_stays_empty():
    with translation.override("fr"):
        assert territory_name(" Nouvelle-Aquitaine ") == "Nouvelle-Aquitaine"
        assert territory_name("FR-ZZ") == "FR-ZZ"
        assert territory_name("") == ""

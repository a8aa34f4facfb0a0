"""French pages write French: « 1er janvier », « guillemets »; other languages keep theirs."""

import datetime

from django.template import Context, Template
from django.utils import translation

from remix.core.formats import first_of_month, quoted


def test_the_first_of_a_month_is_1er_in_french_only():
    assert first_of_month("1 janvier 2027", "fr") == "1er janvier 2027"
    assert first_of_month("samedi 1 mai 2027, 12:00", "fr") == "samedi 1er mai 2027, 12:00"
    assert first_of_month("1 janv. 2027", "fr") == "1er janv. 2027"
    assert first_of_month("le 1\u00a0juin et le 11 juin", "fr") == "le 1er\u00a0juin et le 11 juin"
    for not_a_first in ("11 janvier", "21 mars", "31 décembre", "1 octet", "2.1 mars"):
        assert first_of_month(not_a_first, "fr") == not_a_first
    assert first_of_month("1 January 2027", "en") == "1 January 2027"
    assert first_of_month("1 de enero de 2027", "es") == "1 de enero de 2027"


def test_every_template_writes_1er_through_the_date_filter():
    page = Template('{{ day|date:"DATE_FORMAT" }} · {{ other|date:"j F" }}')
    context = Context({"day": datetime.date(2027, 1, 1), "other": datetime.date(2027, 1, 11)})

    with translation.override("fr"):
        assert page.render(context) == "1er janvier 2027 · 11 janvier"
    with translation.override("en"):
        assert page.render(context) == "Jan. 1, 2027 · 11 January"


def test_quotation_marks_follow_the_language():
    with translation.override("fr"):
        assert quoted("Communs en commun") == "«\u00a0Communs en commun\u00a0»"
    with translation.override("en"):
        assert quoted("Commons in common") == "“Commons in common”"

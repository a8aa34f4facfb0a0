"""The admin names each thing for what it is, in every language."""

import re

from django.apps import apps
from django.utils import translation

from remix.ledger.models import Account, Fund


def test_every_model_name_has_its_own_translation_context():
    """A model's name never shares a translation with a verb or a label ("funds", "match")."""
    loose = []
    for model in apps.get_models():
        if not model.__module__.startswith("remix."):
            continue
        meta = model._meta.original_attrs
        for key in ("verbose_name", "verbose_name_plural"):
            if key in meta and getattr(meta[key], "_args", (None,))[0] != "model name":
                loose.append(f"{model.__name__}.{key}")
    assert loose == []


def test_funds_and_accounts_are_named_for_what_they_are():
    names = {}
    for language in ("fr", "es", "en"):
        with translation.override(language):
            names[language] = (
                str(Fund._meta.verbose_name_plural),
                str(Account._meta.verbose_name_plural),
            )

    assert names == {
        "fr": ("fonds", "comptes comptables"),
        "es": ("fondos", "cuentas contables"),
        "en": ("funds", "accounts"),
    }


def test_the_admin_home_says_what_it_is_and_no_two_sections_share_a_name(client, make_user):
    client.force_login(make_user("louise", roles=["steward"]))

    page = client.get("/admin/").content.decode()

    assert "<h1>Administration des données</h1>" in page
    assert "Portage" not in page
    sections = re.findall(r"<caption>\s*<a [^>]*>([^<]+)</a>", page)
    models = re.findall(r'<th scope="row" id="[^"]+">\s*<a [^>]*>([^<]+)</a>', page)
    assert "Personnes et accès" in sections and "Fonds" in models and "Comptes comptables" in models
    assert len(sections) == len(set(sections)) and "Comptes" not in sections + models

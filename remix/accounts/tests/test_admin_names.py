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


def test_every_section_of_the_admin_says_what_it_is_and_in_the_page_s_language(client, make_user):
    """The apps Remix installs are named for a steward, and Spanish pages never fall back to
    French (django-axes has a French catalogue and no Spanish one); the books read as the site
    calls them."""
    client.force_login(make_user("louise", roles=["steward"]))

    def names(path):
        page = client.get(path).content.decode()
        sections = re.findall(r"<caption>\s*<a [^>]*>([^<]+)</a>", page)
        models = re.findall(r'<th scope="row" id="[^"]+">\s*<a [^>]*>([^<]+)</a>', page)
        return sections, models

    french, french_models = names("/admin/")
    spanish, spanish_models = names("/es/admin/")

    assert {"Comptabilité ouverte", "Journal des connexions"} <= set(french)
    assert "Applications d’authentification" in french
    assert {"Axes", "Otp_Totp", "Comptes ouverts"}.isdisjoint(french + spanish)
    assert {"Contabilidad abierta", "Registro de inicios de sesión"} <= set(spanish)
    assert {"Intentos de acceso", "Registros de acceso", "Fallos de acceso"} <= set(spanish_models)
    assert {"Connexions", "Tentatives de connexion"} <= set(french_models)
    assert {"Connexions", "Tentatives de connexion", "Échecs de connexion"}.isdisjoint(
        spanish_models
    )

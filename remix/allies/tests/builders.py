"""Small builders for the allies tests."""

from remix.allies.services import actor_create, theme_save


def theme(code, fr=None):
    return theme_save(code=code, labels={"fr": fr or code.title(), "en": (fr or code).upper()})


def actor(name, *, movements=("ess",), kind="organisation", themes=(), **fields):
    return actor_create(name=name, kind=kind, movements=movements, themes=themes, **fields)

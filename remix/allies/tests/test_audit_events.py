"""Every write about actors, relations and themes leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads). A merge is
recorded on the MERGED theme (the one that now answers for the survivor), not on the survivor.
"""

import datetime

import pytest

from remix.allies import services
from remix.allies.tests.builders import actor, theme
from remix.core.tests.audit_rows import Rows, Scene, on

ROWS = Rows()


@ROWS.writes("allies.actor.created")
def an_actor_joins_the_map(the):
    editor = the.user("ines", "editor")
    with the.call():
        made = services.actor_create(
            name="Le Bocal", kind="collective", movements=["commons"], recorder=editor
        )
    return on(made, by=editor, name="Le Bocal", movements=["commons"])


@ROWS.writes("allies.actor.updated")
def an_actor_is_renamed(the):
    editor = the.user("ines", "editor")
    bocal = actor("Le Bocal")
    with the.call():
        services.actor_update(actor=bocal, name="Le Bocal des communs", recorder=editor)
    return on(bocal, by=editor, changes={"name": ["Le Bocal", "Le Bocal des communs"]})


@ROWS.writes("allies.relation.created")
def an_actor_funds_another(the):
    editor = the.user("ines", "editor")
    bocal, fabrique = actor("Le Bocal"), actor("La Fabrique")
    with the.call():
        relation = services.relation_create(
            source=bocal, target=fabrique, kind="funds", recorder=editor
        )
    return on(relation, by=editor, source=bocal.pk, target=fabrique.pk, kind="funds")


@ROWS.writes("allies.relation.ended")
def a_partnership_ends(the):
    editor = the.user("ines", "editor")
    relation = services.relation_create(
        source=actor("Le Bocal"), target=actor("La Fabrique"), kind="funds"
    )
    with the.call():
        services.relation_end(
            relation=relation,
            end_date=datetime.date(2026, 6, 30),
            reason="Fin de la convention",
            recorder=editor,
        )
    return on(relation, by=editor, end_date="2026-06-30", reason="Fin de la convention")


@ROWS.writes("allies.theme.created")
def a_theme_is_proposed(the):
    member = the.user("awa", "member")
    with the.call():
        made = services.theme_save(code="semences", labels={"fr": "Semences"}, recorder=member)
    return on(made, by=member, code="semences", labels={"fr": "Semences"})


@ROWS.writes("allies.theme.updated")
def a_theme_is_translated(the):
    editor = the.user("ines", "editor")
    seeds = theme("semences", "Semences")
    with the.call():
        services.theme_save(
            code="semences", labels={"fr": "Semences", "en": "Seeds"}, recorder=editor
        )
    return on(seeds, by=editor, code="semences", labels={"fr": "Semences", "en": "Seeds"})


@ROWS.writes("allies.theme.merged")
def two_themes_are_merged(the):
    editor = the.user("ines", "editor")
    seeds, grains = theme("semences", "Semences"), theme("graines", "Graines")
    with the.call():
        services.theme_merge(merged=grains, survivor=seeds, recorder=editor)
    return on(grains, by=editor, merged="graines", survivor="semences")


@ROWS.writes("allies.theme.wikidata")
def a_theme_is_linked_to_wikidata(the):
    editor = the.user("ines", "editor")
    seeds = theme("semences", "Semences")
    with the.call():
        services.theme_wikidata_set(theme=seeds, wikidata_id="q40763", recorder=editor)
    return on(seeds, by=editor, wikidata_id="Q40763")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

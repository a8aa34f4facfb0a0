"""Every write to the catalogue leaves its audit event, on the document or commons it changed.

The services build the action as ``catalogue.{document|commons}.{what}``: created, updated and
reverted by the one ``_save``, hidden and restored by ``moderate``. Each of the ten concrete
actions has a row (``remix/core/tests/audit_rows.py`` says how a row reads); the recorder is the
author or the moderator.
"""

import pytest

from remix.catalogue import services
from remix.catalogue.models import Family
from remix.core.tests.audit_rows import Rows, Scene, on

ROWS = Rows()


def document(author=None, **data):
    return services.document_create(
        author=author,
        data={
            "kind": "text",
            "title": "Le jardin partagé",
            "language": "fr",
            "licence": "CC-BY-SA-4.0",
            **data,
        },
    )


def commons(author=None, **data):
    return services.commons_create(
        author=author,
        data={"name": {"fr": "Grainothèque"}, "family": Family.objects.get(code="nature"), **data},
    )


# --- documents -----------------------------------------------------------------------------------


@ROWS.writes("catalogue.document.created")
def a_document_is_written(the):
    member = the.user("awa", "member")
    with the.call():
        made = document(author=member)
    return on(made, by=member, slug="le-jardin-partage")


@ROWS.writes("catalogue.document.updated")
def a_document_is_edited(the):
    member = the.user("awa", "member")
    made = document(body="Première version.")
    with the.call():
        services.document_update(document=made, author=member, data={"body": "Deuxième."})
    return on(made, by=member, changed=["body"])


@ROWS.writes("catalogue.document.reverted")
def a_document_goes_back_to_its_first_revision(the):
    member = the.user("awa", "member")
    made = document(body="Première version.")
    services.document_update(document=made, author=None, data={"body": "Deuxième."})
    with the.call():
        services.document_revert(document=made, author=member, number=1)
    return on(made, by=member, to=1)


@ROWS.writes("catalogue.document.hidden")
def a_document_is_hidden(the):
    editor = the.user("ines", "editor")
    made = document()
    with the.call():
        services.moderate(subject=made, moderator=editor, hide=True, reason="Publicité.")
    return on(made, by=editor, reason="Publicité.")


@ROWS.writes("catalogue.document.restored")
def a_document_is_shown_again(the):
    editor = the.user("ines", "editor")
    made = document()
    services.moderate(subject=made, moderator=None, hide=True, reason="Publicité.")
    with the.call():
        services.moderate(subject=made, moderator=editor, hide=False, reason="Erreur.")
    return on(made, by=editor, reason="Erreur.")


# --- commons -------------------------------------------------------------------------------------


@ROWS.writes("catalogue.commons.created")
def a_commons_is_described(the):
    member = the.user("awa", "member")
    with the.call():
        made = commons(author=member)
    return on(made, by=member, slug="grainotheque")


@ROWS.writes("catalogue.commons.updated")
def a_commons_is_placed_on_the_map(the):
    member = the.user("awa", "member")
    made = commons()
    with the.call():
        services.commons_update(
            commons=made, author=member, data={"latitude": "45.76", "longitude": "4.83"}
        )
    return on(made, by=member, changed=["latitude", "longitude"])


@ROWS.writes("catalogue.commons.reverted")
def a_commons_goes_back_to_its_first_revision(the):
    member = the.user("awa", "member")
    made = commons()
    services.commons_update(commons=made, author=None, data={"place": "Lyon"})
    with the.call():
        services.commons_revert(commons=made, author=member, number=1)
    return on(made, by=member, to=1)


@ROWS.writes("catalogue.commons.hidden")
def a_commons_is_hidden(the):
    editor = the.user("ines", "editor")
    made = commons()
    with the.call():
        services.moderate(subject=made, moderator=editor, hide=True, reason="Doublon.")
    return on(made, by=editor, reason="Doublon.")


@ROWS.writes("catalogue.commons.restored")
def a_commons_is_shown_again(the):
    editor = the.user("ines", "editor")
    made = commons()
    services.moderate(subject=made, moderator=None, hide=True, reason="Doublon.")
    with the.call():
        services.moderate(subject=made, moderator=editor, hide=False, reason="Pas un doublon.")
    return on(made, by=editor, reason="Pas un doublon.")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

"""Each audit action of the charter, left by its one service call."""

import pytest

from remix.charter import services
from remix.core.tests.audit_rows import Rows, Scene, on

ROWS = Rows()


@ROWS.writes("charter.version.published")
def a_steward_publishes_a_version(the):
    steward = the.user("louise", "steward")
    services.charter_publish(language="es", body="# Uno", based_on=None, author=steward)
    with the.call():
        made = services.charter_publish(
            language="es", body="# Uno\n\nDos.", based_on=1, author=steward
        )
    return on(made, by=steward, language="es", number=2)


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

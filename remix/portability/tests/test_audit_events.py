"""An export by command leaves its audit event (an import leaves none: it would be in the next
export, which must give the imported bundle's bytes again).

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.portability.export import bundle_export_recorded

ROWS = Rows()


@ROWS.writes("portability.bundle.exported")
def everything_leaves_in_one_bundle(the):
    the.media()
    with the.call():
        bundle_export_recorded(the.tmp_path / "remix.zip")
    return on(None, file="remix.zip")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

"""`remix export-bundle` and `remix import-bundle` as an operator runs them: what they say, the
export's audit event, a refusal as a command error with each reason."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from remix.core.models import AuditEvent
from remix.ledger.chart import chart_install
from remix.ledger.tests.builders import books_load
from remix.portability.tests.bundles import instance_wipe


@pytest.fixture
def books(db):
    chart_install()
    books_load(
        """
        2026-10-03 * "Don de Awa" awa-diop
          Assets:Bank:Current               50.00 EUR
          Income:Contributions:Donations   -50.00 EUR
        """
    )


def test_export_then_import_say_what_they_carried(books, tmp_path, settings):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    out = io.StringIO()
    with translation.override("en"):
        call_command("export-bundle", str(tmp_path / "b.zip"), "--no-progress", stdout=out)
    exported = AuditEvent.objects.get(action="portability.bundle.exported")
    assert exported.recorder is None and exported.data["file"] == "b.zip"
    assert f"{exported.data['rows']} rows in " in out.getvalue()

    instance_wipe()
    out = io.StringIO()
    with translation.override("en"):
        call_command("import-bundle", str(tmp_path / "b.zip"), "--no-progress", stdout=out)
    assert f"{exported.data['rows']} rows restored from " in out.getvalue()
    assert not AuditEvent.objects.filter(action="portability.bundle.exported").exists()


def test_an_import_into_an_instance_with_data_is_a_command_error(books, tmp_path, settings):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    call_command("export-bundle", str(tmp_path / "b.zip"), "--no-progress", stdout=io.StringIO())
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import-bundle", str(tmp_path / "b.zip"), "--no-progress")
    assert "nothing written" in str(refused.value) and "not empty" in str(refused.value)

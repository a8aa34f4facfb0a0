import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation

from remix.core.selfchecks import selfchecks_run


def test_a_fresh_database_passes_every_selfcheck(db):
    assert selfchecks_run() == []


@pytest.mark.no_selfchecks
def test_a_missing_role_is_reported_and_check_fails(db):
    Group.objects.filter(name="treasurer").delete()

    problems = [str(problem) for problem in selfchecks_run()]

    assert problems == ["accounts.roles: role group missing: treasurer"]
    with translation.override("en"), pytest.raises(CommandError, match="1 problem"):
        call_command("check")


def test_check_command_reports_success_in_the_active_language(db, capsys):
    call_command("check")
    with translation.override("en"):
        call_command("check")

    out = capsys.readouterr().out
    assert "aucun problème" in out
    assert "no problem" in out

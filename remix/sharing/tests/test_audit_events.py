"""Every write about revenue sharing leaves its audit event, on what it changed.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads)."""

import pytest

from remix.core.tests.audit_rows import Rows, Scene, on
from remix.sharing import selectors, services
from remix.sharing.tests.builders import PERIOD, funds, hourly_rate, standard_rule, time_given

ROWS = Rows()


@ROWS.writes("sharing.rule.created")
def a_treasurer_writes_a_rule(the):
    treasurer = the.user("mateo", "member", "treasurer")
    study, platform, commons = funds()
    with the.call():
        rule = standard_rule(study, platform, commons, recorder=treasurer)
    return on(rule, by=treasurer, slug="partage-etudes")


@ROWS.writes("sharing.rule.revised")
def a_treasurer_changes_a_rule(the):
    treasurer = the.user("mateo", "member", "treasurer")
    rule = standard_rule(*funds())
    with the.call():
        services.rule_revise(
            rule=rule, buckets=[{"base": "rest", "to": "contributors"}], recorder=treasurer
        )
    return on(rule, by=treasurer, version=2)


def _distributed(the):
    study, platform, commons = funds()
    hourly_rate()
    time_given(the.user("ana"), study, "5")
    version = selectors.rule_current(standard_rule(study, platform, commons))
    return version


@ROWS.writes("sharing.distribution.recorded")
def a_treasurer_distributes(the):
    treasurer = the.user("mateo", "member", "treasurer")
    version = _distributed(the)
    with the.call():
        made = services.distribution_record(
            version=version, amount=10_000, date=PERIOD[1], period=PERIOD, recorder=treasurer
        )
    return on(made, by=treasurer, version=version.pk, amount=10_000, parts=3)


@ROWS.writes("sharing.distribution.reversed")
def a_treasurer_reverses_a_distribution(the):
    treasurer = the.user("mateo", "member", "treasurer")
    version = _distributed(the)
    made = services.distribution_record(
        version=version, amount=10_000, date=PERIOD[1], period=PERIOD
    )
    with the.call():
        services.distribution_reverse(distribution=made, reason="Erreur", recorder=treasurer)
    return on(made, by=treasurer, reason="Erreur")


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

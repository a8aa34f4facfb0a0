import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from remix.allies.models import Actor, MeasuresRun, NetworkState, Relation
from remix.allies.selectors import measures_state, trunk_current
from remix.allies.services import actor_update, relation_create, relation_end
from remix.allies.tests.builders import actor, theme
from remix.core.models import AuditEvent

D = datetime.date


def test_an_actor_update_keeps_every_change_with_who_made_it(make_user):
    editor = make_user("camille", roles=["editor"])
    water = theme("eau")
    assembly = actor("Assemblée de l'eau", movements=["commons"])

    actor_update(
        actor=assembly,
        recorder=editor,
        circle="partner",
        themes=[water],
        movements=["commons", "ess"],
    )

    event = AuditEvent.objects.get(action="allies.actor.updated")
    assert event.recorder == editor
    assert event.data["changes"] == {
        "circle": ["friend", "partner"],
        "movements": [["commons"], ["commons", "ess"]],
        "themes": [[], ["eau"]],
    }


def test_names_are_unique_per_kind_whatever_the_case(db):
    actor("Réseau ESS")
    actor("Réseau ESS", kind="network")  # another kind is another actor

    with pytest.raises(ValidationError):
        actor("réseau ess")


def test_relations_refuse_self_links_and_a_second_open_one_of_a_kind(db):
    a, b = actor("A"), actor("B")
    relation_create(source=a, target=b, kind="member_of")

    with translation.override("en"), pytest.raises(ValidationError, match="itself"):
        relation_create(source=a, target=a, kind="partner_of")
    with translation.override("en"), pytest.raises(ValidationError, match="already have an open"):
        relation_create(source=a, target=b, kind="member_of")
    relation_create(source=b, target=a, kind="member_of")  # the other direction is another fact


def test_a_symmetric_relation_is_stored_once_whichever_way_it_is_entered(db):
    a, b = actor("A"), actor("B")
    relation_create(source=b, target=a, kind="partner_of")

    with pytest.raises(ValidationError):
        relation_create(source=a, target=b, kind="partner_of")
    relation = Relation.objects.get()
    assert (relation.source, relation.target) == (a, b)


def test_the_database_itself_refuses_what_the_services_refuse(db):
    a, b = actor("A"), actor("B")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(source=a, target=a, kind="member_of")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(source=b, target=a, kind="partner_of")  # unordered symmetric
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(source=a, target=b, kind="funds", strength=9)
    Relation.objects.create(source=a, target=b, kind="funds")
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(source=a, target=b, kind="funds")


def test_ending_a_relation_keeps_it_and_ending_twice_changes_nothing(make_user):
    editor = make_user("camille", roles=["editor"])
    a, b = actor("A"), actor("B")
    relation = relation_create(source=a, target=b, kind="funds", start_date=D(2020, 1, 1))

    relation_end(relation=relation, end_date=D(2024, 6, 30), recorder=editor, reason="fin")
    relation_end(relation=relation, end_date=D(2025, 1, 1), recorder=editor)

    relation.refresh_from_db()
    assert relation.end_date == D(2024, 6, 30)
    assert AuditEvent.objects.filter(action="allies.relation.ended").count() == 1
    with pytest.raises(ValueError, match="never deleted"):
        relation.delete()
    relation_create(source=a, target=b, kind="funds", start_date=D(2025, 1, 1))  # may reopen


def test_a_relation_cannot_end_before_it_starts(db):
    relation = relation_create(
        source=actor("A"), target=actor("B"), kind="funds", start_date=D(2020, 1, 1)
    )

    with translation.override("en"), pytest.raises(ValidationError, match="cannot end before"):
        relation_end(relation=relation, end_date=D(2019, 1, 1))


def test_each_change_bumps_the_network_and_the_measures_follow(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        a = actor("A", movements=["ess"])
        b = actor("B", movements=["commons"])
        relation_create(source=a, target=b, kind="partner_of")

    state = measures_state()
    assert state.is_fresh
    assert state.run.version == NetworkState.objects.get().version
    assert state.run.result["per_actor"][str(a.pk)][0] == 1  # degree
    assert state.run.result["crossing_share"] == 1.0
    # The three changes committed together: one computation, for the last version.
    assert MeasuresRun.objects.filter(status="done").count() == 1


def test_the_measures_job_is_safe_to_run_again_and_after_a_crash(db):
    from remix.allies.tasks import measures_compute

    actor("A")
    version = NetworkState.objects.get().version
    MeasuresRun.objects.create(version=version, status="running", progress=40)  # a crashed run

    measures_compute.call(version=version)
    measures_compute.call(version=version)

    run = MeasuresRun.objects.get(version=version)
    assert (run.status, run.progress, run.result["actors"]) == ("done", 100, 1)


def test_the_trunk_is_cached_until_the_network_changes(db, django_assert_num_queries):
    shared = theme("partage")
    actor("E", movements=["ess"], themes=[shared])
    actor("C", movements=["commons"], themes=[shared])
    trunk_current()

    with django_assert_num_queries(1):  # the version only
        assert [t.theme for t in trunk_current().themes] == [shared.pk]
    actor_update(actor=Actor.objects.get(name="C"), themes=[])
    assert trunk_current().themes == []


def test_a_database_made_anew_never_gets_the_cached_trunk_of_another(db):
    shared = theme("partage")
    actor("E", movements=["ess"], themes=[shared])
    actor("C", movements=["commons"], themes=[shared])
    assert trunk_current().themes
    version = NetworkState.objects.get().version

    # Another database at the same version number, say a restored backup with no actors.
    Actor.objects.all().delete()
    NetworkState.objects.all().delete()
    NetworkState.objects.create(pk=1, version=version)

    assert trunk_current().themes == []


def test_many_changes_in_one_commit_queue_one_computation(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for name in "ABCDE":
            actor(name)

    assert list(MeasuresRun.objects.values_list("version", "status")) == [
        (NetworkState.objects.get().version, "done")
    ]


def test_a_queued_run_for_an_old_version_gives_way_to_the_newer_one(db):
    from remix.allies.tasks import measures_compute

    actor("A")
    old = NetworkState.objects.get().version
    MeasuresRun.objects.create(version=old)
    actor("B")
    MeasuresRun.objects.create(version=old + 1)

    assert measures_compute.call(version=old) == "superseded"
    assert measures_compute.call(version=old + 1) == "done"
    assert measures_state().run.version == old + 1

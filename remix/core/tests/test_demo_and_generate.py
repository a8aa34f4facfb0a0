from django.contrib.auth.models import Group
from django.core.management import call_command

from remix.accounts.models import User
from remix.allies.models import Relation
from remix.core.demo import demo_is_needed, demo_load
from remix.core.generate import scale_generate


def _snapshot():
    return sorted(
        (user.username, user.display_name, tuple(sorted(g.name for g in user.groups.all())))
        for user in User.objects.prefetch_related("groups")
    )


def test_demo_loads_one_person_per_role_and_is_idempotent(db):
    assert demo_is_needed()

    demo_load()
    first = _snapshot()
    demo_load()

    assert _snapshot() == first
    assert not demo_is_needed()
    roles_held = {role for _u, _d, roles in first for role in roles}
    assert roles_held == {"member", "editor", "treasurer", "steward"}


def test_demo_if_empty_leaves_a_used_database_alone(make_user, capsys):
    make_user("someone")

    call_command("demo", "--if-empty")

    assert "not loaded" in capsys.readouterr().out
    assert not User.objects.filter(username="amina").exists()


def test_scale_generator_is_seeded_and_adds_members(db):
    created = scale_generate(scale="small", seed=7, log=lambda _line: None)
    names = list(User.objects.order_by("username").values_list("display_name", flat=True))

    assert created["accounts.users"] == 50
    assert Group.objects.get(name="member").user_set.count() == 50
    assert created["allies.network"] == 200
    assert Relation.objects.count() == 1_000
    User.objects.all().delete()
    scale_generate(scale="small", seed=7, log=lambda _line: None)
    assert list(User.objects.order_by("username").values_list("display_name", flat=True)) == names

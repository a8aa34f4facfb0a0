"""The open-data policy classifies every model and every field: a model or a field added later
is refused until someone decides whether it is public."""

import dataclasses

from remix.portability import entities
from remix.portability.open_policy import POLICY, Private, Public, policy_problems


def test_every_carried_model_and_field_is_classified():
    assert policy_problems(entities.carried_models()) == []


def test_a_field_the_policy_does_not_know_is_a_problem():
    policy = dict(POLICY)
    actor = policy["allies.actor"]
    policy["allies.actor"] = dataclasses.replace(
        actor, withheld=tuple(f for f in actor.withheld if f != "email")
    )
    del policy["funding.taxreceipt"]

    problems = policy_problems(entities.carried_models(), policy)

    assert problems == [
        "allies.actor.email: not classified",
        "funding.taxreceipt: neither public nor private",
    ]


def test_a_model_the_policy_names_but_the_code_has_not_is_a_problem():
    policy = POLICY | {"catalogue.gone": Private("gone")}

    assert policy_problems(entities.carried_models(), policy) == [
        "catalogue.gone: not a carried model"
    ]


def test_publishing_a_persons_account_is_a_problem():
    policy = dict(POLICY)
    term = policy["stewardship.term"]
    policy["stewardship.term"] = dataclasses.replace(
        term, fields=(*term.fields, "created_by_id"), withheld=()
    )

    assert policy_problems(entities.carried_models(), policy) == [
        "stewardship.term.created_by_id: names a person's account"
    ]


def test_the_private_kinds_the_issue_names_are_private():
    private = {name for name, rule in POLICY.items() if isinstance(rule, Private)}
    assert {
        "accounts.user",
        "accounts.apitoken",
        "core.auditevent",
        "funding.taxreceipt",
        "ledger.attachment",
        "ledger.bankimport",
        "otp_totp.totpdevice",
        "grants.calendartoken",
    } <= private
    actor, gift = POLICY["allies.actor"], POLICY["funding.contribution"]
    assert isinstance(actor, Public) and {"email", "phone"} <= set(actor.withheld)
    assert "user_id" in gift.withheld and {"name", "actor_id"} <= set(gift.masked)
    assert "reference" in POLICY["ledger.transaction"].withheld


def test_a_model_the_policy_does_not_know_is_left_out_of_the_dump(monkeypatch):
    from remix.allies.models import Actor
    from remix.portability import opendata

    monkeypatch.delitem(opendata.POLICY, "allies.actor")

    assert opendata.open_table(Actor) is None

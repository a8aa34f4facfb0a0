"""What a write names (a fund, a person) is looked up by one rule, the same for every app's API."""

import pytest
from django.core.exceptions import ValidationError

from remix.accounts.models import Role
from remix.accounts.services import role_revoke
from remix.api.common import actor_by_slug, amount_text, fund_by_slug, member_by_username
from remix.ledger.tests.builders import fund_project

pytestmark = pytest.mark.django_db


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_person_named_is_an_active_member_anyone_else_reads_as_unknown(make_user):
    awa = make_user("awa")
    assert member_by_username("awa", "owner") == awa
    unknown = {"owner": ["Membre inconnu : nobody."]}
    assert refusal(lambda: member_by_username("nobody", "owner")) == unknown
    role_revoke(user=awa, role=Role.MEMBER, recorder=None)  # signed up, no longer a member
    assert refusal(lambda: member_by_username("awa", "owner")) == {
        "owner": ["Membre inconnu : awa."]
    }
    make_user("parti").__class__.objects.filter(username="parti").update(is_active=False)
    assert "user" in refusal(lambda: member_by_username("parti"))


def test_a_fund_is_named_by_its_slug_and_amounts_are_decimal_strings():
    fund = fund_project("fiesta-2026")
    assert fund_by_slug("fiesta-2026") == fund
    assert refusal(lambda: fund_by_slug("nowhere", "to_fund")) == {
        "to_fund": ["Fonds inconnu : nowhere."]
    }
    assert (amount_text(1250, "EUR"), amount_text(5, "JPY"), amount_text(None, "EUR")) == (
        "12.50",
        "5",
        None,
    )


def test_an_actor_is_named_by_its_slug_on_the_field_that_names_it():
    from remix.allies.services import actor_create

    actor = actor_create(name="Fondation Terre", kind="organisation")
    assert actor_by_slug(actor.slug, "funder") == actor
    assert refusal(lambda: actor_by_slug("nobody", "counterparty")) == {
        "counterparty": ["Acteur inconnu : nobody."]
    }

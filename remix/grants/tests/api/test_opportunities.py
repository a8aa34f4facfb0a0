"""The funding search's API: the opportunities, public to read, added by members."""

import datetime

import pytest
from django.utils import timezone

from remix.allies.models import Actor, Theme
from remix.core.models import AuditEvent
from remix.grants.models import Funder, Opportunity
from remix.grants.tests import builders
from remix.grants.tests.api.calls import (
    API,
    EN,
    get,
    ids,
    post,
    refusal,
)

pytestmark = pytest.mark.django_db


def test_opportunities_are_public_soonest_deadline_first_with_funder_amounts_rules_and_dates(
    client,
):
    theme = Theme.objects.create(code="numerique", labels={"fr": "Numérique", "en": "Digital"})
    fiesta = builders.fund()
    later = builders.opportunity(title="Fondation des communs", days=60)
    rolling = builders.opportunity(title="Mécénat au fil de l'eau", deadline=None)
    soon = builders.opportunity(
        title="Appel ESS 2027",
        days=10,
        amount_min_minor=500000,
        amount_max_minor=2000000,
        territory="Auvergne-Rhône-Alpes",
        beneficiary_types=["association", "scic"],
        volunteer_time_counts=True,
        themes=[theme],
        funds=[fiesta],
        opens_on=datetime.date(2026, 9, 1),
    )

    listed = get(client, "/opportunities", **EN)

    assert ids(listed) == [soon.pk, later.pk, rolling.pk]  # no deadline: last
    first = listed.json()["items"][0]
    assert first["funder"] == {
        "id": soon.funder.pk,
        "actor": "région-auvergne-rhône-alpes",
        "name": "Région Auvergne-Rhône-Alpes",
        "kind": "local_authority",
        "public": True,
    }
    assert (first["commodity"], first["amount_min"], first["amount_max"]) == (
        "EUR",
        "5000.00",
        "20000.00",
    )
    assert first["amount_typical"] is None
    assert first["rules"] == {
        "max_share": "0.6",
        "withheld_share": "0.2",
        "volunteer_time_counts": True,
    }
    assert first["eligibility"] == {
        "beneficiary_types": ["association", "scic"],
        "territory": "Auvergne-Rhône-Alpes",
    }
    assert first["themes"] == [{"code": "numerique", "label": "Digital"}]
    assert first["funds"] == [{"slug": "fiesta-2026", "label": "fiesta-2026"}]
    assert first["opens_on"] == "2026-09-01" and first["open"] is True
    deadline = datetime.datetime.fromisoformat(first["deadline"])
    assert abs(deadline - soon.deadline) < datetime.timedelta(milliseconds=1)  # JSON keeps ms
    assert first["deadline"].endswith(("+01:00", "+02:00"))  # Paris time, with its offset
    one = get(client, f"/opportunities/{soon.pk}", **EN)
    assert one.status_code == 200 and one.json() == first
    assert get(client, "/opportunities/999999", **EN).status_code == 404


def test_opportunities_filter_by_kind_funder_territory_theme_fund_deadline_and_open(client):
    theme = Theme.objects.create(code="ess", labels={"fr": "ESS"})
    foundation = builders.funder("Fondation Abeille", kind="foundation")
    fiesta = builders.fund()
    region = builders.opportunity(
        title="Région", days=20, territory="FR", themes=[theme], funds=[fiesta]
    )
    prize = builders.opportunity(title="Prix", days=40, kind="prize", funder=foundation)
    past = builders.opportunity(title="Passé", days=-3, territory="fr")
    day = timezone.localdate() + datetime.timedelta(days=20)

    def found(**query):
        return ids(client.get(f"{API}/opportunities", query))

    assert found(kind="prize") == [prize.pk]
    assert found(funder_kind="foundation") == [prize.pk]
    # Any case; those open anywhere fit every territory, as on the search page.
    assert found(territory="FR") == [past.pk, region.pk, prize.pk]
    assert found(territory="SN") == [prize.pk]
    assert found(theme="ess") == [region.pk]
    assert found(fund="fiesta-2026") == [region.pk]
    assert found(deadline_after=day.isoformat()) == [region.pk, prize.pk]
    assert found(deadline_before=day.isoformat()) == [past.pk, region.pk]
    assert found(deadline_after=day.isoformat(), deadline_before=day.isoformat()) == [region.pk]
    assert found(open="true") == [region.pk, prize.pk]
    assert found(open="false") == [past.pk]
    unknown = client.get(f"{API}/opportunities", {"fund": "nope", "theme": "ess"}, **EN)
    assert refusal(unknown) == {"fund": "Unknown fund: nope."}
    assert refusal(client.get(f"{API}/opportunities", {"theme": "nope"}, **EN)) == {
        "theme": "Unknown theme: nope."
    }
    assert refusal(client.get(f"{API}/opportunities", {"kind": "lottery"}, **EN)) == {
        "kind": "This value is not one of the allowed choices."
    }


OPPORTUNITY = {
    "funder": "fondation-abeille",
    "funder_kind": "foundation",
    "title": "Appel à communs numériques 2027",
    "url": "https://example.org/appel",
    "kind": "call_commons",
    "amount_min": "5000",
    "amount_max": "20000.00",
    "max_share": "0.6",
    "withheld_share": "0.2",
    "volunteer_time_counts": True,
    "beneficiary_types": ["association"],
    "territory": "FR",
    "themes": ["numerique"],
    "funds": ["fiesta-2026"],
    "deadline": "2027-03-15T12:00:00+01:00",
    "decision_on": "2027-05-30",
    "recurrence": "yearly",
    "notes": "Un **dossier** court.",
}


@pytest.fixture
def abeille():
    Theme.objects.create(code="numerique", labels={"fr": "Numérique"})
    builders.fund()
    return Actor.objects.create(name="Fondation Abeille", slug="fondation-abeille", kind="funder")


def test_a_member_adds_an_opportunity_and_an_actor_becomes_its_funder(client, member, abeille):
    user, token = member

    created = post(client, "/opportunities", OPPORTUNITY, **token)
    again = post(
        client,
        "/opportunities",
        {**OPPORTUNITY, "funder_kind": None, "title": "Appel 2028"},
        **token,
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["slug"] == "appel-a-communs-numeriques-2027"
    assert body["funder"]["kind"] == "foundation" and body["funder"]["public"] is False
    assert (body["amount_min"], body["amount_max"]) == ("5000.00", "20000.00")
    assert body["rules"]["max_share"] == "0.6" and body["recurrence"] == "yearly"
    assert body["themes"][0]["code"] == "numerique" and body["funds"][0]["slug"] == "fiesta-2026"
    assert datetime.datetime.fromisoformat(body["deadline"]) == datetime.datetime(
        2027, 3, 15, 11, tzinfo=datetime.UTC
    )
    assert again.status_code == 201, again.content  # the actor is a funder now: no kind needed
    assert Funder.objects.get().kind == "foundation"
    saved = Opportunity.objects.get(pk=body["id"])
    assert (saved.amount_min_minor, saved.created_by) == (500000, user)
    assert (
        AuditEvent.objects.filter(action="grants.opportunity.created", recorder=user).count() == 2
    )


def test_opportunity_writes_are_refused_without_token_role_or_good_fields(
    client, member, visitor, abeille
):
    _user, token = member

    def refused(**change):
        return refusal(post(client, "/opportunities", {**OPPORTUNITY, **change}, **token, **EN))

    no_token = post(client, "/opportunities", OPPORTUNITY, **EN)
    no_role = post(client, "/opportunities", OPPORTUNITY, **visitor, **EN)

    assert no_token.status_code == 401 and no_token["WWW-Authenticate"] == "Bearer"
    assert no_role.status_code == 403
    assert no_role.json()["error"]["message"] == "You are not allowed to do this."
    assert refused(funder="nobody") == {"funder": "Unknown actor: nobody."}
    assert refused(funder_kind=None) == {
        "funder_kind": "Say what kind of funder Fondation Abeille is."
    }
    assert refused(amount_min="5000,50") == {"amount_min": "A number is expected."}
    assert refused(amount_min="12.345") == {
        "amount_min": "12.345 is not an amount in EUR (at most 2 decimals)."
    }
    assert refused(amount_min="30000") == {"amount_max": "The maximum is below the minimum."}
    assert refused(commodity="ZZZ") == {"commodity": "Unknown currency: ZZZ."}
    assert refused(commodity="HOUR") == {"commodity": "This text is too long."}
    assert refused(max_share="1.5") == {"max_share": "A share above 0 and at most 1: 0.6 for 60 %."}
    assert refused(themes=["nope"]) == {"themes": "Unknown theme: nope."}
    assert refused(funds=["nope"]) == {"funds": "Unknown fund: nope."}
    assert refused(title="") == {"title": "This text is too short."}
    assert refused(kind="lottery") == {"kind": "This value is not one of the allowed choices."}
    assert not Opportunity.objects.exists() and not Funder.objects.exists()

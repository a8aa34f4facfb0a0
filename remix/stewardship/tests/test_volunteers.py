"""Volunteering for a charge's next term: recorded and withdrawn by a steward, once per charge
at a time, and ranked on the history page by the rotation rule."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from remix.allies.services import actor_create
from remix.core.demo import demo_load
from remix.ledger.tests.builders import books_load
from remix.stewardship import services
from remix.stewardship.models import Volunteer
from remix.stewardship.selectors import rotation_suggestions
from remix.stewardship.tests.builders import organisation, term


def test_an_offer_is_recorded_once_per_charge_until_withdrawn(make_user):
    louise = make_user("louise", roles=["steward"])
    semeurs = organisation("Les Semeurs", "scop")

    offer = services.volunteer_record(actor=semeurs, charge="carrier", recorder=louise)
    with pytest.raises(ValidationError) as refused:
        services.volunteer_record(actor=semeurs, charge="carrier", recorder=louise)
    services.volunteer_record(actor=semeurs, charge="moderation", recorder=louise)
    services.volunteer_withdraw(volunteer=offer, recorder=louise)
    again = services.volunteer_record(actor=semeurs, charge="carrier", note="  Oui  ")

    assert "Les Semeurs est déjà volontaire pour cette charge." in refused.value.messages
    offer.refresh_from_db()
    assert offer.withdrawn_by == louise and offer.withdrawn_at is not None
    assert again.note == "Oui"
    assert Volunteer.objects.filter(withdrawn_at__isnull=True).count() == 2
    with pytest.raises(ValidationError):
        services.volunteer_withdraw(volunteer=offer, recorder=louise)


def test_the_database_holds_one_open_offer_per_organisation_and_charge(db):
    semeurs = organisation("Les Semeurs", "scop")
    Volunteer.objects.create(actor=semeurs, charge="carrier")
    with pytest.raises(IntegrityError), transaction.atomic():
        Volunteer.objects.create(actor=semeurs, charge="carrier")


def test_a_person_or_an_unknown_charge_is_refused(db):
    person = actor_create(name="Awa Diop", kind="person")
    with pytest.raises(ValidationError) as refused:
        services.volunteer_record(actor=person, charge="nothing")
    assert set(refused.value.message_dict) == {"actor", "charge"}


def test_only_a_steward_records_or_withdraws(make_user):
    camille = make_user("camille", roles=["editor"])
    offer = services.volunteer_record(actor=organisation("Les Semeurs"), charge="carrier")
    with pytest.raises(PermissionDenied):
        services.volunteer_record(actor=organisation("Autre"), charge="carrier", recorder=camille)
    with pytest.raises(PermissionDenied):
        services.volunteer_withdraw(volunteer=offer, recorder=camille)


def _candidates():
    fabrique, semeurs, numerique = (
        organisation("La Fabrique"),
        organisation("Les Semeurs", "scop"),
        organisation("Numérique Solidaire", "scic"),
    )
    term("carrier", fabrique, "2019-01-01", "2021-08-31")
    for actor, slug in ((semeurs, "les-semeurs"), (numerique, "numerique")):
        actor.slug = slug
        actor.save(update_fields=["slug"])
    books_load(
        """
2026-03-24 * "Développement" numerique
  Assets:Bank:Current               -2500.00 EUR
  Expenses:Development               2500.00 EUR

2026-02-05 * "Cotisation" les-semeurs
  Assets:Bank:Current                 150.00 EUR
  Income:Contributions:Membership    -150.00 EUR
"""
    )
    for actor in (fabrique, semeurs, numerique):
        services.volunteer_record(actor=actor, charge="carrier", note=f"Note de {actor.name}")
    return fabrique, semeurs, numerique


def test_the_suggestion_ranks_the_volunteers_by_the_rule(db):
    _candidates()

    (carrier,) = rotation_suggestions(today=datetime.date(2026, 12, 10))

    assert carrier.charge == "carrier"
    assert [
        (item.volunteer.actor.name, item.days_since_last_term, item.reciprocity.balance_minor)
        for item in carrier.ranked
    ] == [
        ("Numérique Solidaire", None, 2500_00),
        ("Les Semeurs", None, -150_00),
        ("La Fabrique", 1927, 0),
    ]


def test_the_history_shows_the_suggestion_and_its_rule(client, db):
    _candidates()

    html = client.get("/stewardship/").content.decode()

    assert "Volontaires pour le prochain mandat" in html
    assert "d’abord celles qui n’ont jamais porté aucune charge" in html
    ranked = [html.index(name) for name in ("Note de Numérique", "Note de Les Semeurs")]
    assert ranked == sorted(ranked)
    assert "Dernier mandat terminé le 31 août 2021" in html
    assert "Retirer l’offre" not in html  # anonymous: no form


def test_a_steward_records_and_withdraws_through_the_pages(client, make_user):
    louise = make_user("louise", roles=["steward"])
    semeurs = organisation("Les Semeurs", "scop")
    client.force_login(louise)

    form = client.get("/stewardship/volunteers/new/?charge=moderation")
    answer = client.post(
        "/stewardship/volunteers/new/",
        {"actor": semeurs.pk, "charge": "moderation", "note": "Deux personnes"},
    )
    again = client.post(
        "/stewardship/volunteers/new/", {"actor": semeurs.pk, "charge": "moderation"}
    )
    offer = Volunteer.objects.get()
    page = client.get("/stewardship/").content.decode()
    withdrawn = client.post(f"/stewardship/volunteers/{offer.pk}/withdraw/")

    assert 'value="moderation" selected' in form.content.decode()
    assert answer.status_code == 302 and answer.url == "/stewardship/#suggestion-moderation"
    assert "Les Semeurs est déjà volontaire pour cette charge." in again.content.decode()
    assert offer.recorded_by == louise and offer.note == "Deux personnes"
    assert "Retirer l’offre de Les Semeurs" in page
    assert withdrawn.status_code == 302
    offer.refresh_from_db()
    assert not offer.is_active


def test_the_demo_suggests_a_carrier_among_three_volunteers(db):
    demo_load()

    (carrier,) = rotation_suggestions()

    assert carrier.charge == "carrier"
    names = [item.volunteer.actor.name for item in carrier.ranked]
    assert sorted(names) == [
        "Coopérative Numérique Solidaire",
        "SCOP Les Semeurs",
        "Tiers-lieu La Fabrique",
    ]
    assert names[-1] == "Tiers-lieu La Fabrique"  # the only one that carried a charge before
    fabrique = carrier.ranked[-1].reciprocity
    assert fabrique.hours_given == 24_00  # its volunteer time, declared as an organisation
    assert fabrique.time_given_minor == 288_00  # at the demo's 12 € an hour

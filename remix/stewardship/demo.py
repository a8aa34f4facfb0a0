"""The demo's stewardship: the platform carried by an association, then a university programme,
then a cooperative, with the fiscal, technical, coordination and moderation charges beside, and
three organisations volunteering for the carrier's next term, and the fiscal hosts' bank
accounts."""

import datetime

from django.utils import timezone

from remix.accounts.models import User
from remix.allies.models import Actor
from remix.allies.services import actor_create
from remix.contributions.services import Giver, contribution_declare, contribution_validate
from remix.core.demo import demo_loader
from remix.core.permissions import can_record_volunteer
from remix.ledger.models import Account, BankAccount, Fund
from remix.ledger.services import account_create, bank_account_record
from remix.stewardship.models import Handover, Step, Term, Volunteer
from remix.stewardship.services import (
    handover_propose,
    handover_step,
    term_open,
    volunteer_record,
)

UNIVERSITY = "Programme Communs et ESS, Université Lumière Lyon 2"

# charge, carrier, from, until, hours per month, money per year (minor units), hosting, venue,
# the demo users acting for it
TERMS = [
    (
        "carrier",
        "Tiers-lieu La Fabrique",
        "2019-01-01",
        "2021-08-31",
        20,
        0,
        "",
        "La Fabrique",
        ["camille"],
    ),
    (
        "carrier",
        UNIVERSITY,
        "2021-09-01",
        "2024-06-30",
        40,
        1_200_000,
        "",
        "Campus Berges du Rhône",
        ["amina"],
    ),
    ("carrier", "Coopérative des Communs", "2024-07-01", None, 30, 600_000, "", "", ["louise"]),
    (
        "fiscal_host",
        "Tiers-lieu La Fabrique",
        "2019-01-01",
        "2024-06-30",
        4,
        0,
        "",
        "",
        ["camille"],
    ),
    (
        "fiscal_host",
        "Coopérative des Communs",
        "2024-07-01",
        None,
        6,
        0,
        "",
        "",
        ["louise", "mateo"],
    ),
    (
        "technical_host",
        "Atelier du Logiciel Libre de Lyon",
        "2019-01-01",
        None,
        8,
        0,
        "Serveur mutualisé, sauvegardes quotidiennes",
        "",
        ["louise"],
    ),
    ("coordination", UNIVERSITY, "2021-09-01", "2024-06-30", 60, 0, "", "", ["amina"]),
    ("coordination", "Coopérative des Communs", "2024-07-01", None, 40, 0, "", "", ["louise"]),
    ("moderation", "Wiki des Communs", "2022-03-01", None, 10, 0, "", "", []),
]


@demo_loader(order=60, name="stewardship: three carriers in turn and the other charges")
def load_terms() -> None:
    if Term.objects.exists():
        return  # loaded already, or recorded by a steward
    university = Actor.objects.filter(name=UNIVERSITY).first() or actor_create(
        name=UNIVERSITY,
        kind="organisation",
        legal_form="public_body",
        country="FR",
        movements=["commons", "ess"],
        description={"fr": "Programme de recherche-action sur les communs et l'ESS."},
        languages=["fr"],
        source="demo",
    )
    carriers = {actor.name: actor for actor in Actor.objects.filter(source="demo")}
    carriers[UNIVERSITY] = university
    users = {user.username: user for user in User.objects.all()}
    for charge, name, start, end, hours, money, hosting, venue, people in TERMS:
        term_open(
            charge=charge,
            carrier=carriers[name],
            start_date=datetime.date.fromisoformat(start),
            end_date=datetime.date.fromisoformat(end) if end else None,
            hours_per_month=hours,
            money_minor=money,
            hosting=hosting,
            venue=venue,
            people=[users[username] for username in people if username in users],
        )


# The fiscal hosts' bank accounts: La Fabrique's until it handed the charge over, then the
# Coopérative's, the chart's current account, where the books' money and new gifts sit.
# code, its name, holder, IBAN, BIC, the holder's address, from, until
BANK_ACCOUNTS = [
    (
        "Assets:Bank:LaFabrique",
        "Compte de La Fabrique (Crédit Mutuel)",
        "Tiers-lieu La Fabrique",
        "FR2510278073000002019870117",
        "CMCIFR2A",
        "12 rue des Tanneurs\n69007 Lyon",
        "2019-01-01",
        "2024-06-30",
    ),
    (
        "Assets:Bank:Current",
        "",
        "Coopérative des Communs",
        "FR7342559100000123456789012",
        "CCOPFRPP",
        "5 place des Communs\n69001 Lyon",
        "2024-07-01",
        None,
    ),
]


@demo_loader(order=63, name="stewardship: the fiscal hosts' bank accounts in turn")
def load_bank_accounts() -> None:
    if BankAccount.objects.exists():
        return
    holders = {actor.name: actor for actor in Actor.objects.filter(source="demo")}
    for code, name, holder, iban, bic, address, start, end in BANK_ACCOUNTS:
        if holder not in holders:
            return  # the demo network is not loaded
        account = Account.objects.filter(code=code).first() or account_create(
            code=code, name={"fr": name}, is_cash=True
        )
        bank_account_record(
            account=account,
            holder=holders[holder],
            iban=iban,
            bic=bic,
            holder_address=address,
            held_from=datetime.date.fromisoformat(start),
            held_until=datetime.date.fromisoformat(end) if end else None,
        )


@demo_loader(order=61, name="stewardship: a handover of the technical hosting under way")
def load_handover() -> None:
    if Handover.objects.exists():
        return
    hosting = Term.objects.filter(charge="technical_host", end_date__isnull=True).first()
    incoming = Actor.objects.filter(name="Coopérative Numérique Solidaire").first()
    camille = User.objects.filter(username="camille").first()
    if hosting is None or incoming is None or camille is None:
        return  # the demo network is not loaded
    handover = handover_propose(
        term=hosting,
        incoming=incoming,
        effective_date=datetime.date(2027, 1, 1),
        incoming_people=[camille],
        hours_per_month=12,
        hosting="Serveurs de la coopérative, sauvegardes hors site",
    )
    handover_step(handover=handover, step=Step.ACCEPTED)


# Who volunteers for the carrier's next term, and what they said: one that carried charges
# before, two that never did (one the platform paid for work, one that pays a membership).
VOLUNTEERS = [
    ("Tiers-lieu La Fabrique", "carrier", "Prête à reprendre, avec la salle du rez-de-chaussée."),
    ("SCOP Les Semeurs", "carrier", "Deux sociétaires volontaires, quatre heures par semaine."),
    ("Coopérative Numérique Solidaire", "carrier", "Après la reprise de l'hébergement technique."),
]


@demo_loader(order=62, name="stewardship: volunteers for the carrier's next term")
def load_volunteers() -> None:
    if Volunteer.objects.exists():
        return
    louise = User.objects.filter(username="louise").first()
    recorder = louise if louise is not None and can_record_volunteer(louise) else None
    actors = {actor.name: actor for actor in Actor.objects.filter(source="demo")}
    for name, charge, note in VOLUNTEERS:
        if name in actors:
            volunteer_record(actor=actors[name], charge=charge, note=note, recorder=recorder)
    if "Tiers-lieu La Fabrique" in actors:
        _fabrique_time(actors["Tiers-lieu La Fabrique"])


def _fabrique_time(fabrique) -> None:
    """The volunteer time La Fabrique gave as an organisation: the reciprocity values it."""
    platform = Fund.objects.filter(kind="platform").first()
    if platform is None:
        return  # the books are not loaded
    declared, _new = contribution_declare(
        giver=Giver(actor=fabrique),
        fund=platform,
        kind="time",
        amount="24",
        date=timezone.localdate() - datetime.timedelta(days=20),
        description="Permanences d'accueil des nouveaux contributeurs",
        external_key="demo:stewardship:fabrique-time",
    )
    contribution_validate(contribution=declared)

"""The demo's funding search: a dozen illustrative opportunities (a francophone digital fund,
foundations, a region's social-economy call, a call for commons…) and applications at every stage,
one granted and partly paid, its withheld share still owed.

Funders and amounts are invented for the demo; dates follow today's.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from remix.accounts.models import User
from remix.allies.models import Actor, Theme
from remix.core.demo import demo_loader
from remix.grants.models import Application, Opportunity
from remix.grants.services.applications import (
    application_create,
    application_stage,
    application_update,
    plan_set,
    task_add,
)
from remix.grants.services.opportunities import funder_set, opportunity_save
from remix.grants.services.payments import grant_payment_record, report_accept
from remix.ledger.models import Fund

NOTE = "Appel illustratif : ce sont des données de démonstration."

FUNDERS = {
    # name: (actor kind, funder kind, country)
    "Fonds francophone pour le numérique": ("funder", "international", "CA"),
    "Fondation pour l'Innovation Sociale": ("funder", "foundation", "FR"),
    "Fondation des Semences Libres": ("funder", "foundation", "FR"),
    "Région Auvergne-Rhône-Alpes": ("public_authority", "local_authority", "FR"),
    "Ville de Lyon": ("public_authority", "local_authority", "FR"),
    "Région Dakar": ("public_authority", "local_authority", "SN"),
    "Agence nationale des tiers-lieux": ("public_authority", "state_agency", "FR"),
    "Programme européen Communs numériques": ("public_authority", "european", "BE"),
    "Mécénat Coopératif du Rhône": ("enterprise", "company", "FR"),
    "Plateforme Communs Participatifs": ("enterprise", "crowdfunding", "FR"),
}

# (slug, funder, title, kind, (min, max, typical), max_share, withheld, volunteer counts,
#  territory, themes, deadline in days, recurrence)
OPPORTUNITIES = [
    (
        "fonds-francophone-numerique",
        "Fonds francophone pour le numérique",
        "Fonds francophone pour les communs numériques",
        "grant",
        ("5000", "40000", "15000"),
        "0.8",
        "0.2",
        True,
        "",
        ["communs-numeriques", "logiciel-libre"],
        45,
        "yearly",
    ),
    (
        "aura-ess-2027",
        "Région Auvergne-Rhône-Alpes",
        "Appel à projets ESS et coopérations territoriales 2027",
        "call_projects",
        ("3000", "20000", "8000"),
        "0.6",
        "0.3",
        False,
        "FR-ARA",
        ["insertion", "tiers-lieux"],
        21,
        "yearly",
    ),
    (
        "appel-a-communs-fis",
        "Fondation pour l'Innovation Sociale",
        "Appel à communs 2027",
        "call_commons",
        ("2000", "15000", "6000"),
        "0.7",
        None,
        True,
        "",
        ["communs-numeriques", "culture-libre"],
        60,
        "",
    ),
    (
        "semences-libres-2027",
        "Fondation des Semences Libres",
        "Soutien aux maisons des semences paysannes",
        "grant",
        ("1000", "8000", "4000"),
        "0.5",
        None,
        True,
        "",
        ["souverainete-alimentaire"],
        12,
        "yearly",
    ),
    (
        "lyon-vie-associative",
        "Ville de Lyon",
        "Subvention de fonctionnement vie associative",
        "operating",
        ("1000", "10000", "5000"),
        None,
        None,
        False,
        "FR-69",
        ["democratie-locale"],
        90,
        "yearly",
    ),
    (
        "dakar-economie-sociale",
        "Région Dakar",
        "Fonds régional d'économie sociale et solidaire",
        "grant",
        ("1000", "12000", "5000"),
        "0.5",
        "0.2",
        True,
        "SN",
        ["insertion"],
        75,
        "",
    ),
    (
        "tiers-lieux-fabriques",
        "Agence nationale des tiers-lieux",
        "Fabriques de territoire : amorçage",
        "call_projects",
        ("10000", "50000", "30000"),
        "0.5",
        "0.2",
        False,
        "FR",
        ["tiers-lieux"],
        33,
        "",
    ),
    (
        "europe-communs-numeriques",
        "Programme européen Communs numériques",
        "Next Generation Commons — open call 3",
        "call_commons",
        ("10000", "60000", "30000"),
        "1",
        None,
        False,
        "EU",
        ["communs-numeriques", "logiciel-libre"],
        120,
        "",
    ),
    (
        "mecenat-rhone",
        "Mécénat Coopératif du Rhône",
        "Mécénat de compétences et dons",
        "sponsorship",
        ("500", "5000", "2000"),
        None,
        None,
        True,
        "FR-69",
        ["finance-solidaire"],
        40,
        "",
    ),
    (
        "prix-communs",
        "Fondation pour l'Innovation Sociale",
        "Prix des communs solidaires",
        "prize",
        ("2000", "2000", "2000"),
        None,
        None,
        True,
        "",
        ["communs-numeriques"],
        8,
        "yearly",
    ),
    (
        "pret-participatif",
        "Plateforme Communs Participatifs",
        "Prêt d'honneur participatif",
        "loan",
        ("2000", "20000", "5000"),
        None,
        None,
        False,
        "FR",
        ["finance-solidaire"],
        150,
        "",
    ),
    (
        "aura-ess-2026",
        "Région Auvergne-Rhône-Alpes",
        "Appel à projets ESS et coopérations territoriales 2026",
        "call_projects",
        ("3000", "20000", "8000"),
        "0.6",
        "0.3",
        False,
        "FR-ARA",
        ["insertion", "tiers-lieux"],
        -200,
        "yearly",
    ),
]


def _funders():
    funders = {}
    for name, (actor_kind, kind, country) in FUNDERS.items():
        actor = Actor.objects.filter(name=name).first()
        if actor is None:
            actor = Actor.objects.create(
                name=name,
                slug=slugify(name),
                kind=actor_kind,
                country=country,
                description={"fr": "Financeur illustratif de la démonstration."},
            )
        funders[name] = funder_set(actor=actor, kind=kind)
    return funders


# A plan that keeps every rule, and one over the funder's 60 % cap.
PLAN = [
    {"kind": "cost", "label": "Développement et hébergement", "amount": "14000"},
    {"kind": "cost", "label": "Traduction et médiation", "amount": "6000"},
    {"kind": "cost", "label": "Bénévolat valorisé", "amount": "3000", "volunteer": True},
    {"kind": "funding", "label": "Cette subvention", "amount": "10000", "source": "this_grant"},
    {"kind": "funding", "label": "Dons des membres", "amount": "7000", "source": "own"},
    {"kind": "funding", "label": "Ville de Lyon", "amount": "3000", "source": "other_grant"},
    {"kind": "funding", "label": "Bénévolat", "amount": "3000", "source": "volunteer_time"},
]
OVER_CAP = [
    {"kind": "cost", "label": "Salle, son et lumière", "amount": "5000"},
    {"kind": "cost", "label": "Défraiements des intervenants", "amount": "3000"},
    {"kind": "funding", "label": "Cette subvention", "amount": "5500", "source": "this_grant"},
    {"kind": "funding", "label": "Campagne de financement", "amount": "2500", "source": "own"},
]
# The moves that bring an application to each stage.
STEPS = {
    "spotted": [],
    "qualified": ["qualified"],
    "drafting": ["qualified", "drafting"],
    "submitted": ["qualified", "drafting", "submitted"],
    "granted": ["qualified", "drafting", "submitted", "granted"],
    "refused": ["qualified", "drafting", "submitted", "refused"],
    "abandoned": ["qualified", "abandoned"],
    "reporting": ["qualified", "drafting", "submitted", "granted", "reporting"],
    "closed": ["qualified", "drafting", "submitted", "granted", "reporting", "closed"],
}
# (call, fund, owner, requested, plan, final stage)
ANSWERS = [
    ("europe-communs-numeriques", "plateforme", "louise", "30000", None, "spotted"),
    ("tiers-lieux-fabriques", "rencontre-semences", "camille", "20000", None, "qualified"),
    ("aura-ess-2027", "fiesta-des-communs", "amina", "5500", OVER_CAP, "drafting"),
    ("appel-a-communs-fis", "publication-communs", "camille", "10000", PLAN, "submitted"),
    ("fonds-francophone-numerique", "plateforme", "amina", "10000", PLAN, "granted"),
    ("semences-libres-2027", "rencontre-semences", "mateo", "2000", None, "abandoned"),
    ("aura-ess-2026", "fiesta-des-communs", "amina", "10000", PLAN, "refused"),
    ("lyon-vie-associative", "plateforme", "mateo", "10000", PLAN, "reporting"),
    ("dakar-economie-sociale", "publication-communs", "louise", "10000", PLAN, "closed"),
]


@demo_loader(order=55, name="funding search: a dozen calls and applications at every stage")
def load_grants() -> None:
    if Opportunity.objects.filter(source_key__startswith="demo:").exists():
        return  # loaded already
    now = timezone.now()
    funders = _funders()
    themes = {theme.code: theme for theme in Theme.objects.all()}
    funds = {fund.slug: fund for fund in Fund.objects.all()}
    calls = {}
    for row in OPPORTUNITIES:
        slug, funder = row[0], row[1]
        calls[slug], _created = opportunity_save(
            funder=funders[funder],
            source_key=f"demo:{slug}",
            data=_call_data(row, now=now, themes=themes, funds=funds),
        )
    _applications(calls, funds)


def _call_data(row: tuple, *, now: datetime.datetime, themes: dict, funds: dict) -> dict:
    """One row of ``OPPORTUNITIES`` as an opportunity's fields, its dates around the deadline."""
    (
        slug,
        _funder,
        title,
        kind,
        amounts,
        max_share,
        withheld,
        volunteer,
        territory,
        codes,
        days,
        recurrence,
    ) = row
    deadline = (now + datetime.timedelta(days=days)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    low, high, typical = (int(Decimal(a) * 100) for a in amounts)
    return {
        "slug": slug,
        "title": title,
        "kind": kind,
        "url": f"https://example.org/appels/{slug}",
        "amount_min_minor": low,
        "amount_max_minor": high,
        "amount_typical_minor": typical,
        "max_share": Decimal(max_share) if max_share else None,
        "withheld_share": Decimal(withheld) if withheld else None,
        "volunteer_time_counts": volunteer,
        "beneficiary_types": ["association", "scic"],
        "territory": territory,
        "opens_on": (deadline - datetime.timedelta(days=90)).date(),
        "letter_of_intent_on": (deadline - datetime.timedelta(days=20)).date()
        if kind == "call_projects"
        else None,
        "deadline": deadline,
        "decision_on": (deadline + datetime.timedelta(days=60)).date(),
        "report_due_on": (deadline + datetime.timedelta(days=420)).date(),
        "recurrence": recurrence,
        "notes": NOTE,
        "themes": [themes[c] for c in codes if c in themes],
        "funds": [funds["plateforme"]] if "numerique" in slug else [],
    }


def _applications(calls, funds) -> None:
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["amina", "camille", "mateo", "louise"])
    }
    today = timezone.localdate()
    for n, (call, fund, owner, requested, lines, stage) in enumerate(ANSWERS):
        application = application_create(
            opportunity=calls[call],
            fund=funds.get(fund) or funds["plateforme"],
            owner=people.get(owner),
            amount_requested=requested,
            recorder=people.get(owner),
        )
        if lines:
            plan_set(application=application, lines=lines)
        application = _moved(
            application, stage, n=n, today=today, owner=people.get(owner), people=people
        )
        application_update(
            application=application, hours_spent=str(6 + 3 * n), recorder=people.get(owner)
        )
        if stage in ("granted", "reporting", "closed"):
            _paid(application, closed=stage == "closed", today=today)
        if stage in ("drafting", "submitted"):
            task_add(
                application=application,
                title="Rassembler les statuts et le dernier rapport d'activité",
                assignee=people.get(owner),
                due_on=today + datetime.timedelta(days=7),
            )


def _moved(application, stage: str, *, n: int, today: datetime.date, owner, people: dict):
    """The application moved up to ``stage``: its owner moves it along, the treasurer records
    the money decisions (granting, closing once the final report is accepted)."""
    for step in STEPS[stage]:
        extra = {}
        if step == "granted":
            extra = {
                "amount_granted": "10000",
                "decided_on": today - datetime.timedelta(days=30 + 40 * n),
                "reasons": "Projet retenu par le comité.",
            }
        elif step == "refused":
            extra = {"reasons": "Budget de l'appel épuisé ; à représenter l'an prochain."}
        elif step == "closed":
            report_accept(application=application, on=today - datetime.timedelta(days=5))
        mover = people.get("mateo") if step in ("granted", "closed") else owner
        application = application_stage(application=application, to=step, recorder=mover, **extra)
    return application


def _paid(application, *, closed: bool, today: datetime.date) -> None:
    """A granted application paid all but its withheld share; a closed one, that share too."""
    application = Application.objects.get(pk=application.pk)
    first = application.amount_granted_minor - application.withheld_minor
    grant_payment_record(
        application=application,
        amount=str(Decimal(first) / 100),
        date=application.decided_on + datetime.timedelta(days=20),
    )
    if closed and application.withheld_minor:
        grant_payment_record(
            application=application,
            amount=str(Decimal(application.withheld_minor) / 100),
            date=today - datetime.timedelta(days=2),
        )

"""The demo's events: the seeds gathering with its registrations (full, some waiting), the
fiesta, the book's launch, and the monthly public call (the third Tuesday at 20:00 Paris time,
one hour, online) with the minutes of a past call. Dates are relative to today."""

import datetime
import zoneinfo

from dateutil import rrule
from django.contrib.auth import get_user_model
from django.utils import timezone

from remix.allies.models import Actor, Theme
from remix.catalogue.services.revisions import document_create
from remix.core.demo import demo_loader
from remix.events import recurrence, services
from remix.events.models import Event
from remix.projects.models import Project

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

PEOPLE = [
    "Awa Ndiaye",
    "Bruno Lefèvre",
    "Carmen Ruiz",
    "Diego Herrera",
    "Élise Martin",
    "Fatou Sow",
    "Gaspard Moreau",
    "Hawa Keita",
    "Inès Dubois",
    "Jorge Castillo",
    "Karim Benali",
    "Lucía Prieto",
    "Moussa Camara",
    "Nadia Haddad",
]


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def _email(name: str) -> str:
    plain = name.lower().translate(str.maketrans("éèíú ", "eeiu."))
    return f"{plain}@example.org"


def _meeting(project):
    starts = _at(40, 9, 30)
    event = services.event_create(
        project=project,
        title={
            "fr": "Rencontre des gardiens de semences",
            "en": "Gathering of the seed keepers",
            "es": "Encuentro de guardianes de semillas",
        },
        description={
            "fr": "Deux jours d'échanges entre paysannes et paysans du Sahel et d'Europe : "
            "grainothèques, droits des semences, circuits d'échange.",
            "en": "Two days of exchanges between farmers from the Sahel and Europe: seed "
            "libraries, seed rights, exchange circuits.",
            "es": "Dos días de intercambio entre campesinas y campesinos del Sahel y de Europa: "
            "bancos de semillas, derechos, circuitos de intercambio.",
        },
        starts=starts,
        ends=starts + datetime.timedelta(days=1, hours=8),
        place="Ferme de la Grange, 4 chemin des Semis, 26400 Crest",
        languages=["fr", "wo"],
        interpretation=["en", "es"],
        capacity=12,
        contribution="free_price",
        amount="20",
    )
    amina = get_user_model().objects.filter(username="amina").first()
    if amina is not None:
        services.registration_create(event=event, user=amina)
    for name in PEOPLE:  # 11 more places, then three wait
        services.registration_create(event=event, name=name, email=_email(name))
    return event


def _fiesta(project):
    starts = _at(20, 18)
    return services.event_create(
        project=project,
        title={
            "fr": "La fiesta des communs",
            "en": "The commons fiesta",
            "es": "La fiesta de los comunes",
        },
        description={
            "fr": "Concerts, marché des producteurs, ateliers de réparation et bal.",
            "en": "Concerts, producers' market, repair workshops and a dance.",
            "es": "Conciertos, mercado de productores, talleres de reparación y baile.",
        },
        starts=starts,
        ends=starts + datetime.timedelta(hours=6),
        place="Tiers-lieu La Fabrique, 10 rue de l'Usine, 69100 Villeurbanne",
        languages=["fr", "es"],
        capacity=300,
        contribution="fixed",
        amount="8",
    )


def _launch(project):
    starts = _at(55, 19)
    return services.event_create(
        project=project,
        title={
            "fr": "Lancement du livre des communs",
            "en": "Launch of the commons book",
            "es": "Presentación del libro de los comunes",
        },
        starts=starts,
        ends=starts + datetime.timedelta(hours=2),
        place="Librairie Les Volcans, 80 boulevard Gergovia, 63000 Clermont-Ferrand",
        online_url="https://visio.example.org/lancement-livre",
        languages=["fr"],
        interpretation=["es"],
        capacity=60,
    )


def _call(project):
    # The first call: the project's first month's third Tuesday, at 20:00 in Paris.
    first_day = datetime.datetime.combine(project.starts, datetime.time(20, 0), tzinfo=PARIS)
    first = rrule.rrule(rrule.MONTHLY, byweekday=rrule.TU(3), dtstart=first_day)[0]
    event = services.event_create(
        project=project,
        title={
            "fr": "L'appel mensuel des communs",
            "en": "The monthly commons call",
            "es": "La llamada mensual de los comunes",
        },
        description=project.description,
        starts=first,
        ends=first + datetime.timedelta(hours=1),
        time_zone="Europe/Paris",
        recurrence_rule="FREQ=MONTHLY;BYDAY=3TU",
        online_url="https://visio.example.org/appel-mensuel",
        languages=["fr", "es"],
        interpretation=["en"],
        contribution="free_price",
    )
    last = recurrence.last_occurrence(event, timezone.now())
    if last is not None:
        day = last.astimezone(PARIS).date()
        minutes = document_create(
            author=None,
            data={
                "kind": "text",
                "title": f"Compte rendu de l'appel mensuel du {day:%d/%m/%Y}",
                "summary": "Les décisions et les suites de l'appel public du mois.",
                "body": "## Présents\n\nUne trentaine de personnes des deux mouvements.\n\n"
                "## Décisions\n\n- Préparer la rencontre des semences.\n"
                "- Documenter trois thèmes du tronc commun peu couverts.\n\n"
                "Document illustratif : ce sont des données de démonstration.",
                "language": "fr",
                "authors": list(Actor.objects.filter(name="Coopérative des Communs")),
                "themes": list(Theme.objects.filter(code="gouvernance-partagee")),
                "licence": "CC-BY-SA-4.0",
            },
        )
        services.document_attach(event=event, document=minutes)
    return event


MAKERS = {
    "rencontre-semences": _meeting,
    "fiesta-des-communs": _fiesta,
    "publication-communs": _launch,
    "appel-mensuel": _call,
}


@demo_loader(order=76, name="events: the gathering, the fiesta, the launch, the monthly call")
def load_events() -> None:
    for slug, make in MAKERS.items():
        project = Project.objects.filter(slug=slug).first()
        if project is None or Event.objects.filter(project=project).exists():
            continue
        make(project)

"""The demo's mediation projects: the book, the seeds gathering, the fiesta, the film and the
monthly public call, each on its own fund of the books (the ledger's and contributions' demo
made the first four funds; the call's is made with it), with their productions and documents."""

import datetime

from django.utils import timezone

from remix.allies.models import Actor, Theme
from remix.catalogue.models import Document
from remix.core.demo import demo_loader
from remix.ledger.models import Fund
from remix.productions.models import Production
from remix.projects import services
from remix.projects.models import Project, ProjectKind, ProjectStatus

CALL = {
    "slug": "appel-mensuel",
    "name": {
        "fr": "L'appel mensuel des communs",
        "en": "The monthly commons call",
        "es": "La llamada mensual de los comunes",
    },
    "description": {
        "fr": "Un appel public en visio, le troisième mardi du mois à 20 h (heure de Paris), "
        "ouvert aux deux mouvements.",
        "en": "A public video call, the third Tuesday of the month at 8 pm (Paris time), "
        "open to both movements.",
        "es": "Una llamada pública por vídeo, el tercer martes del mes a las 20 h (hora de "
        "París), abierta a los dos movimientos.",
    },
}

# slug (= the fund's), kind, status, months from today to its start and end, budget in euros,
# carriers (actors' names), themes (codes)
PROJECTS = [
    (
        "publication-communs",
        ProjectKind.PUBLICATION,
        ProjectStatus.RUNNING,
        (-8, 4),
        "6000",
        ["Wiki des Communs", "Coopérative des Communs"],
        ["savoirs-ouverts", "gouvernance-partagee"],
    ),
    (
        "rencontre-semences",
        ProjectKind.MEETING,
        ProjectStatus.PLANNED,
        (1, 2),
        "3500",
        ["Collectif Semences du Sahel", "SCOP Les Semeurs"],
        ["semences", "souverainete-alimentaire"],
    ),
    (
        "fiesta-des-communs",
        ProjectKind.FIESTA,
        ProjectStatus.RUNNING,
        (-3, 3),
        "8000",
        ["Tiers-lieu La Fabrique", "Réseau ESS de Dakar"],
        ["circuits-courts", "monnaies-locales"],
    ),
    (
        "film-des-communs",
        ProjectKind.PRODUCTION,
        ProjectStatus.RUNNING,
        (-10, 2),
        "5400",
        ["Assemblée de l'Eau de Chía", "Archive Sonore Libre"],
        ["savoirs-ouverts"],
    ),
    (
        "appel-mensuel",
        ProjectKind.RECURRING_CALL,
        ProjectStatus.RUNNING,
        (-14, None),
        "0",
        ["Coopérative des Communs", "Maison de l'ESS de Bogotá"],
        ["gouvernance-partagee"],
    ),
]


def _month_start(today: datetime.date, months: int) -> datetime.date:
    index = today.year * 12 + today.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@demo_loader(order=75, name="projects: five mediation projects on their own funds")
def load_projects() -> None:
    """Through the services: the first four take the funds the books' demo made (with their
    money), the monthly call gets a new one; then what each produced and the productions on its
    fund."""
    today = timezone.localdate()
    for slug, kind, status, (start, end), budget, carriers, themes in PROJECTS:
        if Project.objects.filter(slug=slug).exists():
            continue
        fund = Fund.objects.filter(slug=slug).first()
        if fund is not None and (fund.is_platform or hasattr(fund, "project")):
            continue
        title = fund.name if fund is not None else CALL["name"]
        description = CALL["description"] if fund is None else fund.description
        project = services.project_create(
            slug=slug,
            kind=kind,
            status=status,
            title=title,
            description=description,
            starts=_month_start(today, start),
            ends=None if end is None else _month_start(today, end) - datetime.timedelta(days=1),
            fund=fund,
            budget=budget,
            carriers=Actor.objects.filter(name__in=carriers),
            themes=Theme.objects.filter(code__in=themes),
        )
        productions = Production.objects.filter(fund=project.fund)
        if productions:
            services.productions_add(project=project, productions=productions)
        documents = Document.objects.filter(productions__in=productions).distinct()
        if documents:
            services.documents_add(project=project, documents=documents)

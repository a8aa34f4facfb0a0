"""The demo's film: « Le film des communs », with its own fund in the books, planned lines, the
fund's expenses counted as its costs, the volunteer time given to it, two funding lines and the
two versions of the documentary it produced in the catalogue."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from remix.catalogue.models import Document
from remix.contributions import services as contributions
from remix.core.demo import demo_loader
from remix.grants.models import Application
from remix.ledger import services as ledger
from remix.ledger.demo import demo_years
from remix.ledger.models import Account, Fund, FundKind
from remix.productions import services
from remix.productions.models import Production

SLUG = "film-des-communs"
TITLE = {
    "fr": "Le film des communs",
    "en": "The film of the commons",
    "es": "La película de los comunes",
}
DESCRIPTION = {
    "fr": "Un documentaire tourné avec les gardiens de l'aqueduc communautaire de Chía, monté "
    "en commun et sous-titré en français (illustratif).",
    "en": "A documentary shot with the keepers of the community aqueduct of Chía, edited "
    "together and subtitled in French (illustrative).",
    "es": "Un documental rodado con quienes cuidan el acueducto comunitario de Chía, montado "
    "en común y subtitulado en francés (ilustrativo).",
}
# category, label, planned amount, and the film's own expense in the books (month, day, amount)
LINES = [
    ("equipment", "Location caméra et prise de son", "1500", (3, 10, "1200")),
    ("travel", "Voyage et hébergement à Chía", "800", (4, 2, "650")),
    ("post_production", "Montage et étalonnage", "2500", (6, 20, "2400")),
    ("post_production", "Sous-titrage en français", "600", None),
]
# username, hours, what they did, month
TIME = [
    ("camille", "24", "Réalisation", 3),
    ("amina", "16", "Montage", 6),
    ("louise", "10", "Sous-titrage", 7),
]
PRODUCTIONS = "Expenses:Mediation:Productions"
BANK = "Assets:Bank:Current"


@demo_loader(order=65, name="productions: a film with its budget, costs, time and documents")
def load_productions() -> None:
    if Production.objects.filter(slug=SLUG).exists():
        return
    year = demo_years(timezone.localdate())[0]
    fund = Fund.objects.filter(slug=SLUG).first() or ledger.fund_create(
        slug=SLUG, kind=FundKind.PRODUCTION, name=TITLE, description=DESCRIPTION
    )
    film = services.production_create(
        slug=SLUG,
        kind="film",
        title=TITLE,
        description=DESCRIPTION,
        starts=datetime.date(year, 2, 1),
        ends=datetime.date(year, 9, 30),
        status="done",
        fund=fund,
    )
    _costs(film, fund, year)
    _time(film, fund, year)
    granted = Application.objects.filter(stage="granted").order_by("pk").first()
    services.funding_add(
        production=film,
        source="grant",
        label="Fonds francophone pour le numérique",
        amount="4000",
        application=granted,
    )
    services.funding_add(
        production=film, source="own_funds", label="Fonds propres de la plateforme", amount="1000"
    )
    for document in Document.objects.filter(title__contains="aqueduc communautaire de Chía"):
        services.document_link(production=film, document=document)
    for document in Document.objects.filter(title__startswith="El agua de todos"):
        services.document_link(production=film, document=document)


def _costs(film, fund, year: int) -> None:
    """Each planned line, and the film's expense in the books it was spent on."""
    expense, bank = Account.objects.get(code=PRODUCTIONS), Account.objects.get(code=BANK)
    for category, label, planned, spent in LINES:
        line = services.cost_line_add(
            production=film, category=category, label=label, amount=planned
        )
        if spent is None:
            continue
        month, day, amount = spent
        transaction, _new = ledger.transaction_create(
            date=datetime.date(year, month, day),
            description=f"Film des communs : {label.lower()}",
            external_key=f"demo:productions:{category}:{month}",
            post=True,
            legs=[
                ledger.Leg.of(expense, fund, amount, "EUR"),
                ledger.Leg.of(bank, fund, f"-{amount}", "EUR"),
            ],
        )
        services.cost_link(production=film, transaction=transaction, line=line)


def _time(film, fund, year: int) -> None:
    people = get_user_model().objects.in_bulk([row[0] for row in TIME], field_name="username")
    for username, hours, role, month in TIME:
        declared, _new = contributions.contribution_declare(
            giver=contributions.Giver(user=people[username]),
            fund=fund,
            kind="time",
            amount=hours,
            description=f"Le film des communs : {role.lower()}",
            date=datetime.date(year, month, 15),
        )
        recorded = contributions.contribution_validate(contribution=declared)
        services.time_link(production=film, contribution=recorded, role=role)

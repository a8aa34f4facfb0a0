"""The demo's revenue sharing: the book's fund shares its sales by a rule in two versions (« 10 %
au fonds de la plateforme, 5 % au fonds des communs, le reste aux contributeurs au prorata »),
the people who made the book declared their time, and its latest sales are distributed.

The income shared is the book's sales in the demo books (the study office's engagement, built
elsewhere, can be shared the same way once its payment is in the books)."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from remix.contributions.services import Giver, contribution_declare, contribution_validate
from remix.core.demo import demo_loader
from remix.ledger import services as ledger
from remix.ledger.models import Fund, FundKind, Posting
from remix.sharing import selectors, services
from remix.sharing.models import SharingRule

BOOK = "publication-communs"
COMMONS = {
    "slug": "fonds-des-communs",
    "kind": FundKind.OTHER,
    "name": {"fr": "Fonds des communs", "en": "Commons fund", "es": "Fondo de los comunes"},
    "description": {
        "fr": "Ce que les partages de revenus rendent aux communs dont les œuvres sont issues.",
        "en": "What revenue sharing gives back to the commons the works come from.",
        "es": "Lo que los repartos de ingresos devuelven a los comunes de los que salen las obras.",
    },
}

# (username, hours, days before today, what was done, shown publicly): the book's makers; Paul's
# hours are older than a year, so a dry run lists him with nothing in its period.
TIME = [
    ("amina", "24", 40, "Mise en page du livre", "public"),
    ("camille", "16", 75, "Relecture et index du livre", "public"),
    ("lucia", "9.5", 60, "Traducción de los capítulos 2 y 3", "amount"),
    ("paul", "6", 400, "Premiers entretiens pour le livre", "public"),
]


@demo_loader(order=70, name="sharing: the book's sales shared by a rule in two versions")
def load_sharing() -> None:
    if SharingRule.objects.filter(slug="partage-du-livre").exists():
        return
    today = timezone.localdate()
    people = {u.username: u for u in get_user_model().objects.filter(username__in=_names())}
    treasurer = people["mateo"]
    book = Fund.objects.get(slug=BOOK)
    commons = Fund.objects.filter(slug=COMMONS["slug"]).first() or ledger.fund_create(**COMMONS)
    platform = Fund.objects.get(kind=FundKind.PLATFORM)
    for username, hours, days, description, visibility in TIME:
        gift, _new = contribution_declare(
            giver=Giver(user=people[username]),
            fund=book,
            kind="time",
            amount=hours,
            date=today - datetime.timedelta(days=days),
            description=description,
            visibility=visibility,
        )
        contribution_validate(contribution=gift, recorder=treasurer)
    rule = services.rule_create(
        slug="partage-du-livre",
        name={
            "fr": "Partage des ventes du livre",
            "en": "Sharing of the book's sales",
            "es": "Reparto de las ventas del libro",
        },
        fund=book,
        buckets=[
            {"base": "total", "percent": "15", "to": "fund", "target": platform.pk},
            {"base": "rest", "to": "contributors"},
        ],
        recorder=treasurer,
    )
    version = services.rule_revise(
        rule=rule,
        buckets=[
            {"base": "total", "percent": "10", "to": "fund", "target": platform.pk},
            {"base": "total", "percent": "5", "to": "fund", "target": commons.pk},
            {"base": "rest", "to": "contributors"},
        ],
        note="Une part pour le fonds des communs, prise sur celle de la plateforme.",
        recorder=treasurer,
    )
    _distribute(version, book, today, treasurer)


def _names() -> set[str]:
    return {"mateo", *(username for username, *_rest in TIME)}


def _distribute(version, book, today, treasurer) -> None:
    """The book's latest sales, shared by the rule's current version."""
    sales = Posting.objects.filter(transaction=OuterRef("pk"), account__code="Income:Sales")
    income = selectors.incomes_unshared(book).filter(Exists(sales)).first()
    if income is None:
        return
    sold = -sum(p.amount_minor for p in income.postings.all() if p.account.type == "income")
    services.distribution_record(
        version=version,
        amount=sold,
        date=today,
        period=selectors.default_period(today),
        income=income,
        recorder=treasurer,
    )

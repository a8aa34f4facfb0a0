"""A realistic year of books for the demo: the platform fund and two mediation projects.

Every amount is illustrative (the funds' descriptions say so); the counterparties are the demo
network's invented actors. The books hold last year whole and this year up to today, whatever
the day: each year has its needs, its monthly gifts and costs, and a few dated events (grants, a
fiesta in June, a book printed in October). Last year has an advance between funds and one
mistake reversed; every month closes once reconciled, last month and this one excepted; one
imported bank row from three days ago waits to be categorised.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from remix.allies.models import Actor
from remix.core.demo import demo_loader
from remix.ledger import maths, services
from remix.ledger.models import Account, Fund, FundKind, Transaction

ILLUSTRATIVE = {
    "fr": " Montants illustratifs : ce sont des données de démonstration.",
    "en": " Illustrative amounts: this is demo data.",
    "es": " Importes ilustrativos: son datos de demostración.",
}

PROJECTS = [
    (
        "publication-communs",
        FundKind.PUBLICATION,
        {
            "fr": "Publication « Communs en commun »",
            "en": "Publication “Commons in common”",
            "es": "Publicación «Comunes en común»",
        },
        {
            "fr": "Un livre collectif sur les communs et l'ESS, imprimé et en ligne.",
            "en": "A collective book on the commons and the social economy, printed and online.",
            "es": "Un libro colectivo sobre los comunes y la ESS, impreso y en línea.",
        },
    ),
    (
        "fiesta-des-communs",
        FundKind.FIESTA,
        {"fr": "Fiesta des communs", "en": "Commons fiesta", "es": "Fiesta de los comunes"},
        {
            "fr": "La fête annuelle du réseau, à Lyon.",
            "en": "The network's yearly fiesta, in Lyon.",
            "es": "La fiesta anual de la red, en Lyon.",
        },
    ),
]

# Needs for the year: (fund, account code, amount in EUR).
NEEDS = [
    ("plateforme", "Expenses:Hosting", "2400"),
    ("plateforme", "Expenses:Development", "9000"),
    ("plateforme", "Expenses:Moderation", "3000"),
    ("plateforme", "Expenses:Translation", "2400"),
    ("plateforme", "Expenses:Coordination", "14400"),
    ("plateforme", "Expenses:Events", "1800"),
    ("publication-communs", "Expenses:Mediation:Publications", "4000"),
    ("fiesta-des-communs", "Expenses:Mediation:Fiestas", "3000"),
]

BANK, WAVE = "Assets:Bank:Current", "Assets:Bank:Wave"


def demo_years(today: datetime.date) -> tuple[int, int]:
    """Last year, whole, and this one up to today."""
    return today.year - 1, today.year


def _entries(today: datetime.date, year: int) -> list[tuple]:
    """(date, description, counterparty, anonymous, [(account, amount, commodity, fund)]): the
    year's entries dated up to today, its opening balance if it is the demo's first year."""
    day = datetime.date
    P, PUB, FIESTA = "plateforme", "publication-communs", "fiesta-des-communs"
    entries = []
    if year == demo_years(today)[0]:
        entries.append(
            (
                day(year, 1, 1),
                "Solde d'ouverture",
                None,
                False,
                [(BANK, "8400", "EUR", P), ("Equity:Opening-balances", "-8400", "EUR", P)],
            )
        )
    entries += [
        (
            day(year, 1, 10),
            "Mise à disposition d'un serveur (valeur déclarée)",
            "Atelier du Logiciel Libre de Lyon",
            False,
            [("Expenses:In-kind", "600", "EUR", P), ("Income:Community:In-kind", "-600", "EUR", P)],
        ),
        (
            day(year, 2, 3),
            "Cotisation annuelle",
            "Coopérative des Communs",
            False,
            [(BANK, "300", "EUR", P), ("Income:Contributions:Membership", "-300", "EUR", P)],
        ),
        (
            day(year, 2, 5),
            "Cotisation annuelle",
            "SCOP Les Semeurs",
            False,
            [(BANK, "150", "EUR", P), ("Income:Contributions:Membership", "-150", "EUR", P)],
        ),
        (
            day(year, 2, 9),
            "Cotisation annuelle",
            "Tiers-lieu La Fabrique",
            False,
            [(BANK, "150", "EUR", P), ("Income:Contributions:Membership", "-150", "EUR", P)],
        ),
        (
            day(year, 2, 20),
            "Subvention à la publication",
            "Région Dakar",
            False,
            [(BANK, "2000", "EUR", PUB), ("Income:Grants:Public", "-2000", "EUR", PUB)],
        ),
        (
            day(year, 3, 16),
            "Versement de la campagne de financement participatif",
            None,
            False,
            [(BANK, "2400", "EUR", P), ("Income:Micro-financing", "-2400", "EUR", P)],
        ),
        (
            day(year, 3, 24),
            "Développement : recherche plein texte",
            "Coopérative Numérique Solidaire",
            False,
            [(BANK, "-2500", "EUR", P), ("Expenses:Development", "2500", "EUR", P)],
        ),
        (
            day(year, 4, 14),
            "Subvention de fonctionnement (80 % versés, solde au bilan final)",
            "Ville de Lyon",
            False,
            [
                (BANK, "4800", "EUR", P),
                ("Assets:Receivables:Grants", "1200", "EUR", P),
                ("Income:Grants:Public", "-6000", "EUR", P),
            ],
        ),
        (
            day(year, 5, 6),
            "Don",
            "Mutuelle Solidaire du Québec",
            False,
            [
                ("Assets:Bank:Canada", "500", "CAD", P),
                ("Income:Contributions:Donations", "-500", "CAD", P),
            ],
        ),
        (
            day(year, 5, 20),
            "Traduction en espagnol de la charte",
            "Lucía Herrera",
            False,
            [(BANK, "-400", "EUR", P), ("Expenses:Translation", "400", "EUR", P)],
        ),
        (
            day(year, 6, 2),
            "Soutien à la fiesta",
            "Banque Éthique Coopérative",
            False,
            [(BANK, "800", "EUR", FIESTA), ("Income:Grants:Institutional", "-800", "EUR", FIESTA)],
        ),
        (
            day(year, 6, 10),
            "Subvention pour l'année",
            "Fondation pour l'Innovation Sociale",
            False,
            [(BANK, "5000", "EUR", P), ("Income:Grants:Institutional", "-5000", "EUR", P)],
        ),
        (
            day(year, 6, 18),
            "Rencontre des contributeurs",
            None,
            False,
            [(BANK, "-350", "EUR", P), ("Expenses:Events", "350", "EUR", P)],
        ),
        (
            day(year, 6, 27),
            "Fiesta : billetterie et buvette",
            None,
            False,
            [(BANK, "1450", "EUR", FIESTA), ("Income:Sales", "-1450", "EUR", FIESTA)],
        ),
        (
            day(year, 6, 29),
            "Fiesta : son, scène et repas",
            "Épicerie Coopérative du Quartier",
            False,
            [(BANK, "-2150", "EUR", FIESTA), ("Expenses:Mediation:Fiestas", "2150", "EUR", FIESTA)],
        ),
        (
            day(year, 6, 28),
            "Fiesta : heures des bénévoles",
            None,
            False,
            [
                ("Expenses:Volunteering", "40", "HOUR", FIESTA),
                ("Income:Community:Time", "-40", "HOUR", FIESTA),
            ],
        ),
        (
            day(year, 8, 25),
            "Mise en page du livre",
            "CAE Horizons",
            False,
            [(BANK, "-900", "EUR", PUB), ("Expenses:Mediation:Publications", "900", "EUR", PUB)],
        ),
        (
            day(year, 9, 15),
            "Étude pour une collectivité (bureau d'étude)",
            "CAE Horizons",
            False,
            [(BANK, "1800", "EUR", P), ("Income:Services", "-1800", "EUR", P)],
        ),
        (
            day(year, 9, 22),
            "Développement : export ouvert",
            "Coopérative Numérique Solidaire",
            False,
            [(BANK, "-2500", "EUR", P), ("Expenses:Development", "2500", "EUR", P)],
        ),
        (
            day(year, 10, 12),
            "Impression du livre",
            "SCOP Les Semeurs",
            False,
            [(BANK, "-2300", "EUR", PUB), ("Expenses:Mediation:Publications", "2300", "EUR", PUB)],
        ),
        (
            day(year, 10, 30),
            "Ventes du livre",
            None,
            False,
            [(BANK, "620", "EUR", PUB), ("Income:Sales", "-620", "EUR", PUB)],
        ),
    ]
    for month in range(1, 13):
        first = day(year, month, 1)
        if first > today:
            break
        entries += [
            (
                first.replace(day=2),
                "Hébergement et sauvegardes",
                "Coopérative Numérique Solidaire",
                False,
                [(BANK, "-180", "EUR", P), ("Expenses:Hosting", "180", "EUR", P)],
            ),
            (
                first.replace(day=5),
                "Don mensuel",
                "Julien Moreau",
                False,
                [(BANK, "20", "EUR", P), ("Income:Contributions:Donations", "-20", "EUR", P)],
            ),
            (
                first.replace(day=5),
                "Don mensuel",
                "Aminata Sow",
                False,
                [(WAVE, "5000", "XOF", P), ("Income:Contributions:Donations", "-5000", "XOF", P)],
            ),
            (
                first.replace(day=8),
                "Don mensuel",
                "Lucía Herrera",
                True,
                [(BANK, "15", "EUR", P), ("Income:Contributions:Donations", "-15", "EUR", P)],
            ),
            (
                first.replace(day=12),
                "Dons ponctuels en ligne",
                None,
                True,
                [
                    (BANK, str(60 + 15 * (month % 4)), "EUR", P),
                    ("Income:Contributions:Donations", str(-(60 + 15 * (month % 4))), "EUR", P),
                ],
            ),
            (
                first.replace(day=25),
                "Coordination : salaire à temps partiel",
                None,
                False,
                [(BANK, "-1100", "EUR", P), ("Expenses:Coordination", "1100", "EUR", P)],
            ),
            (
                first.replace(day=27),
                "Frais de tenue de compte",
                None,
                False,
                [(BANK, "-12", "EUR", P), ("Expenses:Bank-fees", "12", "EUR", P)],
            ),
            (
                first.replace(day=28),
                "Modération bénévole",
                "Aminata Sow",
                False,
                [
                    ("Expenses:Volunteering", "12", "HOUR", P),
                    ("Income:Community:Time", "-12", "HOUR", P),
                ],
            ),
            (
                first.replace(day=28),
                "Traductions bénévoles",
                "Lucía Herrera",
                False,
                [
                    ("Expenses:Volunteering", "8", "HOUR", P),
                    ("Income:Community:Time", "-8", "HOUR", P),
                ],
            ),
        ]
    return [entry for entry in entries if entry[0] <= today]


@demo_loader(order=40, name="ledger: a year of illustrative books")
def load_books() -> None:
    if Transaction.objects.filter(external_key__startswith="demo:").exists():
        return  # loaded already
    today = timezone.localdate()
    first, this = demo_years(today)
    funds = _funds_create()
    _accounts_create()
    _rates_record(first)
    for year in (first, this):
        for fund_slug, code, amount in NEEDS:
            services.budget_line_create(
                fund=funds[fund_slug],
                period=maths.period_parse(str(year)),
                amount=amount,
                account=Account.objects.get(code=code),
            )
    accounts = {account.code: account for account in Account.objects.all()}
    actors = {actor.name: actor for actor in Actor.objects.filter(source="demo")}
    entries = sorted(_entries(today, first) + _entries(today, this), key=lambda entry: entry[0])
    for n, (date, description, who, anonymous, legs) in enumerate(entries):
        services.transaction_create(
            date=date,
            description=description,
            counterparty=actors.get(who),
            anonymous=anonymous,
            external_key=f"demo:{n}",
            post=True,
            legs=[
                services.Leg.of(accounts[code], funds[fund], amount, commodity)
                for code, amount, commodity, fund in legs
            ],
        )
    _mistake_transfer_and_draft(today, first, accounts, funds)


def _funds_create() -> dict[str, Fund]:
    """The platform's fund, said illustrative, and the two mediation projects, by slug."""
    platform = Fund.objects.get(kind=FundKind.PLATFORM)
    platform.description = {
        code: text + ILLUSTRATIVE[code] for code, text in platform.description.items()
    }
    platform.save(update_fields=["description"])
    funds = {"plateforme": platform}
    for slug, kind, name, description in PROJECTS:
        funds[slug] = services.fund_create(
            slug=slug,
            kind=kind,
            name=name,
            description={code: text + ILLUSTRATIVE[code] for code, text in description.items()},
        )
    return funds


def _accounts_create() -> None:
    """Two cash accounts beyond the chart: mobile money in Dakar, dollars in Canada."""
    services.account_create(
        code=WAVE,
        number="5121",
        is_cash=True,
        name={
            "fr": "Mobile money (Wave, Dakar)",
            "en": "Mobile money (Wave, Dakar)",
            "es": "Dinero móvil (Wave, Dakar)",
        },
    )
    services.account_create(
        code="Assets:Bank:Canada",
        number="5122",
        is_cash=True,
        name={
            "fr": "Banque — compte en dollars canadiens",
            "en": "Bank — Canadian dollar account",
            "es": "Banco — cuenta en dólares canadienses",
        },
    )


def _rates_record(first: int) -> None:
    """The rates of the demo's currencies, and the hourly value of volunteer time (illustrative,
    near the French minimum wage)."""
    for day, commodity, quote, rate in (
        (datetime.date(first, 1, 1), "EUR", "XOF", "655.957"),
        (datetime.date(first, 1, 1), "CAD", "EUR", "0.67"),
        (datetime.date(first, 5, 1), "CAD", "EUR", "0.66"),
        (datetime.date(first, 1, 1), "HOUR", "EUR", "12.00"),
    ):
        services.rate_record(date=day, commodity=commodity, quote=quote, rate=Decimal(rate))


@demo_loader(order=90, name="ledger: the reconciled months closed")
def close_months() -> None:
    """Last, once every app's demo wrote what falls in those months (closing again is a no-op):
    every month of the demo that ended before last month began."""
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    month = datetime.date(demo_years(today)[0], 1, 1)
    while month < last_month:
        services.period_close(period=maths.period_parse(f"{month:%Y-%m}"))
        month = (month + datetime.timedelta(days=31)).replace(day=1)


def _mistake_transfer_and_draft(today, year, accounts, funds) -> None:
    """Last year: an advance between funds and a mistake reversed; three days ago: a bank row."""
    day = datetime.date
    services.transfer_record(
        date=day(year, 5, 15),
        from_fund=funds["plateforme"],
        to_fund=funds["fiesta-des-communs"],
        amount="500",
        description="Avance de la plateforme à la fiesta",
    )
    double, _new = services.transaction_create(
        date=day(year, 8, 3),
        description="Hébergement et sauvegardes (prélevé deux fois)",
        external_key="demo:double",
        post=True,
        legs=[
            services.Leg.of(accounts[BANK], funds["plateforme"], "-180"),
            services.Leg.of(accounts["Expenses:Hosting"], funds["plateforme"], "180"),
        ],
    )
    services.transaction_reverse(
        transaction=double,
        date=day(year, 8, 12),
        reason="Prélèvement en double, remboursé par l'hébergeur",
    )
    services.transaction_create(
        date=today - datetime.timedelta(days=3),
        description="PRLV SEPA COOP NUMERIQUE SOLIDAIRE",
        external_key="demo:draft",
        reference="Relevé bancaire",
        legs=[
            services.Leg.of(accounts[BANK], funds["plateforme"], "-180"),
            services.Leg.of(Account.objects.get(is_suspense=True), funds["plateforme"], "180"),
        ],
    )

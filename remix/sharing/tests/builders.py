"""Small builders of a sharing world: a study fund, the platform and commons funds, the hourly
rate, contributors' recorded time, and a rule. Everything goes through the services."""

import datetime
from decimal import Decimal

from remix.contributions.services import contribution_declare, contribution_validate
from remix.contributions.services.common import Giver
from remix.ledger import services as ledger
from remix.ledger.models import Fund, FundKind
from remix.ledger.tests.builders import fund_project
from remix.sharing import services

DAY = datetime.date(2026, 3, 2)
PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def funds() -> tuple[Fund, Fund, Fund]:
    """The fund shared (a study), the platform's and the commons' (which receive buckets)."""
    study = fund_project("etude-lyon", FundKind.PRODUCTION)
    commons = fund_project("fonds-des-communs", FundKind.OTHER)
    return study, Fund.objects.get(kind=FundKind.PLATFORM), commons


def hourly_rate(rate: str = "12.00", on: datetime.date = datetime.date(2025, 1, 1)) -> None:
    ledger.rate_record(date=on, commodity="HOUR", quote="EUR", rate=Decimal(rate))


def time_given(user, fund: Fund, hours: str, on: datetime.date = DAY, kind: str = "time"):
    """Time (or, with ``kind="in_kind"``, a gift in kind in euros) declared and validated."""
    gift, _new = contribution_declare(
        giver=Giver(user=user), fund=fund, kind=kind, amount=hours, description="Étude", date=on
    )
    return contribution_validate(contribution=gift)


def standard_rule(study: Fund, platform: Fund, commons: Fund, *, recorder=None):
    """« 10 % au fonds de la plateforme, 5 % au fonds des communs, le reste aux contributeurs »."""
    return services.rule_create(
        slug="partage-etudes",
        name={"fr": "Partage des études", "en": "Sharing of studies"},
        fund=study,
        buckets=[
            {"base": "total", "percent": "10", "to": "fund", "target": platform.pk},
            {"base": "total", "percent": "5", "to": "fund", "target": commons.pk},
            {"base": "rest", "to": "contributors"},
        ],
        recorder=recorder,
    )


def income(fund: Fund, amount: str, on: datetime.date = DAY):
    """A study's payment received in ``fund``: bank against services income."""
    from remix.ledger.models import Account

    tx, _new = ledger.transaction_create(
        date=on,
        description="Paiement de l'étude",
        legs=[
            ledger.Leg.of(Account.objects.get(code="Assets:Bank:Current"), fund, amount),
            ledger.Leg.of(Account.objects.get(code="Income:Services"), fund, f"-{amount}"),
        ],
        post=True,
    )
    return tx

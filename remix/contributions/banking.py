"""Gifts by bank transfer, found again in an imported statement by their RF reference.

Once a bank import is done (the ledger's ``bank_import_done`` signal), each of its rows still
waiting as a draft whose label or reference holds the RF reference of a standing pledge, for
exactly the pledge's amount and currency, becomes that pledge's gift: ``payment_record``
categorises the draft in the pledge's fund (``Income:Contributions:Donations``, or the
receivable of a campaign pledge), posts it, and links a contribution to it. Any other row stays a
draft for the treasurer, listed on the treasury page to be matched by hand
(``services.unmatched``); a row that names a pledge but could not be matched (another amount, a
closed round…) leaves an audit event saying why, shown beside it. A matched row is no longer a
draft and its gift is keyed by the row, so running the matching again matches nothing twice.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.db.models import Q
from django.utils.translation import gettext as _

from remix.contributions.models import Contribution, Pledge, Provider, Visibility
from remix.contributions.references import reference_find, reference_make
from remix.contributions.selectors.pledges import pledge_by_reference
from remix.contributions.services.common import Giver
from remix.contributions.services.payments import payment_record
from remix.core.audit import audit_record
from remix.core.formats import format_money
from remix.core.models import AuditEvent
from remix.core.money import from_minor
from remix.ledger import services as ledger
from remix.ledger.imports import bank_import_drafts
from remix.ledger.models import BankImport, Fund, Transaction


@dataclass(frozen=True)
class Unmatched:
    row: Transaction
    pledge: Pledge
    reasons: list[str]


@dataclass(frozen=True)
class BankMatching:
    matched: list[Contribution] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)


def bank_import_match(*, bank_import: BankImport) -> BankMatching:
    """Turn the import's drafts that pay a standing pledge into that pledge's gifts."""
    result = BankMatching()
    # Only a row whose reference or label says "RF" can name a pledge: the others (most of a
    # statement of thousands of rows) are left in the database.
    rows = (
        bank_import_drafts(bank_import=bank_import)
        .filter(Q(reference__icontains="rf") | Q(description__icontains="rf"))
        .prefetch_related("postings__account")
        .order_by("date", "pk")
    )
    for row in rows:
        pledge = _pledge_named(row)
        if pledge is None:
            continue
        try:
            result.matched.append(bank_row_gift(row, pledge, recorder=bank_import.created_by))
        except ValidationError as error:
            result.unmatched.append(Unmatched(row, pledge, error.messages))
            _unmatched_report(row, pledge, error.messages)
    return result


def on_bank_import_done(sender, *, bank_import: BankImport, **kwargs) -> None:
    """The receiver of ``remix.ledger.signals.bank_import_done`` (connected in apps.py)."""
    bank_import_match(bank_import=bank_import)


def _pledge_named(row: Transaction) -> Pledge | None:
    body = reference_find(row.reference) or reference_find(row.description)
    return pledge_by_reference(reference_make(body), standing=True) if body else None


def bank_row_key(row: Transaction) -> str:
    """The key a bank row's gift is recorded under (``services.idempotency``), whoever records
    it: the automatic matching or a treasurer's hand, to a pledge or to a fund."""
    return f"bank:{row.external_key or row.pk}"


def bank_row_money(row: Transaction) -> tuple[int, str] | None:
    """What the row brought to the bank: its bank legs, in one currency."""
    legs = [p for p in row.postings.all() if not p.account.is_suspense]
    commodities = {p.commodity for p in legs}
    if len(commodities) != 1:
        return None
    return sum(p.amount_minor for p in legs), commodities.pop()


def bank_row_gift(
    row: Transaction,
    pledge: Pledge | None,
    *,
    recorder,
    pledge_amount: bool = True,
    fund: Fund | None = None,
    giver: Giver | None = None,
    visibility: str = Visibility.PUBLIC,
) -> Contribution:
    """The row recorded as the pledge's gift, or without a pledge as ``giver``'s gift to
    ``fund``, keyed by the row (``bank_row_key``), so that the automatic matching and a
    treasurer's hand record it once. With ``pledge_amount`` the row must bring exactly the
    pledge's amount; a treasurer may match another amount."""
    money = bank_row_money(row)
    if pledge is not None and (
        money is None or (pledge_amount and money != (pledge.amount_minor, pledge.commodity))
    ):
        raise ValidationError(
            _("The row's amount is not the pledge's (%(amount)s).")
            % {"amount": format_money(pledge.amount_minor, pledge.commodity)}
        )
    if money is None:
        raise ValidationError(_("This bank row holds more than one currency."))
    minor, commodity = money
    with db.atomic():
        if pledge is not None and pledge.visibility != Visibility.PUBLIC and not row.anonymous:
            # The bank's label names the giver, who asked not to be named on public pages.
            _anonymise(row, recorder=recorder)
        contribution, _created = payment_record(
            transaction=row,
            pledge=pledge,
            fund=fund,
            giver=giver,
            visibility=visibility,
            amount=from_minor(minor, commodity),
            commodity=commodity,
            date=row.date,
            provider=Provider.BANK,
            external_key=bank_row_key(row),
            recorder=recorder,
        )
    return contribution


def _anonymise(row: Transaction, *, recorder) -> None:
    legs = ledger.legs_of(row)
    ledger.transaction_update(
        transaction=row,
        date=row.date,
        description=row.description,
        legs=legs,
        counterparty=row.counterparty,
        anonymous=True,
        reference=row.reference,
        recorder=recorder,
    )


def _unmatched_report(row: Transaction, pledge: Pledge, reasons: list[str]) -> None:
    """Once per row: the treasurer sees why a row naming a pledge is still a draft."""
    action = "funding.bank.unmatched"
    if AuditEvent.objects.filter(action=action, data__row=row.pk).exists():
        return
    audit_record(
        action=action,
        obj=pledge,
        data={"row": row.pk, "date": str(row.date), "reasons": reasons},
    )

"""What every reader returns: a statement's rows, signed as on the bank account, and its
closing balance; and the checks every format makes (one account, one currency)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.core.money import MoneyError, commodity_read

CSV, OFX, CAMT053 = "csv", "ofx", "camt.053"


@dataclass(frozen=True)
class BankRow:
    line: int  # the CSV line where the row starts, or the entry's number in OFX and CAMT
    date: datetime.date
    amount: Decimal  # signed as on the bank account: money in is positive
    label: str
    reference: str = ""


@dataclass
class Statement:
    """A statement read at once (``rows`` a list) or as it is written (``rows`` an iterator,
    read once, which sets the closing balance when it meets one among or after the rows)."""

    format: str
    commodity: str
    rows: Iterable[BankRow] = field(default_factory=list)
    closing_date: datetime.date | None = None
    closing_balance: Decimal | None = None
    account: str = ""  # the account number (IBAN, ACCTID) when the file says it
    encoding: str = ""
    expected: int | None = None  # how many rows an iterator will yield, about (for progress)

    @property
    def announced(self) -> int:
        """The number of rows to show as the total while they are read."""
        if self.expected is not None:
            return self.expected
        return len(self.rows) if isinstance(self.rows, list) else 0


def one_account(accounts: set[str]) -> None:
    """A file holds one account's statements: several are refused whole."""
    if len(accounts) > 1:
        raise ImportRefused(
            None,
            _(
                "The file holds the statements of several accounts (%(accounts)s): import one "
                "account at a time."
            )
            % {"accounts": ", ".join(sorted(accounts))},
        )


def one_currency(currencies: set[str]) -> str:
    """The one currency a file is in, read as a commodity; a mix or an unknown code is refused."""
    if len(currencies) > 1:
        raise ImportRefused(
            None,
            _("The file mixes currencies (%(currencies)s).")
            % {"currencies": ", ".join(sorted(currencies))},
        )
    code = currencies.pop()
    try:
        return commodity_read(code)
    except MoneyError:
        raise ImportRefused(None, _("Unknown currency: %(code)s.") % {"code": code}) from None

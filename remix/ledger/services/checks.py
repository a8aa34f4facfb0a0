"""The checks a write to the books passes before it is written, each saying in the reader's words
what is wrong: legs that balance per fund and commodity, a known currency, an open date."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remix.core.money import Money, MoneyError, commodity_check
from remix.ledger import maths
from remix.ledger.models import Account, AccountScope, ClosedPeriod, Fund, FundKind, Posting


@dataclass(frozen=True)
class Leg:
    """One posting to write: an amount of money (income negative) in an account and a fund.

    Money crosses the services' boundaries as ``Money`` (minor units and their commodity), from
    the gift or the form that brings it to the posting that keeps it. A decimal typed by a person
    or read from a file becomes money once, at the edge: ``Leg.of`` or ``legs_read``."""

    account: Account
    fund: Fund
    money: Money
    memo: str = ""

    @classmethod
    def of(cls, account: Account, fund: Fund, amount, commodity: str = "EUR", memo: str = ""):
        """A leg from a decimal amount (``"12.50"``, ``Decimal("-3")``); ``MoneyError`` when the
        amount cannot be money in the commodity."""
        return cls(account, fund, Money.of(amount, commodity), memo)


def legs_read(rows) -> list[Leg]:
    """Legs from rows typed at an edge (a form, the API): each a mapping of ``account``,
    ``fund``, ``amount`` (a decimal), ``commodity`` and ``memo``. An amount that cannot be money
    is said with its row's number, as the books number postings."""
    legs = []
    for index, row in enumerate(rows, start=1):
        try:
            legs.append(
                Leg.of(row["account"], row["fund"], row["amount"], row["commodity"], row["memo"])
            )
        except MoneyError as error:
            raise ValidationError(
                {"postings": _("Posting %(n)s: %(reason)s") % {"n": index, "reason": error}}
            ) from None
    return legs


def legs_check(legs: list[Leg], *, is_transfer: bool) -> list[Posting]:
    """Turn legs into unsaved postings, or say in the reader's words what is wrong."""
    if len(legs) < 2:
        raise ValidationError({"postings": _("A transaction has at least two postings.")})
    postings = [_leg_posting(leg, index) for index, leg in enumerate(legs, start=1)]
    wrong = maths.imbalances((p.fund, p.commodity, p.amount_minor) for p in postings)
    if wrong:
        raise ValidationError(
            {"postings": [_imbalance_message(key, total) for key, total in wrong.items()]}
        )
    funds = {p.fund_id for p in postings}
    if is_transfer and len(funds) != 2:
        raise ValidationError({"postings": _("A transfer moves money between two funds.")})
    if not is_transfer and len(funds) != 1:
        raise ValidationError(
            {"postings": _("Money crosses funds only by an inter-fund transfer.")}
        )
    return postings


def _leg_posting(leg: Leg, index: int) -> Posting:
    """The unsaved posting of the ``index``-th leg: a known commodity, a non-zero amount in it,
    an open account that may carry the fund's money."""
    try:
        commodity = commodity_check(leg.money.commodity)
    except MoneyError as error:
        raise ValidationError(
            {"postings": _("Posting %(n)s: %(reason)s") % {"n": index, "reason": error}}
        ) from None
    minor = leg.money.minor
    if minor == 0:
        raise ValidationError({"postings": _("Posting %(n)s is zero.") % {"n": index}})
    if not leg.account.active:
        raise ValidationError(
            {"postings": _("Account %(code)s is closed.") % {"code": leg.account.code}}
        )
    if leg.account.scope == AccountScope.PROJECTS and leg.fund.kind == FundKind.PLATFORM:
        raise ValidationError(
            {
                "postings": _(
                    "%(code)s is a mediation project's cost: it cannot land in the platform "
                    "fund. Choose the project's fund."
                )
                % {"code": leg.account.code}
            }
        )
    return Posting(
        account=leg.account,
        fund=leg.fund,
        commodity=commodity,
        amount_minor=minor,
        memo=leg.memo[:200],
    )


def _imbalance_message(key, total: int) -> str:
    from remix.core.formats import format_money

    fund, commodity = key
    return _("%(commodity)s does not balance in the fund %(fund)s: off by %(amount)s.") % {
        "commodity": commodity,
        "fund": fund.slug,
        "amount": format_money(total, commodity),
    }


def commodity_known(code: str, *, field: str) -> str:
    """A commodity's code, checked: a currency or the volunteer hour."""
    try:
        return commodity_check(code)
    except MoneyError:
        raise ValidationError({field: _("Unknown currency: %(code)s.") % {"code": code}}) from None


def currency_check(code: str, *, field: str) -> str:
    """A currency's code, checked: a known commodity that is not the volunteer hour."""
    code = commodity_known(code, field=field)
    if code == "HOUR":
        raise ValidationError({field: _("Hours are not a currency.")})
    return code


def open_date_check(day: datetime.date) -> None:
    """Nothing is posted in a closed month or year."""
    closed = ClosedPeriod.objects.filter(start__lte=day, end__gte=day).first()
    if closed:
        raise ValidationError(
            {
                "date": _(
                    "%(date)s is in a closed period (%(start)s – %(end)s): date it in an open one."
                )
                % {"date": day, "start": closed.start, "end": closed.end}
            }
        )

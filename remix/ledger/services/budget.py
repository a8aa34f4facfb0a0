"""Needs: what a fund plans to spend in a period, which the resources are measured against."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.dates import date_check
from remix.core.i18ntext import text_clean
from remix.core.money import MoneyError, to_minor
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import maths
from remix.ledger.models import Account, AccountType, BudgetLine, Fund
from remix.ledger.services.audit import books_record
from remix.ledger.services.checks import currency_check


def budget_line_create(
    *,
    fund: Fund,
    period: maths.Period,
    amount: Decimal | str,
    commodity: str = "EUR",
    account: Account | None = None,
    category: str = "",
    note: dict | None = None,
    recorder=None,
) -> BudgetLine:
    commodity = currency_check(commodity, field="commodity")
    date_check(period.start, field="period")
    date_check(period.end, field="period")
    try:
        minor = to_minor(amount, commodity)
    except MoneyError as error:
        raise ValidationError({"amount": str(error)}) from None
    if account is not None and account.type != AccountType.EXPENSE:
        raise ValidationError({"account": _("A need is an expense account.")})
    line = BudgetLine(
        fund=fund,
        period_kind=period.kind,
        start=period.start,
        end=period.end,
        account=account,
        category=category or (account.need_category if account else ""),
        commodity=commodity,
        amount_minor=minor,
        note=text_clean(note),
    )
    if minor <= 0:
        raise ValidationError({"amount": _("A need is a positive amount.")})
    line.full_clean()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        line.save()
        books_record(
            action="ledger.budget_line.created",
            recorder=recorder,
            obj=line,
            data={"fund": fund.slug, "period": period.name, "amount": str(amount)},
        )
    return line


def budget_line_delete(*, line: BudgetLine, recorder=None) -> None:
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        books_record(
            action="ledger.budget_line.deleted",
            recorder=recorder,
            obj=line,
            data={"fund": line.fund.slug, "amount": str(line.amount), "start": str(line.start)},
        )
        line.delete()

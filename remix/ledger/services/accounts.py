"""Funds and accounts: created and changed by those who keep the books, never deleted here."""

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.i18ntext import text_clean
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger.models import (
    ACCOUNT_CODE,
    ROOT_TYPES,
    Account,
    AccountScope,
    AccountType,
    Fund,
)
from remix.ledger.services.audit import books_record
from remix.ledger.services.checks import currency_check


def fund_create(
    *,
    slug: str,
    name: dict,
    kind: str,
    description: dict | None = None,
    reporting_currency: str = "EUR",
    recorder=None,
) -> Fund:
    fund = Fund(
        slug=slug,
        name=text_clean(name),
        kind=kind,
        description=text_clean(description),
        reporting_currency=currency_check(reporting_currency, field="reporting_currency"),
    )
    fund.full_clean()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        fund.save()
        books_record(
            action="ledger.fund.created",
            recorder=recorder,
            obj=fund,
            data={"slug": slug, "kind": kind},
        )
    return fund


def fund_update(*, fund: Fund, name: dict, description: dict, active: bool, recorder=None) -> Fund:
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        fund = Fund.objects.select_for_update().get(pk=fund.pk)
        fund.name, fund.description, fund.active = text_clean(name), text_clean(description), active
        fund.full_clean()
        fund.save()
        books_record(
            action="ledger.fund.updated", recorder=recorder, obj=fund, data={"active": active}
        )
    return fund


def account_create(
    *,
    code: str,
    name: dict,
    number: str = "",
    nature: str = "",
    need_category: str = "",
    scope: str = AccountScope.ANY,
    is_cash: bool = False,
    recorder=None,
) -> Account:
    code = (code or "").strip()
    root = code.split(":", 1)[0]
    account = Account(
        code=code,
        name=text_clean(name),
        number=number,
        nature=nature,
        need_category=need_category,
        scope=scope,
        is_cash=is_cash,
        type=ROOT_TYPES.get(root, ""),
    )
    if ACCOUNT_CODE.match(code) and account.type == AccountType.INCOME and not nature:
        raise ValidationError({"nature": _("Every income account has a resource nature.")})
    if account.type != AccountType.INCOME and nature:
        raise ValidationError({"nature": _("Only income accounts have a resource nature.")})
    account.full_clean()
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        account.save()
        books_record(
            action="ledger.account.created", recorder=recorder, obj=account, data={"code": code}
        )
    return account


def account_update(
    *,
    account: Account,
    name: dict,
    number: str,
    nature: str,
    need_category: str,
    scope: str,
    is_cash: bool,
    active: bool,
    recorder=None,
) -> Account:
    """Everything but the code and the type: postings keep meaning what they meant."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        account = Account.objects.select_for_update().get(pk=account.pk)
        account.name, account.number, account.scope = text_clean(name), number, scope
        account.nature, account.need_category = nature, need_category
        account.is_cash, account.active = is_cash, active
        if account.type == AccountType.INCOME and not nature:
            raise ValidationError({"nature": _("Every income account has a resource nature.")})
        account.full_clean()
        account.save()
        books_record(
            action="ledger.account.updated",
            recorder=recorder,
            obj=account,
            data={"code": account.code, "active": active},
        )
    return account

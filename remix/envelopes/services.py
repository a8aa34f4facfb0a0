"""Every write of the contributive budget: an envelope opened, requests asked and amended in
public, questions and answers under them, the requests frozen, then the closing, which grants
each request its part by the chosen rule and posts the payouts to the books in one transaction.

Accounts of the payouts: the fund the envelope is paid from bears the expense (the envelope's
expense account, debit), and each contributor is owed their part until the bank pays it (one
credit per contributor to ``chart.CONTRIBUTORS_PAYABLE``, 4678, where the sharing rules' parts are
owed too, with the contributor's name in its memo): the books then show both the cost of the work
and what is still to be paid to whom."""

from decimal import Decimal

from babel import numbers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.core.audit import audit_record
from remix.core.formats import current_locale, format_money
from remix.core.money import Money, MoneyError, commodity_check
from remix.core.permissions import (
    can_envelope_close,
    can_envelope_comment,
    can_envelope_open,
    can_envelope_request,
    can_request_amend,
    require,
    require_recorder,
)
from remix.envelopes import budget
from remix.envelopes.models import Comment, Envelope, Request, RequestVersion, Rule, Status
from remix.ledger import chart
from remix.ledger import services as books
from remix.ledger.models import Account, AccountScope, AccountType, FundKind


def _envelope_check(
    *, fund, amount_minor, day_min_minor, day_max_minor, commodity, expense_account
):
    errors = {}
    try:
        commodity_check(commodity)
    except MoneyError:
        errors["commodity"] = _("Unknown currency: %(code)s.") % {"code": commodity}
    if amount_minor <= 0:
        errors["amount"] = _("Give an amount above zero.")
    if day_min_minor <= 0:
        errors["day_min"] = _("Give an amount above zero.")
    elif day_max_minor < day_min_minor:
        errors["day_max"] = _("The daily maximum cannot be below the daily minimum.")
    if expense_account.type != AccountType.EXPENSE:
        errors["expense_account"] = _("Choose an expense account.")
    elif expense_account.scope == AccountScope.PROJECTS and fund.kind == FundKind.PLATFORM:
        errors["expense_account"] = _(
            "This account is a mediation project's cost: choose a project's fund to pay from."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def envelope_open(
    *,
    title: str,
    fund,
    expense_account: Account,
    amount_minor: int,
    day_min_minor: int,
    day_max_minor: int,
    commodity: str = "EUR",
    description: str = "",
    period: str = "",
    project: str = "",
    project_fund=None,
    recorder=None,
) -> Envelope:
    """A new envelope, open to requests."""
    require_recorder(can_envelope_open, recorder)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the envelope a title.")})
    _envelope_check(
        fund=fund,
        amount_minor=amount_minor,
        day_min_minor=day_min_minor,
        day_max_minor=day_max_minor,
        commodity=commodity,
        expense_account=expense_account,
    )
    envelope = Envelope.objects.create(
        title=title.strip(),
        description=(description or "").strip(),
        fund=fund,
        expense_account=expense_account,
        period=(period or "").strip(),
        project=(project or "").strip(),
        project_fund=project_fund,
        commodity=commodity,
        amount_minor=amount_minor,
        day_min_minor=day_min_minor,
        day_max_minor=day_max_minor,
        created_by=recorder if recorder is not None and recorder.is_authenticated else None,
    )
    audit_record(
        action="envelopes.envelope.opened",
        recorder=recorder,
        obj=envelope,
        data={"amount_minor": amount_minor, "commodity": commodity, "fund": fund.slug},
    )
    return envelope


def _open_locked(envelope: Envelope) -> Envelope:
    locked = Envelope.objects.select_for_update().get(pk=envelope.pk)
    if locked.status != Status.OPEN:
        raise ValidationError(
            _("This envelope is no longer open: requests can no longer be made or amended."),
            code="not_open",
        )
    return locked


def _range_check(envelope: Envelope, *, days: Decimal, asked_minor: int) -> None:
    """The amount asked lies within the days times the daily range, or the refusal says both."""
    if days is None or days <= 0 or days >= 10_000:
        raise ValidationError({"days": _("Give a number of days above zero.")})
    if days != days.quantize(Decimal("0.01")):
        raise ValidationError({"days": _("Give the days to the hundredth at most (2.25).")})
    bounds = budget.request_range(days, envelope.day_min_minor, envelope.day_max_minor)
    if not bounds.holds(asked_minor):
        money = envelope.commodity
        raise ValidationError(
            {
                "amount": _(
                    "Days worked: %(days)s. At %(min)s to %(max)s a day, ask between %(low)s "
                    "and %(high)s."
                )
                % {
                    "days": numbers.format_decimal(
                        days, format="#,##0.##", locale=current_locale()
                    ),
                    "min": format_money(envelope.day_min_minor, money),
                    "max": format_money(envelope.day_max_minor, money),
                    "low": format_money(bounds.low, money),
                    "high": format_money(bounds.high, money),
                }
            },
            code="out_of_range",
        )


def _what_check(what: str) -> str:
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Say what you did.")})
    return what


@transaction.atomic
def request_ask(*, envelope: Envelope, what: str, days: Decimal, asked_minor: int, requester):
    """A member's public request: what they did, their days, the amount they find fair."""
    require(can_envelope_request, requester)
    what = _what_check(what)
    envelope = _open_locked(envelope)
    _range_check(envelope, days=days, asked_minor=asked_minor)
    already = _("You have asked this envelope already: amend your request instead.")
    if envelope.requests.filter(requester=requester).exists():
        raise ValidationError({"what": already}, code="asked")
    try:
        with transaction.atomic():
            request = Request.objects.create(
                envelope=envelope,
                requester=requester,
                name=requester.public_name,
                what=what,
                days=days,
                asked_minor=asked_minor,
            )
    except IntegrityError:  # the same person's request raced in
        raise ValidationError({"what": already}, code="asked") from None
    RequestVersion.objects.create(
        request=request, number=1, what=what, days=days, asked_minor=asked_minor
    )
    audit_record(
        action="envelopes.request.asked",
        recorder=requester,
        obj=request,
        data={"envelope": envelope.pk, "days": str(days), "asked_minor": asked_minor},
    )
    return request


@transaction.atomic
def request_amend(*, request: Request, what: str, days: Decimal, asked_minor: int, recorder):
    """The requester changes their request while the envelope is open; the earlier versions stay
    readable under it."""
    require(can_request_amend, recorder, request=request)
    what = _what_check(what)
    envelope = _open_locked(request.envelope)
    _range_check(envelope, days=days, asked_minor=asked_minor)
    request = Request.objects.select_for_update().get(pk=request.pk)
    if (request.what, request.days, request.asked_minor) == (what, days, asked_minor):
        return request
    number = request.versions.count() + 1
    RequestVersion.objects.create(
        request=request, number=number, what=what, days=days, asked_minor=asked_minor
    )
    request.what, request.days, request.asked_minor = what, days, asked_minor
    request.save(update_fields=["what", "days", "asked_minor", "updated_at"])
    audit_record(
        action="envelopes.request.amended",
        recorder=recorder,
        obj=request,
        data={"version": number, "days": str(days), "asked_minor": asked_minor},
    )
    return request


@transaction.atomic
def comment_write(*, request: Request, body: str, author) -> Comment:
    """A question (or the requester's answer) under a request, until the envelope is closed."""
    require(can_envelope_comment, author)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your question or your answer.")})
    envelope = Envelope.objects.select_for_update().get(pk=request.envelope_id)
    if envelope.status == Status.CLOSED:
        raise ValidationError(_("This envelope is closed: its threads are kept as they are."))
    comment = Comment.objects.create(
        request=request, author=author, name=author.public_name, body=body
    )
    audit_record(
        action="envelopes.comment.written",
        recorder=author,
        obj=comment,
        data={"request": request.pk},
    )
    return comment


@transaction.atomic
def envelope_freeze(*, envelope: Envelope, recorder=None) -> Envelope:
    """Open → closing: the requests are frozen for the closing (a meeting, a reduction)."""
    require_recorder(can_envelope_close, recorder)
    envelope = _open_locked(envelope)
    envelope.status = Status.CLOSING
    envelope.save(update_fields=["status"])
    audit_record(action="envelopes.envelope.frozen", recorder=recorder, obj=envelope)
    return envelope


@transaction.atomic
def envelope_close(
    *, envelope: Envelope, rule: str, agreed: dict | None = None, date=None, recorder=None
) -> Envelope:
    """Close the envelope once: grant each request its part by ``rule`` (``proportional``, or
    ``agreed`` with ``agreed`` mapping each request's id to its amount in minor units) and post
    the payouts in one transaction. A closed envelope is never closed again: a correction
    reverses its transaction in the books."""
    require_recorder(can_envelope_close, recorder)
    if rule not in Rule.values:
        raise ValidationError({"rule": _("Choose how the envelope is shared.")})
    envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
    if envelope.status == Status.CLOSED:
        raise ValidationError(
            _(
                "This envelope is closed already and its closing cannot be redone: a correction "
                "reverses its transaction in the books."
            ),
            code="closed",
        )
    requests = list(envelope.requests.select_for_update().order_by("created_at", "pk"))
    parts = _parts(envelope, requests, rule=rule, agreed=agreed)
    for request, part in zip(requests, parts, strict=True):
        request.granted_minor = part
    Request.objects.bulk_update(requests, ["granted_minor"])
    posted = _payouts_post(envelope, requests, date=date, recorder=recorder)
    envelope.status, envelope.rule, envelope.transaction = Status.CLOSED, rule, posted
    envelope.closed_at = timezone.now()
    envelope.closed_by = recorder if recorder is not None and recorder.is_authenticated else None
    envelope.save(update_fields=["status", "rule", "transaction", "closed_at", "closed_by"])
    audit_record(
        action="envelopes.envelope.closed",
        recorder=recorder,
        obj=envelope,
        data={
            "rule": rule,
            "granted": {str(request.pk): request.granted_minor for request in requests},
            "total_minor": sum(parts),
            "transaction": posted.pk if posted else None,
        },
    )
    return envelope


def _parts(envelope: Envelope, requests: list[Request], *, rule: str, agreed) -> list[int]:
    if rule == Rule.PROPORTIONAL:
        return budget.proportional(envelope.amount_minor, [r.asked_minor for r in requests])
    agreed = {int(key): value for key, value in (agreed or {}).items()}
    if set(agreed) != {request.pk for request in requests}:
        raise ValidationError(
            {"agreed": _("Give the agreed amount of every request, and only them.")}
        )
    parts = [agreed[request.pk] for request in requests]
    problems = budget.agreed_problems(envelope.amount_minor, parts)
    if "negative" in problems:
        raise ValidationError({"agreed": _("An agreed amount cannot be negative.")})
    if "over" in problems:
        raise ValidationError(
            {
                "agreed": _(
                    "The agreed amounts add up to %(total)s, more than the envelope's %(amount)s."
                )
                % {
                    "total": format_money(sum(parts), envelope.commodity),
                    "amount": format_money(envelope.amount_minor, envelope.commodity),
                }
            }
        )
    return parts


def _payouts_post(envelope: Envelope, requests: list[Request], *, date, recorder):
    """The payouts as one posted transaction: the expense of the fund, and what is owed to each
    contributor; none when nobody is granted anything."""
    granted = [request for request in requests if request.granted_minor]
    if not granted:
        return None
    money = envelope.commodity
    payable = Account.objects.get(code=chart.CONTRIBUTORS_PAYABLE)
    total = sum(request.granted_minor for request in granted)
    legs = [books.Leg(envelope.expense_account, envelope.fund, Money(total, money), envelope.title)]
    legs += [
        books.Leg(payable, envelope.fund, Money(-request.granted_minor, money), request.name)
        for request in granted
    ]
    posted, _created = books.transaction_create(
        date=date or timezone.localdate(),
        description=_("Contributive budget: %(title)s") % {"title": envelope.title},
        legs=legs,
        reference=f"envelope-{envelope.pk}",
        external_key=f"envelope:{envelope.pk}:payouts",
        post=True,
        recorder=recorder,
    )
    return posted

"""Every write of revenue sharing: rules and their versions, distributions and their reversal.

A distribution from the fund that received the income posts, in one database transaction:

- one transaction in that fund for the people (contributors and actors): each part is an
  expense of the fund (``Expenses:Retributions``, PCG 622) and a debt to the person
  (``Liabilities:Contributors``, PCG 4678), one posting per person naming them, paid later by
  the treasurer like any debt;
- one inter-fund transfer per bucket that goes to another fund (``transfer_record``: the money
  moves from the fund's bank account to the other fund's, through ``Equity:Transfers``).

The books accept one fund per transaction, or two for a transfer, so a distribution to two funds
and to people is this group of transactions, all or none. What no bucket takes stays in the fund
and posts nothing.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.allies.models import Actor
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import date_check
from remix.core.i18ntext import text_clean
from remix.core.money import Money
from remix.core.permissions import (
    can_distribute_revenue,
    can_edit_sharing_rules,
    require_recorder,
)
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.models import Account, Fund, Transaction
from remix.sharing import rules, selectors
from remix.sharing.models import (
    Distribution,
    DistributionPart,
    DistributionReversal,
    SharingRule,
    SharingRuleVersion,
)


def rule_create(
    *, slug: str, name: dict, fund: Fund, buckets: list[dict], commodity: str = "EUR", recorder=None
) -> SharingRule:
    """A new rule and its first version."""
    require_recorder(can_edit_sharing_rules, recorder)
    name = text_clean(name)
    if not (slug or "").strip():
        raise ValidationError({"slug": _("Give the rule a short name for its address.")})
    if not name:
        raise ValidationError({"name": _("Name the rule in at least one language.")})
    with db.atomic():
        if SharingRule.objects.filter(slug=slug).exists():
            raise ValidationError({"slug": _("Another rule has this address.")})
        rule = SharingRule.objects.create(
            slug=slug.strip(),
            name=name,
            fund=fund,
            commodity=commodity,
            created_by=as_recorder(recorder),
        )
        audit_record(
            action="sharing.rule.created", recorder=recorder, obj=rule, data={"slug": slug}
        )
        _version_write(rule, buckets, note="", recorder=recorder)
    return rule


def rule_revise(
    *, rule: SharingRule, buckets: list[dict], note: str = "", recorder=None
) -> SharingRuleVersion:
    """A change to a rule is a new version; the earlier ones stay as they were."""
    require_recorder(can_edit_sharing_rules, recorder)
    with db.atomic():
        rule = SharingRule.objects.select_for_update().get(pk=rule.pk)
        return _version_write(rule, buckets, note=note, recorder=recorder)


def _version_write(rule: SharingRule, buckets: list[dict], *, note: str, recorder):
    checked = buckets_valid(buckets, rule=rule)
    last = rule.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = SharingRuleVersion.objects.create(
        rule=rule,
        number=last + 1,
        buckets=[bucket.stored() for bucket in checked],
        note=(note or "").strip()[:300],
        created_by=as_recorder(recorder),
    )
    audit_record(
        action="sharing.rule.revised",
        recorder=recorder,
        obj=rule,
        data={"version": version.number, "buckets": version.buckets},
    )
    return version


def buckets_valid(buckets: list[dict], *, rule: SharingRule) -> list[rules.Bucket]:
    """The buckets as the evaluator reads them, or a refusal saying which bucket is wrong: the
    evaluator's checks, then the funds and actors they name exist (the fund shared is not one:
    what no bucket takes stays in it)."""
    if not isinstance(buckets, list) or not all(isinstance(b, dict) for b in buckets):
        raise ValidationError({"buckets": _("The buckets are a list.")})
    read = [rules.Bucket.read(bucket) for bucket in buckets]
    problems = [_bucket_message(index, _(reason)) for index, reason in rules.buckets_check(read)]
    for index, bucket in enumerate(read):
        if problems:
            break
        if bucket.recipient == rules.FUND and (
            bucket.target == rule.fund_id
            or not Fund.objects.filter(pk=bucket.target, active=True).exists()
        ):
            problems.append(
                _bucket_message(index, _("Choose an open fund other than the fund shared."))
            )
        if bucket.recipient == rules.ACTOR and not Actor.objects.filter(pk=bucket.target).exists():
            problems.append(_bucket_message(index, _("Choose an actor of the map.")))
    if problems:
        raise ValidationError({"buckets": problems})
    return read


def _bucket_message(index: int | None, reason: str) -> str:
    if index is None:
        return reason
    return _("Bucket %(n)s: %(reason)s") % {"n": index + 1, "reason": reason}


def distribution_record(
    *,
    version: SharingRuleVersion,
    amount: int,
    date: datetime.date,
    period: tuple[datetime.date, datetime.date],
    income: Transaction | None = None,
    external_key: str | None = None,
    recorder=None,
) -> Distribution:
    """Share ``amount`` (minor units) by ``version`` and post it (see the module's docstring).
    A repeated ``external_key`` returns the first distribution; an income is shared once."""
    require_recorder(can_distribute_revenue, recorder)
    date_check(date)
    if external_key and (found := Distribution.objects.filter(external_key=external_key).first()):
        return found
    rule = version.rule
    if amount <= 0:
        raise ValidationError({"amount": _("Share a positive amount.")})
    if period[0] > period[1]:
        raise ValidationError({"period_start": _("The period starts before it ends.")})
    scope = selectors.Scope(rule.fund, period[0], period[1], rule.commodity)
    try:
        with db.atomic():
            income = _income_check(income, rule.fund)
            run = selectors.dry_run(version=version, amount=amount, scope=scope)
            distribution = Distribution.objects.create(
                version=version,
                fund=rule.fund,
                amount_minor=amount,
                commodity=rule.commodity,
                date=date,
                period_start=period[0],
                period_end=period[1],
                income=income,
                external_key=external_key or None,
                created_by=as_recorder(recorder),
            )
            _parts_post(distribution, run, recorder=recorder)
            audit_record(
                action="sharing.distribution.recorded",
                recorder=recorder,
                obj=distribution,
                data={"version": version.pk, "amount": amount, "parts": len(run.parts)},
            )
    except rules.SharingError as error:
        raise ValidationError({"amount": _(str(error))}) from None
    except IntegrityError:
        # The same key raced in from a parallel call, which won: answer with its distribution.
        found = Distribution.objects.filter(external_key=external_key).first()
        if external_key and found:
            return found
        raise
    return distribution


def _income_check(income: Transaction | None, fund: Fund) -> Transaction | None:
    if income is None:
        return None
    income = Transaction.objects.select_for_update().get(pk=income.pk)
    if (
        not income.is_posted
        or not income.postings.filter(fund=fund, account__type="income").exists()
    ):
        raise ValidationError({"income": _("Choose a posted income of the fund shared.")})
    if Distribution.objects.filter(income=income, reversal__isnull=True).exists():
        raise ValidationError({"income": _("This income was already shared.")})
    return income


def _parts_post(distribution: Distribution, run: selectors.DryRun, *, recorder) -> None:
    """The parts written, and posted: the people's in one transaction, each fund's by transfer."""
    fund, commodity = distribution.fund, distribution.commodity
    names = _recipient_names(run.parts, fund)
    people = [p for p in run.parts if p.recipient in (rules.ACTOR, rules.CONTRIBUTORS) and p.amount]
    owed = _people_post(distribution, people, names, recorder=recorder) if people else None
    paid = {id(part) for part in people}
    rows = []
    for position, part in enumerate(run.parts):
        tx = owed if id(part) in paid else None
        if part.recipient == rules.FUND and part.amount:
            tx = ledger.transfer_record(
                date=distribution.date,
                from_fund=fund,
                to_fund=Fund.objects.get(pk=part.target),
                amount=Money(part.amount, commodity).amount,
                commodity=commodity,
                description=_("Revenue shared by %(rule)s") % {"rule": distribution.version},
                external_key=f"sharing:{distribution.pk}:{position}",
                recorder=recorder,
            )
        rows.append(_part_row(distribution, position, part, names[id(part)], tx))
    DistributionPart.objects.bulk_create(rows)


def _people_post(
    distribution: Distribution, people: list[rules.Part], names: dict, *, recorder
) -> Transaction:
    fund, commodity = distribution.fund, distribution.commodity
    expense = Account.objects.get(code=chart.RETRIBUTIONS)
    owed = Account.objects.get(code=chart.CONTRIBUTORS_PAYABLE)
    total = sum(part.amount for part in people)
    legs = [ledger.Leg(expense, fund, Money(total, commodity))] + [
        ledger.Leg(owed, fund, Money(-part.amount, commodity), _memo(part, names))
        for part in people
    ]
    tx, _new = ledger.transaction_create(
        date=distribution.date,
        description=_("Revenue shared by %(rule)s") % {"rule": distribution.version},
        legs=legs,
        external_key=f"sharing:{distribution.pk}",
        post=True,
        recorder=recorder,
    )
    return tx


def _memo(part: rules.Part, names: dict) -> str:
    """The debt's memo names the person, unless they gave without their name shown: the books
    are open, and the distribution's page names them to treasurers."""
    if part.contributor is not None and not part.contributor.public:
        return _("A contributor (see the distribution)")
    return names[id(part)][:200]


def _recipient_names(parts: list[rules.Part], fund: Fund) -> dict:
    funds = Fund.objects.in_bulk([p.target for p in parts if p.recipient == rules.FUND])
    actors = Actor.objects.in_bulk([p.target for p in parts if p.recipient == rules.ACTOR])
    names = {}
    for part in parts:
        if part.recipient == rules.FUND:
            names[id(part)] = funds[part.target].label
        elif part.recipient == rules.ACTOR:
            names[id(part)] = actors[part.target].name
        elif part.recipient == rules.CONTRIBUTORS:
            names[id(part)] = part.contributor.name
        else:
            names[id(part)] = fund.label
    return names


def _part_row(distribution, position: int, part: rules.Part, name: str, tx) -> DistributionPart:
    key = part.contributor.key if part.contributor else (None, None)
    return DistributionPart(
        distribution=distribution,
        position=position,
        bucket=part.bucket,
        recipient=part.recipient,
        fund_id=part.target if part.recipient == rules.FUND else None,
        actor_id=part.target
        if part.recipient == rules.ACTOR
        else (key[1] if key[0] == "actor" else None),
        user_id=key[1] if key[0] == "user" else None,
        name=name[:200],
        public=part.contributor.public if part.contributor else True,
        value_minor=part.contributor.value if part.contributor else 0,
        amount_minor=part.amount,
        transaction=tx,
    )


def distribution_reverse(*, distribution: Distribution, reason: str, recorder=None):
    """A distribution undone: each transaction it posted reversed, the reversal recorded beside
    it (the distribution itself never changes); reversing it again returns the first reversal."""
    require_recorder(can_distribute_revenue, recorder)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the distribution is reversed.")})
    with db.atomic():
        distribution = Distribution.objects.select_for_update().get(pk=distribution.pk)
        existing = DistributionReversal.objects.filter(distribution=distribution).first()
        if existing:
            return existing
        transactions = Transaction.objects.filter(
            pk__in=distribution.parts.exclude(transaction=None).values("transaction")
        ).order_by("pk")
        for tx in transactions:
            ledger.transaction_reverse(
                transaction=tx, reason=reason, date=timezone.localdate(), recorder=recorder
            )
        reversal = DistributionReversal.objects.create(
            distribution=distribution, reason=reason[:300], created_by=as_recorder(recorder)
        )
        audit_record(
            action="sharing.distribution.reversed",
            recorder=recorder,
            obj=distribution,
            data={"reason": reason},
        )
    return reversal

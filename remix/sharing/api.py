"""Revenue sharing over HTTP: the rules (public), a change as a new version, the dry run (public:
what each would get, nothing posted) and a distribution (a treasurer's token)."""

import datetime

from django.db import transaction as db
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import BaseModel

from remix.api.auth import token_auth_for
from remix.api.common import (
    ERRORS,
    READ,
    DecimalText,
    IdempotencyKey,
    Page,
    Rows,
    actor_by_slug,
    amount_text,
    fund_by_slug,
    refused,
    retry_key,
    retry_record,
)
from remix.core.amounts import amount_positive
from remix.core.permissions import can_distribute_revenue, can_edit_sharing_rules, can_keep_books
from remix.ledger.models import Transaction
from remix.sharing import rules, selectors, services, words
from remix.sharing.models import Distribution, SharingRule

router = Router(tags=["sharing"])


class BucketIn(Schema):
    base: str = Field(description="`total`, `remaining` or `rest` (the last bucket only).")
    percent: str | None = Field(
        None, description="A decimal string (`10`, `12.5`); none for `rest`."
    )
    to: str = Field(description="`fund`, `actor` or `contributors`.")
    fund: str | None = Field(None, description="The receiving fund's slug (`to: fund`).")
    actor: str | None = Field(None, description="The receiving actor's slug (`to: actor`).")


class BucketOut(BaseModel):
    base: str
    percent: str | None
    to: str
    recipient: str
    words: str


class VersionOut(BaseModel):
    number: int
    note: str
    created_at: datetime.datetime
    buckets: list[BucketOut]


class RuleOut(BaseModel):
    id: int
    slug: str
    name: dict
    fund: str
    commodity: str
    version: VersionOut
    versions: list[int]


def _buckets_out(version, named) -> list[BucketOut]:
    return [
        BucketOut(
            base=b.base,
            percent=None if b.percent is None else str(b.percent),
            to=b.recipient,
            recipient=words.recipient_words(b, named),
            words=words.bucket_words(b, named),
        )
        for b in version.bucket_list
    ]


def _rules_out(page) -> list[RuleOut]:
    """A page of rules: their current versions' recipients named in two queries for the page."""
    found = list(page)
    current = {rule.pk: selectors.rule_current(rule) for rule in found}
    named = words.recipients_named([b for v in current.values() for b in v.bucket_list])
    return [
        RuleOut(
            id=rule.pk,
            slug=rule.slug,
            name=rule.name,
            fund=rule.fund.slug,
            commodity=rule.commodity,
            version=VersionOut(
                number=current[rule.pk].number,
                note=current[rule.pk].note,
                created_at=current[rule.pk].created_at,
                buckets=_buckets_out(current[rule.pk], named),
            ),
            versions=[v.number for v in rule.versions.all()],
        )
        for rule in found
    ]


@router.get(
    "/sharing-rules",
    response=list[RuleOut],
    auth=READ,
    url_name="sharing_rules",
    summary="Sharing rules: how each fund's income is shared, in their current version",
    description="Each rule with its current buckets, said in words in the reader's language, "
    "and the numbers of all its versions (every version stays readable).",
)
@paginate(Page)
def rule_list(request):
    return Rows(selectors.rule_list(), write_page=_rules_out)


def _buckets_read(buckets: list[BucketIn]) -> list[dict]:
    read = []
    for bucket in buckets:
        target = None
        if bucket.to == rules.FUND:
            target = fund_by_slug(bucket.fund or "", "buckets").pk
        elif bucket.to == rules.ACTOR:
            target = actor_by_slug(bucket.actor or "", "buckets").pk
        data = {"base": bucket.base, "to": bucket.to, "target": target}
        if bucket.percent is not None:
            data["percent"] = bucket.percent
        read.append(data)
    return read


class RuleIn(Schema):
    slug: str = Field(max_length=80, pattern=r"^[-a-z0-9]+$")
    name: dict[str, str] = Field(description="The rule's name per language (`fr`, `en`, `es`).")
    fund: str = Field(description="The slug of the fund whose income the rule shares.")
    commodity: str = "EUR"
    buckets: list[BucketIn]


@router.post(
    "/sharing-rules",
    response={201: RuleOut, **ERRORS},
    auth=token_auth_for(can_edit_sharing_rules),
    summary="Write a new sharing rule (treasurers and stewards)",
)
def rule_create(request, payload: RuleIn):
    rule = services.rule_create(
        slug=payload.slug,
        name=payload.name,
        fund=fund_by_slug(payload.fund),
        buckets=_buckets_read(payload.buckets),
        commodity=payload.commodity,
        recorder=request.auth,
    )
    return Status(201, _rules_out([selectors.rule_list().get(pk=rule.pk)])[0])


class RevisionIn(Schema):
    buckets: list[BucketIn]
    note: str = Field("", max_length=300, description="What changed, and why.")


@router.post(
    "/sharing-rules/{rule_id}/versions",
    response={201: RuleOut, **ERRORS},
    auth=token_auth_for(can_edit_sharing_rules),
    summary="Change a rule: a new version (treasurers and stewards); the old ones stay",
)
def rule_revise(request, rule_id: int, payload: RevisionIn):
    rule = get_object_or_404(SharingRule, pk=rule_id)
    services.rule_revise(
        rule=rule, buckets=_buckets_read(payload.buckets), note=payload.note, recorder=request.auth
    )
    return Status(201, _rules_out([selectors.rule_list().get(pk=rule.pk)])[0])


class DryRunIn(Schema):
    amount: DecimalText
    version: int | None = Field(None, description="A version's number; the current one if none.")
    start: datetime.date | None = Field(None, description="Contributions from (a year ago).")
    end: datetime.date | None = Field(None, description="Contributions until (today).")


class RecipientOut(BaseModel):
    kind: str
    name: str
    id: int | None


class PartOut(BaseModel):
    bucket: int | None
    recipient: RecipientOut
    amount: str
    value: str | None = Field(description="A contributor's valued contribution in the period.")


class DryRunOut(BaseModel):
    rule: int
    version: int
    amount: str
    commodity: str
    start: datetime.date
    end: datetime.date
    parts: list[PartOut]


def _parts_out(run: selectors.DryRun, *, names_shown: bool) -> list[PartOut]:
    commodity = run.version.rule.commodity
    named = words.recipients_named(run.version.bucket_list)
    out = []
    for part in run.parts:
        value, ident = None, part.target
        if part.contributor is not None:
            shown = names_shown or part.contributor.public
            name = part.contributor.name if shown else _("A contributor")
            kind, ident = part.contributor.key
            ident = ident if shown and kind != "name" else None
            value = amount_text(part.contributor.value, commodity)
        elif part.recipient == rules.KEPT:
            kind, name = rules.KEPT, run.scope.fund.label
            ident = run.scope.fund.pk
        else:
            kind, name = part.recipient, named.get((part.recipient, part.target), "?")
        out.append(
            PartOut(
                bucket=part.bucket,
                recipient=RecipientOut(kind=kind, name=name, id=ident),
                amount=amount_text(part.amount, commodity),
                value=value,
            )
        )
    return out


def _version(rule: SharingRule, number: int | None):
    version = selectors.rule_version(rule, number)
    if version is None:
        raise refused("version", _("This rule has no version %(n)s.") % {"n": number})
    return version


def _scope(rule, start, end) -> selectors.Scope:
    first, last = selectors.default_period(timezone.localdate())
    scope = selectors.Scope(rule.fund, start or first, end or last, rule.commodity)
    if scope.start > scope.end:
        raise refused("start", _("The period starts before it ends."))
    return scope


@router.post(
    "/sharing-rules/{rule_id}/dry-run",
    response={200: DryRunOut, **ERRORS},
    auth=READ,
    summary="What each recipient would get of an amount, before anything is posted",
    description="Contributors are valued by their recorded time (at the books' hourly rate) and "
    "gifts in kind on the rule's fund over the period; each part's `amount` is a decimal "
    "string, and the parts add up to the amount. Names of contributors who gave privately are "
    "shown to treasurers only.",
)
def dry_run(request, rule_id: int, payload: DryRunIn):
    rule = get_object_or_404(selectors.rule_list(), pk=rule_id)
    version = _version(rule, payload.version)
    minor, _c = amount_positive(payload.amount, rule.commodity)
    scope = _scope(rule, payload.start, payload.end)
    try:
        run = selectors.dry_run(version=version, amount=minor, scope=scope)
    except rules.SharingError as error:
        raise refused("amount", _(str(error))) from None
    return _dry_run_out(run, names_shown=can_keep_books(request.auth))


def _dry_run_out(run, *, names_shown: bool) -> DryRunOut:
    return DryRunOut(
        rule=run.version.rule_id,
        version=run.version.number,
        amount=amount_text(run.amount, run.version.rule.commodity),
        commodity=run.version.rule.commodity,
        start=run.scope.start,
        end=run.scope.end,
        parts=_parts_out(run, names_shown=names_shown),
    )


class DistributionIn(DryRunIn):
    date: datetime.date | None = Field(None, description="The postings' date (today).")
    income: int | None = Field(None, description="The id of the posted income shared, if one.")


class DistributionOut(DryRunOut):
    id: int
    date: datetime.date
    income: int | None


def _distribution_out(made) -> DistributionOut:
    """A distribution as it was recorded: its parts read back, never computed again."""
    commodity = made.commodity
    return DistributionOut(
        id=made.pk,
        rule=made.version.rule_id,
        version=made.version.number,
        amount=amount_text(made.amount_minor, commodity),
        commodity=commodity,
        start=made.period_start,
        end=made.period_end,
        date=made.date,
        income=made.income_id,
        parts=[
            PartOut(
                bucket=part.bucket,
                recipient=RecipientOut(
                    kind=part.recipient,
                    name=part.name,
                    id=part.fund_id or part.actor_id or part.user_id,
                ),
                amount=amount_text(part.amount_minor, commodity),
                value=amount_text(part.value_minor, commodity)
                if part.recipient == rules.CONTRIBUTORS
                else None,
            )
            for part in made.parts.all()
        ],
    )


@router.post(
    "/sharing-rules/{rule_id}/distributions",
    response={200: DistributionOut, 201: DistributionOut, **ERRORS},
    auth=token_auth_for(can_distribute_revenue),
    summary="Share an amount by the rule and post it to the books (treasurers and stewards)",
    description="Posts the people's parts as debts of the fund to each of them and each fund's "
    "part as a transfer; the distribution records the version it used and never changes. With "
    "an `Idempotency-Key` header, a repeat returns the first distribution (200).",
)
def distribution_create(
    request, rule_id: int, payload: DistributionIn, idempotency_key: IdempotencyKey = None
):
    rule = get_object_or_404(selectors.rule_list(), pk=rule_id)
    key = retry_key(request, idempotency_key)
    existing = Distribution.objects.filter(external_key=key).first() if key else None
    if existing:
        return Status(200, _distribution_out(existing))
    version = _version(rule, payload.version)
    minor, _c = amount_positive(payload.amount, rule.commodity)
    scope = _scope(rule, payload.start, payload.end)
    income = None
    if payload.income is not None:
        income = Transaction.objects.filter(pk=payload.income).first()
        if income is None:
            raise refused("income", _("Choose a posted income of the fund shared."))
    with db.atomic():
        made = services.distribution_record(
            version=version,
            amount=minor,
            date=payload.date or timezone.localdate(),
            period=(scope.start, scope.end),
            income=income,
            external_key=key,
            recorder=request.auth,
        )
        retry_record(request, key, made)
    return Status(201, _distribution_out(made))


class ReversalIn(Schema):
    reason: str = Field(min_length=1, max_length=300, description="Why it is reversed.")


class ReversalOut(BaseModel):
    distribution: int
    reason: str
    created_at: datetime.datetime


@router.post(
    "/sharing-distributions/{distribution_id}/reverse",
    response={200: ReversalOut, **ERRORS},
    auth=token_auth_for(can_distribute_revenue),
    summary="Reverse a distribution (treasurers and stewards): each of its postings undone",
    description="The distribution itself never changes; its reversal is recorded beside it, and "
    "its income may be shared again. Reversing it again answers the first reversal.",
)
def distribution_reverse(request, distribution_id: int, payload: ReversalIn):
    made = get_object_or_404(Distribution, pk=distribution_id)
    reversal = services.distribution_reverse(
        distribution=made, reason=payload.reason, recorder=request.auth
    )
    return ReversalOut(distribution=made.pk, reason=reversal.reason, created_at=reversal.created_at)

"""A rule said in words, in the reader's language: one sentence per bucket, and where rounding goes.
The public page and the API say it the same way."""

from decimal import Decimal

from django.utils.translation import gettext as _

from remix.allies.models import Actor
from remix.core.formats import format_percent
from remix.ledger.models import Fund
from remix.sharing import rules


def percent_text(percent: Decimal) -> str:
    """« 10 % », « 12,5 % » in the reader's locale."""
    decimals = max(0, -percent.normalize().as_tuple().exponent)
    return format_percent(percent / 100, decimals=decimals)


def recipients_named(buckets: list[rules.Bucket]) -> dict[tuple[str, int], str]:
    """The funds and actors the buckets name, by (kind, id): two queries for any rule."""
    funds = Fund.objects.in_bulk([b.target for b in buckets if b.recipient == rules.FUND])
    actors = Actor.objects.in_bulk([b.target for b in buckets if b.recipient == rules.ACTOR])
    named = {(rules.FUND, pk): fund.named for pk, fund in funds.items()}
    named.update({(rules.ACTOR, pk): actor.name for pk, actor in actors.items()})
    return named


def recipient_words(bucket: rules.Bucket, named: dict) -> str:
    if bucket.recipient == rules.CONTRIBUTORS:
        return _("the contributors")
    return named.get((bucket.recipient, bucket.target), "?")


def bucket_words(bucket: rules.Bucket, named: dict) -> str:
    """« 10 % du total à la plateforme », « le reste aux contributeurs, au prorata… »."""
    if bucket.recipient == rules.CONTRIBUTORS:
        return _contributors_words(bucket)
    values = {"to": recipient_words(bucket, named)}
    if bucket.base == rules.REST:
        return _("The rest to %(to)s.") % values
    values["percent"] = percent_text(bucket.percent)
    if bucket.base == rules.TOTAL:
        return _("%(percent)s of the total to %(to)s.") % values
    return _("%(percent)s of what remains to %(to)s.") % values


def _contributors_words(bucket: rules.Bucket) -> str:
    if bucket.base == rules.REST:
        return _("The rest to the contributors, pro rata to their valued contributions.")
    values = {"percent": percent_text(bucket.percent)}
    if bucket.base == rules.TOTAL:
        return (
            _(
                "%(percent)s of the total to the contributors, "
                "pro rata to their valued contributions."
            )
            % values
        )
    return (
        _(
            "%(percent)s of what remains to the contributors, "
            "pro rata to their valued contributions."
        )
        % values
    )


def rule_words(buckets: list[rules.Bucket]) -> list[str]:
    """The rule in sentences: each bucket in order, then the rounding rule."""
    named = recipients_named(buckets)
    said = [bucket_words(bucket, named) for bucket in buckets]
    if not buckets or buckets[-1].base != rules.REST:
        said.append(_("What the buckets leave stays in the fund shared."))
    said.append(rounding_words())
    return said


def rounding_words() -> str:
    return _(
        "Each percentage is rounded down to the cent; the cents it leaves go to the buckets "
        "after it, down to the last. Among contributors, the cents left after rounding down go "
        "one each to the largest remainders (ties to the first listed), so the parts always add "
        "up to the amount."
    )


def reason_words(reason: str) -> str:
    """One of the evaluator's reasons (marked in ``rules``) in the reader's language."""
    return _(reason)

"""Matching rounds: opened with the funder's pool in the books, their projects added, the gifts
that count checked, and closed in stages, each project's match moved to its fund."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone
from django.utils.translation import gettext as _

from remix.contributions.models import (
    Round,
    RoundMatch,
    RoundProject,
    RoundRemainder,
    RoundStatus,
)
from remix.contributions.selectors.rounds import round_matching
from remix.contributions.services.common import Giver, gift_legs
from remix.core.amounts import amount_positive
from remix.core.audit import as_recorder, audit_record
from remix.core.dates import dates_check
from remix.core.i18ntext import text_clean
from remix.core.money import Money, from_minor
from remix.core.permissions import can_keep_books, require_recorder
from remix.ledger import chart
from remix.ledger import services as ledger
from remix.ledger.labels import MATCH, MATCHING_POOL, label_write
from remix.ledger.models import Fund

POOL_ACCOUNTS = (chart.PUBLIC_GRANTS, chart.INSTITUTIONAL_GRANTS)


def round_create(*, slug: str, draft: bool = False, recorder=None, **terms) -> Round:
    """A round and its pool: the funder's grant, income of its pool's fund from the start. Its
    ``terms`` are ``_round_terms_set``'s keywords, checked there as ``round_update`` checks
    them. A ``draft`` is prepared first: edited (``round_update``), its pool recorded when it
    is opened (``round_open``)."""
    require_recorder(can_keep_books, recorder)
    round_ = Round(
        slug=slug,
        status=RoundStatus.DRAFT if draft else RoundStatus.OPEN,
        created_by=as_recorder(recorder),
    )
    _round_terms_set(round_, **terms)
    with db.atomic():
        round_.save()
        if not draft:
            _pool_record(round_, recorder=recorder)
        audit_record(
            action="funding.round.created",
            recorder=recorder,
            obj=round_,
            data={
                "pool": round_.pool_minor,
                "commodity": round_.commodity,
                "fund": round_.pool_fund.slug,
                "remainder": round_.remainder,
                "draft": draft,
            },
        )
    return round_


def round_update(*, round: Round, recorder=None, **terms) -> Round:
    """A round in preparation with new ``terms`` (``_round_terms_set``'s keywords), each checked
    as at its creation. Once open, its terms are kept."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        round_ = Round.objects.select_for_update().get(pk=round.pk)
        if round_.status != RoundStatus.DRAFT:
            raise ValidationError(_("A round is edited only before it opens."))
        _round_terms_set(round_, **terms)
        round_.save()
        audit_record(
            action="funding.round.updated",
            recorder=recorder,
            obj=round_,
            data={"pool": round_.pool_minor, "remainder": round_.remainder},
        )
    return round_


def round_open(*, round: Round, recorder=None) -> Round:
    """Open a round in preparation: its pool is recorded in the books and gifts count in its
    window. Opening an open round changes nothing."""
    require_recorder(can_keep_books, recorder)
    with db.atomic():
        round_ = Round.objects.select_for_update().select_related("funder").get(pk=round.pk)
        if round_.status != RoundStatus.DRAFT:
            return round_
        dates_check(opens=round_.opens, closes=round_.closes)
        round_.status = RoundStatus.OPEN
        round_.save(update_fields=["status"])
        _pool_record(round_, recorder=recorder)
        audit_record(
            action="funding.round.opened",
            recorder=recorder,
            obj=round_,
            data={"pool": round_.pool_minor, "commodity": round_.commodity},
        )
    return round_


def _round_terms_set(
    round_: Round,
    *,
    title: dict,
    funder,
    pool,
    pool_fund: Fund,
    opens: datetime.date,
    closes: datetime.date,
    cap_share: Decimal | str | None = None,
    remainder: str = RoundRemainder.KEEP,
    description: dict | None = None,
    commodity: str = "EUR",
    pool_account: str = POOL_ACCOUNTS[0],
    pool_received_on: datetime.date | None = None,
) -> None:
    """Set a round's terms, each checked, for ``round_create`` and ``round_update`` alike; a
    refusal names its field. Nothing is saved here."""
    pool_minor, commodity = amount_positive(pool, commodity, field="pool")
    share = _round_terms_check(
        pool_account=pool_account,
        opens=opens,
        closes=closes,
        pool_received_on=pool_received_on,
        cap_share=cap_share,
    )
    if remainder not in RoundRemainder.values:
        raise ValidationError(
            {"remainder": _("Choose to leave the rest in the pool or to share it whole.")}
        )
    round_.title = text_clean(title)
    round_.description = text_clean(description) if description else {}
    round_.funder, round_.pool_fund = funder, pool_fund
    round_.pool_minor, round_.commodity = pool_minor, commodity
    round_.pool_account, round_.pool_received_on = pool_account, pool_received_on
    round_.opens, round_.closes = opens, closes
    round_.cap_share, round_.remainder = share, remainder
    if not round_.title:
        raise ValidationError({"title": _("Give the round a title.")})
    round_.full_clean()


def _round_terms_check(
    *, pool_account: str, opens, closes, pool_received_on, cap_share
) -> Decimal | None:
    """A round's dates, its pool's account and its cap; the cap read as a share, or None."""
    if pool_account not in POOL_ACCOUNTS:
        raise ValidationError({"pool_account": _("A pool is a public or an institutional grant.")})
    dates_check(opens=opens, closes=closes, pool_received_on=pool_received_on)
    if closes < opens:
        raise ValidationError({"closes": _("A round closes after it opens.")})
    share = Decimal(str(cap_share)) if cap_share not in (None, "") else None
    if share is not None and not Decimal(0) < share <= 1:
        raise ValidationError({"cap_share": _("The cap is a share above 0 and at most 1.")})
    return share


def _pool_record(round_: Round, *, recorder) -> None:
    """The funder's grant, received in the pool's fund: one posted transaction."""
    tx, _new = ledger.transaction_create(
        date=round_.pool_received_on or round_.opens,
        description=label_write(MATCHING_POOL, round=round_.label, funder=round_.funder.name),
        legs=gift_legs(
            chart.BANK,
            round_.pool_account,
            round_.pool_fund,
            Money(round_.pool_minor, round_.commodity),
        ),
        counterparty=round_.funder,
        external_key=f"round:{round_.pk}:pool",
        post=True,
        recorder=recorder,
    )
    round_.pool_transaction = tx
    round_.save(update_fields=["pool_transaction"])


def round_project_add(
    *, round: Round, fund: Fund, description: dict | None = None, recorder=None
) -> RoundProject:
    require_recorder(can_keep_books, recorder)
    if round.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        raise ValidationError(_("This round is closed."))
    if fund.pk == round.pool_fund_id:
        raise ValidationError({"fund": _("A project receives into its own fund, not the pool's.")})
    if not fund.active:
        raise ValidationError({"fund": _("This fund no longer takes gifts.")})
    if RoundProject.objects.filter(round=round, fund=fund).exists():
        raise ValidationError({"fund": _("This project is already in the round.")})
    with db.atomic():
        project = RoundProject.objects.create(
            round=round, fund=fund, description=text_clean(description) if description else {}
        )
        audit_record(
            action="funding.round.project_added",
            recorder=recorder,
            obj=round,
            data={"fund": fund.slug},
        )
    return project


def round_gift_check(*, round_project: RoundProject, giver: Giver, on, commodity: str) -> None:
    """A gift counts in a round from a verified member, in its window and its currency."""
    round_ = round_project.round
    if round_.status == RoundStatus.DRAFT:
        raise ValidationError({"round": _("This round has not opened yet.")})
    if round_.status != RoundStatus.OPEN:
        raise ValidationError({"round": _("This round is closed.")})
    if not round_.opens <= on <= round_.closes:
        raise ValidationError(
            {
                "date": _("This round counts gifts from %(opens)s to %(closes)s.")
                % {"opens": round_.opens, "closes": round_.closes}
            }
        )
    if giver.user is None or not giver.user.is_verified_person:
        raise ValidationError(
            {
                "user": _(
                    "Only verified member accounts give in a matching round: one person, one voice."
                )
            }
        )
    if commodity != round_.commodity:
        raise ValidationError(
            {"commodity": _("This round is in %(code)s.") % {"code": round_.commodity}}
        )


def round_close(*, round: Round, today=None, recorder=None) -> Round:
    """Close a round after its window, in stages that a re-run after a crash finishes.

    1. The matching is computed once and stored, one row per project; the round is ``closing``.
    2. Each project's match moves from the pool's fund to the project's fund: one transfer.
    3. The round is ``closed``. What is not matched (the rest the round leaves in the pool, or
       what no project could take, every one capped) stays in the pool's fund."""
    require_recorder(can_keep_books, recorder)
    today = today or timezone.localdate()
    with db.atomic():
        round_ = Round.objects.select_for_update().get(pk=round.pk)
        if round_.status == RoundStatus.DRAFT:
            raise ValidationError(_("This round has not opened yet."))
        if round_.status == RoundStatus.OPEN:
            if today <= round_.closes:
                raise ValidationError(
                    _("This round counts gifts until %(date)s.") % {"date": round_.closes}
                )
            matching = round_matching(round=round_)
            RoundMatch.objects.bulk_create(
                RoundMatch(
                    round=round_,
                    project_id=row.project,
                    total_minor=row.total,
                    contributors=row.contributors,
                    match_minor=row.match,
                    capped=row.capped,
                )
                for row in matching.projects
            )
            round_.status = RoundStatus.CLOSING
            round_.save(update_fields=["status"])
            audit_record(
                action="funding.round.closing",
                recorder=recorder,
                obj=round_,
                data={"matched": matching.matched, "unallocated": matching.unallocated},
            )
        elif round_.status != RoundStatus.CLOSING:
            return round_
    for match_id in list(
        round_.matches.filter(transaction__isnull=True, match_minor__gt=0).values_list(
            "pk", flat=True
        )
    ):
        _match_transfer(round_, match_id, today=today, recorder=recorder)
    with db.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        if round_.status == RoundStatus.CLOSING:
            round_.status, round_.closed_at = RoundStatus.CLOSED, timezone.now()
            round_.save(update_fields=["status", "closed_at"])
            audit_record(action="funding.round.closed", recorder=recorder, obj=round_)
    return round_


def _match_transfer(round_: Round, match_id: int, *, today, recorder) -> None:
    with db.atomic():
        match = (
            RoundMatch.objects.select_for_update().select_related("project__fund").get(pk=match_id)
        )
        if match.transaction_id:
            return
        tx = ledger.transfer_record(
            date=today,
            from_fund=round_.pool_fund,
            to_fund=match.project.fund,
            amount=from_minor(match.match_minor, round_.commodity),
            commodity=round_.commodity,
            description=label_write(MATCH, round=round_.label, project=match.project.label),
            external_key=f"round:{round_.pk}:match:{match.project_id}",
            recorder=recorder,
        )
        match.transaction = tx
        match.save(update_fields=["transaction"])

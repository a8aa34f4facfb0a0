"""Every write of gifts, pledges, campaigns and rounds leaves its audit event, on its object.

One row per action (``remix/core/tests/audit_rows.py`` says how a row reads); what a row of
note asserts, as the code does it:

- a stretch goal, a campaign's update and a round's new project are recorded on the campaign or
  the round, not on the goal, the update or the project row; a cleared ceiling, on its fund;
- ``funding.bank.unmatched`` is on the pledge the row names, with no recorder, although the
  import that found it has one (the gifts it does match are recorded by that person);
- ``funding.webhook.{status}`` has three statuses, one row each: ``unmatched`` is on no object
  (there is no pledge to point at), ``other_currency`` and ``refused`` on the pledge; a webhook
  has no recorder.
"""

import datetime

import pytest
from django.utils import timezone

from remix.contributions import providers, services
from remix.contributions.models import Contribution
from remix.contributions.services import Giver, unmatched
from remix.contributions.tests import builders
from remix.contributions.webhooks import ProviderEvent
from remix.core.models import AuditEvent
from remix.core.tests.audit_rows import Rows, Scene, on
from remix.ledger import imports
from remix.ledger.models import Account

ROWS = Rows()
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
ISSUER = {"issuer": "Association Remix", "address": "Lyon", "object": "Communs", "signatory": ""}


def pledge(amount="50", **kwargs):
    made, _created = services.pledge_create(
        fund=kwargs.pop("fund", None) or builders.fund(),
        amount=amount,
        giver=kwargs.pop("giver", None) or Giver(name="Awa Diop"),
        **kwargs,
    )
    return made


def gift(amount="50", recorder=None) -> Contribution:
    made, _created = services.payment_record(
        amount=amount,
        date=TODAY(),
        fund=builders.fund(),
        giver=Giver(name="Awa Diop"),
        recorder=recorder,
    )
    return made


def declared() -> Contribution:
    made, _created = services.contribution_declare(
        giver=Giver(name="Awa Diop"),
        fund=builders.fund(),
        kind="time",
        amount="3",
        date=TODAY(),
        description="Montage de la scène",
    )
    return made


def past_campaign():
    return builders.campaign(opens=TODAY() - 30 * DAY, deadline=TODAY() - DAY)


def past_round():
    return builders.round_(opens=TODAY() - 30 * DAY, closes=TODAY() - DAY)


def paid(reference: str, *, amount_minor=5000, commodity="EUR") -> ProviderEvent:
    """What a payment provider's webhook says, once its signature is checked."""
    return ProviderEvent(
        provider="stripe",
        event_id="evt_1",
        kind="payment_intent.succeeded",
        amount_minor=amount_minor,
        commodity=commodity,
        reference=reference,
        paid_on=TODAY(),
    )


def statement_naming(pledge_, credit: str) -> bytes:
    """A French bank's CSV with one transfer naming the pledge's RF reference."""
    return (
        "Date;Libellé;Débit euros;Crédit euros;\n"
        f'{TODAY():%d/%m/%Y};"VIR SEPA AWA DIOP {pledge_.reference}";;{credit};'
    ).encode()


def bank_import_run(data: bytes, recorder):
    """The import, then the matching of its rows to pledges that its end sets off."""
    batch = imports.bank_import_prepare(
        data=data,
        filename="releve.csv",
        account=Account.objects.get(code="Assets:Bank:Current"),
        fund=builders.platform(),
        recorder=recorder,
    )
    return imports.bank_import_run(bank_import=batch, data=data)


# --- ceilings and pledges ------------------------------------------------------------------------


@ROWS.writes("funding.ceiling.set")
def a_fund_caps_each_givers_share(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        ceiling = services.ceiling_set(
            fund=builders.fund(), period="month", amount="100", recorder=treasurer
        )
    return on(ceiling, by=treasurer, fund="fiesta-2026", period="month", amount=10000)


@ROWS.writes("funding.ceiling.cleared")
def a_funds_cap_is_lifted(the):
    treasurer = the.user("tresoriere", "treasurer")
    fund = builders.fund()
    services.ceiling_set(fund=fund, period="month", amount="100")
    with the.call():
        services.ceiling_clear(fund=fund, recorder=treasurer)
    return on(fund, by=treasurer)


@ROWS.writes("funding.pledge.created")
def a_member_promises_a_monthly_gift(the):
    awa = the.user("awa", "member")
    with the.call():
        made = pledge("15", frequency="monthly", giver=builders.giver(awa), recorder=awa)
    return on(made, by=awa, fund="fiesta-2026", amount=1500, commodity="EUR", every="monthly")


@ROWS.writes("funding.pledge.paused")
def a_monthly_gift_is_paused(the):
    awa = the.user("awa", "member")
    monthly = pledge("15", frequency="monthly", giver=builders.giver(awa))
    with the.call():
        services.pledge_pause(pledge=monthly, start=TODAY() + DAY, recorder=awa)
    return on(monthly, by=awa, **{"from": str(TODAY() + DAY), "until": None})


@ROWS.writes("funding.pledge.resumed")
def a_paused_gift_resumes(the):
    awa = the.user("awa", "member")
    monthly = pledge("15", frequency="monthly", giver=builders.giver(awa))
    services.pledge_pause(pledge=monthly, start=TODAY() + DAY)
    with the.call():
        services.pledge_resume(pledge=monthly, on=TODAY() + 40 * DAY, recorder=awa)
    return on(monthly, by=awa, on=str(TODAY() + 40 * DAY))


@ROWS.writes("funding.pledge.cancelled")
def a_monthly_gift_is_stopped(the):
    awa = the.user("awa", "member")
    monthly = pledge("15", frequency="monthly", giver=builders.giver(awa))
    with the.call():
        services.pledge_cancel(pledge=monthly, on=TODAY(), recorder=awa)
    return on(monthly, by=awa, on=str(TODAY()))


# --- money received ------------------------------------------------------------------------------


@ROWS.writes("funding.payment.recorded")
def a_treasurer_records_a_gift(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        made = gift("50", recorder=treasurer)
    return on(made, by=treasurer, fund="fiesta-2026", amount=5000, via="treasurer")


@ROWS.writes("funding.payment.recorded", "by-bank-transfer")
def a_bank_transfer_pays_a_pledge_recorded_by_whoever_imported_it(the):
    treasurer = the.user("tresoriere", "treasurer")
    promise = pledge("50")
    with the.call():
        bank_import_run(statement_naming(promise, "50,00"), treasurer)
    return on(Contribution.objects.get(pledge=promise), by=treasurer, amount=5000, via="bank")


@ROWS.writes("funding.payment.recorded", "by-webhook")
def a_providers_webhook_pays_a_pledge(the):
    promise = pledge("50")
    with the.call():
        outcome = providers.event_record(event=paid(promise.reference))
    return on(outcome.contribution, by=None, amount=5000, via="stripe")


@ROWS.writes("funding.bank.unmatched")
def a_transfer_naming_a_pledge_for_another_amount_is_reported(the):
    treasurer = the.user("tresoriere", "treasurer")
    promise = pledge("30")
    with the.call():
        batch = bank_import_run(statement_naming(promise, "35,00"), treasurer)
    return on(promise, by=None, row=batch.transactions.get().pk)


@ROWS.writes("funding.webhook.unmatched")
def a_payment_naming_no_pledge_is_left_to_a_treasurer(the):
    pledge()
    with the.call():
        providers.event_record(event=paid("RF05RMXP000123"))
    return on(None, by=None, key="stripe:evt_1", reference="RF05RMXP000123")


@ROWS.writes("funding.webhook.other_currency")
def a_payment_in_another_currency_is_left_to_a_treasurer(the):
    promise = pledge("50")
    with the.call():
        providers.event_record(event=paid(promise.reference, commodity="XOF"))
    return on(promise, by=None, key="stripe:evt_1", commodity="XOF")


@ROWS.writes("funding.webhook.refused")
def a_payment_the_books_refuse_is_left_to_a_treasurer(the):
    campaign = builders.campaign()
    promise = pledge("20", campaign=campaign)  # paid once the campaign has closed, not before
    with the.call():
        providers.event_record(event=paid(promise.reference, amount_minor=2000))
    return on(promise, by=None, key="stripe:evt_1", amount=2000)


@ROWS.writes("funding.payment.recorded", "bank-row-given-by-hand")
def a_bank_row_naming_no_pledge_is_given_to_a_fund_by_a_treasurer(the):
    treasurer = the.user("tresoriere", "treasurer")
    batch = bank_import_run(
        f"Date;Libellé;Débit euros;Crédit euros;\n{TODAY():%d/%m/%Y};VIR SEPA DON;;35,00;".encode(),
        treasurer,
    )
    with the.call():
        made = unmatched.bank_row_give(
            row=batch.transactions.get(),
            fund=builders.fund(),
            giver=Giver(name="Awa Diop"),
            visibility="public",
            recorder=treasurer,
        )
    return on(made, by=treasurer, fund="fiesta-2026", amount=3500, via="bank")


@ROWS.writes("funding.payment.recorded", "notice-given-by-hand")
def a_payment_naming_no_pledge_is_given_to_a_fund_by_a_treasurer(the):
    treasurer = the.user("tresoriere", "treasurer")
    providers.event_record(event=paid("RF05RMXP000123", commodity="XOF"))
    with the.call():
        made = unmatched.payment_notice_give(
            notice=AuditEvent.objects.get(action="funding.webhook.unmatched"),
            fund=builders.fund(),
            giver=Giver(name="Awa Diop"),
            visibility="amount",
            recorder=treasurer,
        )
    return on(made, by=treasurer, fund="fiesta-2026", amount=5000, commodity="XOF", via="stripe")


# --- time and in kind ----------------------------------------------------------------------------


@ROWS.writes("funding.contribution.declared")
def a_volunteer_declares_hours(the):
    awa = the.user("awa", "member")
    with the.call():
        made, _created = services.contribution_declare(
            giver=builders.giver(awa),
            fund=builders.fund(),
            kind="time",
            amount="3",
            date=TODAY(),
            description="Montage de la scène",
            recorder=awa,
        )
    return on(made, by=awa, kind="time", amount=300, commodity="HOUR")


@ROWS.writes("funding.contribution.validated")
def a_treasurer_accepts_declared_hours(the):
    treasurer = the.user("tresoriere", "treasurer")
    hours = declared()
    with the.call():
        services.contribution_validate(contribution=hours, recorder=treasurer)
    return on(hours, by=treasurer)


@ROWS.writes("funding.contribution.refused")
def a_treasurer_refuses_declared_hours(the):
    treasurer = the.user("tresoriere", "treasurer")
    hours = declared()
    with the.call():
        services.contribution_refuse(contribution=hours, reason="Déjà compté.", recorder=treasurer)
    return on(hours, by=treasurer, reason="Déjà compté.")


# --- campaigns -----------------------------------------------------------------------------------


@ROWS.writes("funding.campaign.created")
def a_campaign_opens(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        campaign = services.campaign_create(
            slug="fiesta",
            title={"fr": "Fiesta des communs"},
            fund=builders.fund(),
            goal="1000",
            opens=TODAY(),
            deadline=TODAY() + 20 * DAY,
            rule="all_or_nothing",
            recorder=treasurer,
        )
    return on(campaign, by=treasurer, fund="fiesta-2026", goal=100000, rule="all_or_nothing")


@ROWS.writes("funding.stretch_goal.set")
def a_campaign_sets_a_stretch_goal(the):
    treasurer = the.user("tresoriere", "treasurer")
    campaign = builders.campaign()
    with the.call():
        services.stretch_goal_add(
            campaign=campaign, amount="2000", title={"fr": "Une deuxième scène"}, recorder=treasurer
        )
    return on(campaign, by=treasurer)


@ROWS.writes("funding.tier.created")
def a_campaign_offers_a_counterpart(the):
    treasurer = the.user("tresoriere", "treasurer")
    campaign = builders.campaign()
    with the.call():
        tier = services.tier_add(
            campaign=campaign, title={"fr": "Affiche"}, amount="20", quantity=5, recorder=treasurer
        )
    return on(tier, by=treasurer)


@ROWS.writes("funding.campaign.update")
def a_campaign_posts_news(the):
    treasurer = the.user("tresoriere", "treasurer")
    campaign = builders.campaign()
    with the.call():
        services.campaign_update_post(
            campaign=campaign,
            title={"fr": "Mi-parcours"},
            body={"fr": "La moitié est là."},
            recorder=treasurer,
        )
    return on(campaign, by=treasurer)


@ROWS.writes("funding.campaign.closing")
def a_campaign_past_its_deadline_starts_closing(the):
    treasurer = the.user("tresoriere", "treasurer")
    campaign = past_campaign()
    with the.call():
        services.campaign_close(campaign=campaign, recorder=treasurer)
    return on(campaign, by=treasurer, raised=0, goal=100000)


@ROWS.writes("funding.campaign.closed")
def a_campaign_past_its_deadline_closes(the):
    treasurer = the.user("tresoriere", "treasurer")
    campaign = past_campaign()
    with the.call():
        services.campaign_close(campaign=campaign, recorder=treasurer)
    return on(campaign, by=treasurer, status="failed")


@ROWS.writes("funding.campaign.updated")
def a_campaign_not_open_yet_gets_new_terms(the):
    treasurer = the.user("tresoriere", "treasurer")
    made = builders.campaign(opens=TODAY() + 5 * DAY, deadline=TODAY() + 30 * DAY)
    with the.call():
        services.campaign_terms_update(
            campaign=made,
            title={"fr": "Fiesta"},
            fund=made.fund,
            goal="1500",
            opens=made.opens,
            deadline=made.deadline,
            rule=made.rule,
            recorder=treasurer,
        )
    return on(made, by=treasurer, goal=150000)


@ROWS.writes("funding.campaign.opened")
def a_campaign_not_open_yet_opens_today(the):
    treasurer = the.user("tresoriere", "treasurer")
    made = builders.campaign(opens=TODAY() + 5 * DAY, deadline=TODAY() + 30 * DAY)
    with the.call():
        services.campaign_open(campaign=made, recorder=treasurer)
    return on(made, by=treasurer, opens=TODAY().isoformat())


# --- matching rounds -----------------------------------------------------------------------------


@ROWS.writes("funding.round.created")
def a_funder_opens_a_matching_round(the):
    treasurer = the.user("tresoriere", "treasurer")
    with the.call():
        round_ = services.round_create(
            slug="round",
            title={"fr": "Abondement 2026"},
            funder=builders.funder(),
            pool="1000",
            pool_fund=builders.platform(),
            opens=TODAY(),
            closes=TODAY() + 10 * DAY,
            recorder=treasurer,
        )
    return on(round_, by=treasurer, pool=100000, commodity="EUR", fund="plateforme", draft=False)


@ROWS.writes("funding.round.updated")
def a_round_in_preparation_gets_new_terms(the):
    treasurer = the.user("tresoriere", "treasurer")
    round_ = builders.round_(draft=True)
    with the.call():
        services.round_update(
            round=round_,
            title={"fr": "Abondement 2027"},
            funder=round_.funder,
            pool="1500",
            pool_fund=round_.pool_fund,
            opens=round_.opens,
            closes=round_.closes,
            remainder="share",
            recorder=treasurer,
        )
    return on(round_, by=treasurer, pool=150000, remainder="share")


@ROWS.writes("funding.round.opened")
def a_round_in_preparation_opens(the):
    treasurer = the.user("tresoriere", "treasurer")
    round_ = builders.round_(draft=True)
    with the.call():
        services.round_open(round=round_, recorder=treasurer)
    return on(round_, by=treasurer, pool=100000, commodity="EUR")


@ROWS.writes("funding.round.project_added")
def a_project_joins_a_round(the):
    treasurer = the.user("tresoriere", "treasurer")
    round_ = builders.round_()
    with the.call():
        services.round_project_add(round=round_, fund=builders.fund("revue"), recorder=treasurer)
    return on(round_, by=treasurer, fund="revue")


@ROWS.writes("funding.round.closing")
def a_round_past_its_window_starts_closing(the):
    treasurer = the.user("tresoriere", "treasurer")
    round_ = past_round()
    with the.call():
        services.round_close(round=round_, recorder=treasurer)
    return on(round_, by=treasurer, matched=0)


@ROWS.writes("funding.round.closed")
def a_round_past_its_window_closes(the):
    treasurer = the.user("tresoriere", "treasurer")
    round_ = past_round()
    with the.call():
        services.round_close(round=round_, recorder=treasurer)
    return on(round_, by=treasurer)


# --- tax receipts --------------------------------------------------------------------------------


@ROWS.writes("funding.receipt.issued")
def a_gift_gets_its_tax_receipt(the):
    the.settings.REMIX_RECEIPTS = ISSUER
    treasurer = the.user("tresoriere", "treasurer")
    made = gift("50")
    with the.call():
        receipt = services.receipt_issue(contribution=made, recorder=treasurer)
    return on(receipt, by=treasurer, number=receipt.number, amount=5000)


@ROWS.writes("funding.receipt_issuer.changed")
def a_steward_says_who_issues_the_tax_receipts(the):
    steward = the.user("intendante", "steward")
    with the.call():
        issuer = services.receipt_issuer_set(
            name="Association Remix", signatory="Louise", recorder=steward
        )
    return on(issuer, by=steward, before={})


@pytest.mark.parametrize("row", ROWS, ids=ROWS.ids())
def test_the_call_leaves_its_audit_event_on_its_object(row, make_user, settings, client, tmp_path):
    row.check(Scene(make_user=make_user, settings=settings, client=client, tmp_path=tmp_path))

"""Each audit action said in words, for the people who read their own activity.

The codes are the ones services give ``audit_record`` (``remix/core/tests/test_audit_events.py``
finds every one in the source); ``remix/core/tests/test_audit_actions.py`` fails when a code
written by the code has no words here, or when words here name no code."""

from django.apps import apps
from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    "accounts.role.granted": pgettext_lazy("audit action", "Role given"),
    "accounts.role.revoked": pgettext_lazy("audit action", "Role taken back"),
    "accounts.second_factor.codes_regenerated": pgettext_lazy(
        "audit action", "New recovery codes made"
    ),
    "accounts.second_factor.confirmed": pgettext_lazy(
        "audit action", "Two-factor authentication turned on"
    ),
    "accounts.second_factor.recovery_code_used": pgettext_lazy(
        "audit action", "Recovery code used"
    ),
    "accounts.second_factor.removed": pgettext_lazy(
        "audit action", "Two-factor authentication turned off"
    ),
    "accounts.token.created": pgettext_lazy("audit action", "API token created"),
    "accounts.token.revoked": pgettext_lazy("audit action", "API token revoked"),
    "accounts.user.signed_up": pgettext_lazy("audit action", "Account created"),
    "accounts.user.updated": pgettext_lazy("audit action", "Profile changed"),
    "accounts.user.verified": pgettext_lazy("audit action", "Person verified"),
    "allies.actor.created": pgettext_lazy("audit action", "Actor added to the map"),
    "allies.actor.updated": pgettext_lazy("audit action", "Actor changed"),
    "allies.relation.created": pgettext_lazy("audit action", "Relation added"),
    "allies.relation.ended": pgettext_lazy("audit action", "Relation ended"),
    "allies.theme.created": pgettext_lazy("audit action", "Theme created"),
    "allies.theme.merged": pgettext_lazy("audit action", "Themes merged"),
    "allies.theme.updated": pgettext_lazy("audit action", "Theme changed"),
    "allies.theme.wikidata": pgettext_lazy("audit action", "Theme linked to Wikidata"),
    "api.idempotency_key.recorded": pgettext_lazy("audit action", "API request recorded once"),
    "catalogue.commons.created": pgettext_lazy("audit action", "Commons created"),
    "catalogue.commons.hidden": pgettext_lazy("audit action", "Commons hidden"),
    "catalogue.commons.restored": pgettext_lazy("audit action", "Commons shown again"),
    "catalogue.commons.reverted": pgettext_lazy(
        "audit action", "Commons reverted to an earlier version"
    ),
    "catalogue.commons.updated": pgettext_lazy("audit action", "Commons changed"),
    "catalogue.document.created": pgettext_lazy("audit action", "Document created"),
    "catalogue.document.hidden": pgettext_lazy("audit action", "Document hidden"),
    "catalogue.document.restored": pgettext_lazy("audit action", "Document shown again"),
    "catalogue.document.reverted": pgettext_lazy(
        "audit action", "Document reverted to an earlier version"
    ),
    "catalogue.document.updated": pgettext_lazy("audit action", "Document changed"),
    "charter.version.published": pgettext_lazy(
        "audit action", "New version of the charter published"
    ),
    "core.dates_window.changed": pgettext_lazy("audit action", "Accepted dates widened"),
    "envelopes.comment.written": pgettext_lazy("audit action", "Request questioned or answered"),
    "envelopes.envelope.closed": pgettext_lazy("audit action", "Envelope closed, payouts posted"),
    "envelopes.envelope.frozen": pgettext_lazy("audit action", "Envelope's requests frozen"),
    "envelopes.envelope.opened": pgettext_lazy("audit action", "Envelope opened"),
    "envelopes.request.amended": pgettext_lazy("audit action", "Envelope request amended"),
    "envelopes.request.asked": pgettext_lazy("audit action", "Envelope request made"),
    "experiments.experiment.changed": pgettext_lazy("audit action", "Experiment changed"),
    "experiments.experiment.concluded": pgettext_lazy("audit action", "Experiment concluded"),
    "experiments.experiment.created": pgettext_lazy("audit action", "Experiment proposed"),
    "experiments.experiment.decided": pgettext_lazy("audit action", "Challenge met or missed"),
    "experiments.experiment.started": pgettext_lazy("audit action", "Experiment started"),
    "events.document.attached": pgettext_lazy("audit action", "Minutes or recording attached"),
    "events.event.created": pgettext_lazy("audit action", "Event created"),
    "events.registration.cancelled": pgettext_lazy("audit action", "Event registration cancelled"),
    "events.registration.created": pgettext_lazy("audit action", "Registered for an event"),
    "events.registration.promoted": pgettext_lazy(
        "audit action", "Given a place from the waiting list"
    ),
    "funding.bank.unmatched": pgettext_lazy("audit action", "Bank payment matching no pledge"),
    "funding.campaign.closed": pgettext_lazy("audit action", "Campaign closed"),
    "funding.campaign.closing": pgettext_lazy("audit action", "Campaign closing"),
    "funding.campaign.created": pgettext_lazy("audit action", "Campaign created"),
    "funding.campaign.opened": pgettext_lazy("audit action", "Campaign opened"),
    "funding.campaign.update": pgettext_lazy("audit action", "Campaign news posted"),
    "funding.campaign.updated": pgettext_lazy("audit action", "Campaign changed"),
    "funding.ceiling.cleared": pgettext_lazy("audit action", "Fund ceiling removed"),
    "funding.ceiling.set": pgettext_lazy("audit action", "Fund ceiling set"),
    "funding.contribution.declared": pgettext_lazy("audit action", "Gift declared"),
    "funding.contribution.refused": pgettext_lazy("audit action", "Declared gift refused"),
    "funding.contribution.validated": pgettext_lazy("audit action", "Declared gift validated"),
    "funding.payment.recorded": pgettext_lazy("audit action", "Payment recorded"),
    "funding.pledge.cancelled": pgettext_lazy("audit action", "Pledge cancelled"),
    "funding.pledge.created": pgettext_lazy("audit action", "Pledge made"),
    "funding.pledge.paused": pgettext_lazy("audit action", "Pledge paused"),
    "funding.pledge.resumed": pgettext_lazy("audit action", "Pledge resumed"),
    "funding.receipt.issued": pgettext_lazy("audit action", "Tax receipt issued"),
    "funding.receipt_issuer.changed": pgettext_lazy("audit action", "Receipt issuer changed"),
    "funding.round.closed": pgettext_lazy("audit action", "Matching round closed"),
    "funding.round.closing": pgettext_lazy("audit action", "Matching round closing"),
    "funding.round.created": pgettext_lazy("audit action", "Matching round created"),
    "funding.round.opened": pgettext_lazy("audit action", "Matching round opened"),
    "funding.round.project_added": pgettext_lazy(
        "audit action", "Project added to a matching round"
    ),
    "funding.round.updated": pgettext_lazy("audit action", "Matching round changed"),
    "funding.stretch_goal.set": pgettext_lazy("audit action", "Stretch goal set"),
    "funding.tier.created": pgettext_lazy("audit action", "Counterpart tier created"),
    "funding.webhook.other_currency": pgettext_lazy(
        "audit action", "Provider payment in another currency"
    ),
    "funding.webhook.refused": pgettext_lazy("audit action", "Provider notice refused"),
    "funding.webhook.unmatched": pgettext_lazy(
        "audit action", "Provider payment matching no pledge"
    ),
    "grants.application.api_key": pgettext_lazy(
        "audit action", "Application created through the API"
    ),
    "grants.application.created": pgettext_lazy("audit action", "Application created"),
    "grants.application.stage": pgettext_lazy("audit action", "Application moved to another stage"),
    "grants.application.updated": pgettext_lazy("audit action", "Application changed"),
    "grants.document.added": pgettext_lazy("audit action", "Document added to an application"),
    "grants.funder.set": pgettext_lazy("audit action", "Funder recorded"),
    "grants.opportunity.attachment": pgettext_lazy("audit action", "File added to a call"),
    "grants.opportunity.created": pgettext_lazy("audit action", "Funding call created"),
    "grants.opportunity.updated": pgettext_lazy("audit action", "Funding call changed"),
    "grants.payment.recorded": pgettext_lazy("audit action", "Grant payment recorded"),
    "grants.plan.set": pgettext_lazy("audit action", "Funding plan set"),
    "grants.report.accepted": pgettext_lazy("audit action", "Final report accepted"),
    "grants.task.added": pgettext_lazy("audit action", "Task added"),
    "grants.task.done": pgettext_lazy("audit action", "Task done"),
    "invoicing.credit_note.issued": pgettext_lazy("audit action", "Credit note issued"),
    "invoicing.invoice.changed": pgettext_lazy("audit action", "Invoice draft changed"),
    "invoicing.invoice.deleted": pgettext_lazy("audit action", "Invoice draft deleted"),
    "invoicing.invoice.drafted": pgettext_lazy("audit action", "Invoice drafted"),
    "invoicing.invoice.issued": pgettext_lazy("audit action", "Invoice issued"),
    "invoicing.issuer.changed": pgettext_lazy("audit action", "Invoice issuer changed"),
    "invoicing.payment.recorded": pgettext_lazy("audit action", "Invoice payment recorded"),
    "ledger.account.created": pgettext_lazy("audit action", "Account created in the books"),
    "ledger.account.updated": pgettext_lazy("audit action", "Account changed in the books"),
    "ledger.attachment.added": pgettext_lazy("audit action", "Voucher attached"),
    "ledger.bank_account.passed": pgettext_lazy(
        "audit action", "Bank account passed to the next fiscal host"
    ),
    "ledger.bank_account.recorded": pgettext_lazy("audit action", "Bank account recorded"),
    "ledger.bank_import.created": pgettext_lazy("audit action", "Bank statement uploaded"),
    "ledger.bank_import.done": pgettext_lazy("audit action", "Bank statement imported"),
    "ledger.bank_import.refused": pgettext_lazy("audit action", "Bank statement refused"),
    "ledger.budget_line.created": pgettext_lazy("audit action", "Need added to the budget"),
    "ledger.budget_line.deleted": pgettext_lazy("audit action", "Need removed from the budget"),
    "ledger.fund.created": pgettext_lazy("audit action", "Fund created"),
    "ledger.fund.updated": pgettext_lazy("audit action", "Fund changed"),
    "ledger.period.closed": pgettext_lazy("audit action", "Period closed"),
    "ledger.rate.recorded": pgettext_lazy("audit action", "Exchange rate recorded"),
    "ledger.transaction.created": pgettext_lazy("audit action", "Transaction written"),
    "ledger.transaction.deleted": pgettext_lazy("audit action", "Draft transaction deleted"),
    "ledger.transaction.posted": pgettext_lazy("audit action", "Transaction posted"),
    "ledger.transaction.reversed": pgettext_lazy("audit action", "Transaction reversed"),
    "ledger.transaction.updated": pgettext_lazy("audit action", "Transaction changed"),
    "portability.bundle.exported": pgettext_lazy("audit action", "Bundle exported"),
    "productions.cost.linked": pgettext_lazy("audit action", "Transaction counted as a cost"),
    "productions.document.linked": pgettext_lazy("audit action", "Document of a production"),
    "productions.funding.added": pgettext_lazy("audit action", "Funding line added"),
    "productions.line.added": pgettext_lazy("audit action", "Planned cost line added"),
    "productions.production.created": pgettext_lazy("audit action", "Production created"),
    "productions.time.linked": pgettext_lazy("audit action", "Time counted for a production"),
    "projects.carriers.added": pgettext_lazy("audit action", "Carriers of a project added"),
    "projects.documents.added": pgettext_lazy("audit action", "Documents of a project added"),
    "projects.productions.added": pgettext_lazy("audit action", "Productions of a project added"),
    "projects.project.created": pgettext_lazy("audit action", "Mediation project created"),
    "projects.project.edited": pgettext_lazy("audit action", "Mediation project changed"),
    "stewardship.handover.accepted": pgettext_lazy("audit action", "Handover accepted"),
    "stewardship.handover.checked": pgettext_lazy(
        "audit action", "Handover checklist gone through"
    ),
    "stewardship.handover.done": pgettext_lazy(
        "audit action", "Handover signed by the incoming carrier"
    ),
    "stewardship.handover.proposed": pgettext_lazy("audit action", "Handover proposed"),
    "stewardship.handover.signed_outgoing": pgettext_lazy(
        "audit action", "Handover signed by the outgoing carrier"
    ),
    "stewardship.handover.transferred": pgettext_lazy(
        "audit action", "Balance moved to the incoming carrier"
    ),
    "sharing.distribution.recorded": pgettext_lazy("audit action", "Revenue distributed"),
    "sharing.distribution.reversed": pgettext_lazy("audit action", "Distribution reversed"),
    "sharing.rule.created": pgettext_lazy("audit action", "Sharing rule written"),
    "sharing.rule.revised": pgettext_lazy("audit action", "Sharing rule version written"),
    "stewardship.term.ended": pgettext_lazy("audit action", "Stewardship term ended"),
    "stewardship.term.opened": pgettext_lazy("audit action", "Stewardship term opened"),
    "stewardship.volunteer.recorded": pgettext_lazy(
        "audit action", "Volunteer for a next term recorded"
    ),
    "stewardship.volunteer.withdrawn": pgettext_lazy(
        "audit action", "Volunteer for a next term withdrawn"
    ),
    "studio.engagement.invoiced": pgettext_lazy("audit action", "Engagement invoiced"),
    "studio.engagement.person_recorded": pgettext_lazy(
        "audit action", "Person recorded on an engagement"
    ),
    "studio.quote.accepted": pgettext_lazy("audit action", "Quote accepted"),
    "studio.quote.issued": pgettext_lazy("audit action", "Quote written"),
    "studio.service.created": pgettext_lazy("audit action", "Service added to the study office"),
    "studio.service.updated": pgettext_lazy("audit action", "Service of the study office changed"),
    "studio.time.declared": pgettext_lazy("audit action", "Engagement time declared"),
    "studio.time.refused": pgettext_lazy("audit action", "Engagement time refused"),
    "studio.time.validated": pgettext_lazy("audit action", "Engagement time validated"),
}


def action_label(action: str) -> str:
    """The action in words, in the active language; its code when it has none."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def object_label(object_type: str) -> str:
    """What kind of thing ``object_type`` (``app_label.model``) names, in words."""
    if not object_type:
        return ""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name)

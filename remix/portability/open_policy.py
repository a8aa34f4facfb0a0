"""What the open-data dump publishes of each model: an allow-list, model by model and field by
field, so that nothing is published because nobody thought of it.

Every carried model (``entities.carried_models``) is classified here, either ``Private`` (none of
its rows leave, with the reason) or ``Public``: the fields published, the fields withheld, which
rows are published (drafts, hidden and private rows are not) and the fields withheld on some rows
only (an anonymous giver's name, the words typed about an anonymous gift). A test fails when a
model or a field is missing here, so a field added later waits for a decision before it is
published. Nothing that names a person's account (``accounts.user``) is published: the dump
names organisations (``allies.actor``) and what people chose to sign publicly.

``docs/bundle.md`` ("Open data") says the same in prose.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q


@dataclass(frozen=True)
class Public:
    fields: tuple[str, ...]
    withheld: tuple[str, ...] = ()
    rows: Q | None = None  # the rows published; all of them when None
    masked: tuple[str, ...] = ()  # published fields written as null where ``masked_when`` holds
    masked_when: Q | None = None
    reason: str = field(default="", compare=False)  # why the withheld fields are


@dataclass(frozen=True)
class Private:
    reason: str


def public(fields: str, *, withheld: str = "", masked: str = "", **rule) -> Public:
    """A ``Public`` rule with its field lists written as words: ``public("id name slug")``."""
    return Public(
        tuple(fields.split()), tuple(withheld.split()), masked=tuple(masked.split()), **rule
    )


NOT_DRAFT_ROUND = ~Q(status="draft")
ANONYMOUS_GIFT = ~Q(visibility="public")  # "amount public, without my name" and private
SHOWN_GIFT = Q(status="recorded") & ~Q(visibility="private")

PRIVATE_ACCOUNTS = "people's accounts: e-mail addresses, password hashes, names"
PRIVATE_LOGINS = "log-in attempts: IP addresses and usernames"
PRIVATE_SECRETS = "second-factor secrets"
PRIVATE_APPLICATIONS = "grant applications and their documents, tasks and history"
PRIVATE_CACHE = "the instance's own cache version"
PRIVATE_STUDIO = "the study office's quotes, engagements and their people's time: client business"

POLICY: dict[str, Public | Private] = {
    # --- people, roles and log-ins
    "accounts.user": Private(PRIVATE_ACCOUNTS),
    "accounts.apitoken": Private("API tokens"),
    "accounts.user_groups": Private("who holds which role"),
    "accounts.user_user_permissions": Private("who holds which permission"),
    "auth.group": public("id name"),
    "auth.group_permissions": public("id group_id permission_id"),
    "auth.permission": public("id name content_type_id codename"),
    "contenttypes.contenttype": public("id app_label model"),
    "admin.logentry": Private("the admin's log of who changed what"),
    "axes.accessattempt": Private(PRIVATE_LOGINS),
    "axes.accessattemptexpiration": Private(PRIVATE_LOGINS),
    "axes.accessfailurelog": Private(PRIVATE_LOGINS),
    "axes.accesslog": Private(PRIVATE_LOGINS),
    "otp_static.staticdevice": Private(PRIVATE_SECRETS),
    "otp_static.statictoken": Private(PRIVATE_SECRETS),
    "otp_totp.totpdevice": Private(PRIVATE_SECRETS),
    "core.auditevent": Private("who did what, with the details of each act"),
    "core.dateswindow": public("id years_back years_ahead changed_at"),
    "django_tasks_database.dbtaskresult": Private("background tasks' arguments and errors"),
    # --- allies
    "allies.actor": public(
        (
            "id name slug kind legal_form country languages website description "
            "circle created_at updated_at"
        ),
        withheld="email phone source created_by_id postal_address legal_id_scheme legal_id",
        reason="contact details, a client's invoicing details and who entered the actor",
    ),
    "allies.movement": public("code"),
    "allies.actor_movements": public("id actor_id movement_id"),
    "allies.actor_themes": public("id actor_id theme_id"),
    "allies.theme": public(
        "id code labels definition wikidata_id merged_into_id", withheld="proposed_by_id"
    ),
    "allies.theme_broader": public("id from_theme_id to_theme_id"),
    "allies.theme_related": public("id from_theme_id to_theme_id"),
    "allies.relation": public(
        ("id source_id target_id kind start_date end_date strength note created_at"),
        withheld="created_by_id",
    ),
    "allies.measuresrun": Private("a background computation's record (progress, errors)"),
    "allies.networkstate": Private(PRIVATE_CACHE),
    # --- catalogue: what is hidden by moderation is not published
    "catalogue.family": public("id code labels position"),
    "catalogue.commons": public(
        (
            "id slug name description family_id community governance place country "
            "latitude longitude hidden created_at updated_at"
        ),
        withheld="created_by_id",
        rows=Q(hidden=False),
    ),
    "catalogue.commons_carriers": public("id commons_id actor_id", rows=Q(commons__hidden=False)),
    "catalogue.commons_themes": public("id commons_id theme_id", rows=Q(commons__hidden=False)),
    "catalogue.document": public(
        (
            "id slug kind title summary body language translation_of_id subtitles "
            "duration_seconds pages producer_id date place country licence "
            "media_file media_type media_url thumbnail_url hidden created_at "
            "updated_at"
        ),
        withheld="created_by_id",
        rows=Q(hidden=False),
    ),
    "catalogue.derivation": public(
        "id remix_id source_id position", rows=Q(remix__hidden=False, source__hidden=False)
    ),
    "catalogue.document_authors": public("id document_id actor_id", rows=Q(document__hidden=False)),
    "catalogue.document_commons": public(
        "id document_id commons_id", rows=Q(document__hidden=False, commons__hidden=False)
    ),
    "catalogue.document_contributors": public(
        "id document_id actor_id", rows=Q(document__hidden=False)
    ),
    "catalogue.document_themes": public("id document_id theme_id", rows=Q(document__hidden=False)),
    "catalogue.revision": public(
        ("id document_id commons_id number created_at summary data reverted_to"),
        withheld="author_id",
        rows=Q(document__hidden=False) | Q(commons__hidden=False),
    ),
    "catalogue.moderationevent": public(
        "id document_id commons_id action reason created_at charter_version_id charter_article "
        "charter_article_title",
        withheld="moderator_id",
    ),  # the public moderation log, with the charter's article it cites
    # --- the charter: every version, public by design; the author's public name is kept on it
    "charter.charterversion": public(
        "id language number body summary author_name created_at", withheld="author_id"
    ),
    # --- the books: posted transactions only; an anonymous gift's giver and words withheld
    "ledger.fund": public("id slug name description kind reporting_currency active created_at"),
    "ledger.account": public(
        "id code number type name nature need_category scope is_cash is_suspense active"
    ),
    "ledger.transaction": public(
        (
            "id date description counterparty_id anonymous status is_transfer "
            "reverses_id reason posted_at"
        ),
        withheld=("reference external_key bank_import_id created_at created_by_id posted_by_id"),
        rows=Q(status="posted"),
        masked="description counterparty_id reason",
        masked_when=Q(anonymous=True),
        reason="bank references, bank statements and who wrote what",
    ),
    "ledger.posting": public(
        ("id transaction_id account_id fund_id commodity amount_minor memo date posted"),
        rows=Q(posted=True),
        masked="memo",
        masked_when=Q(transaction__anonymous=True),
    ),
    "ledger.budgetline": public(
        "id fund_id period_kind start end account_id category commodity amount_minor note"
    ),
    "ledger.exchangerate": public(
        "id date commodity quote rate recorded_at", withheld="recorded_by_id"
    ),
    "ledger.closedperiod": public("id kind start end closed_at", withheld="closed_by_id"),
    "ledger.attachment": Private("receipts and invoices: protected files"),
    "ledger.bankaccount": public(
        "id account_id holder_id iban bic held_from held_until created_at",
        withheld="holder_address created_by_id",
        reason="the give page shows the holder and the IBAN; the postal address is printed on "
        "receipts only, and who recorded it is a person's account",
    ),
    "ledger.bankimport": Private("bank statements"),
    "ledger.booksstate": Private(PRIVATE_CACHE),
    # --- gifts: private ones left out, anonymous ones without their giver
    "funding.campaign": public(
        (
            "id slug title description fund_id goal_minor commodity opens deadline "
            "rule status raised_at_close_minor closed_at created_at"
        ),
        withheld="created_by_id",
    ),
    "funding.campaignupdate": public(
        "id campaign_id title body published_at", withheld="author_id"
    ),
    "funding.ceiling": public("id fund_id period amount_minor share_of_needs commodity"),
    "funding.stretchgoal": public("id campaign_id amount_minor title"),
    "funding.tier": public(
        "id campaign_id title description amount_minor free_amount quantity "
        "counterpart_value_minor taken"
    ),
    "funding.round": public(
        (
            "id slug title description funder_id pool_minor commodity pool_fund_id "
            "pool_account pool_received_on pool_transaction_id opens closes "
            "cap_share remainder status closed_at created_at"
        ),
        withheld="created_by_id",
        rows=NOT_DRAFT_ROUND,
    ),
    "funding.roundproject": public(
        "id round_id fund_id description", rows=~Q(round__status="draft")
    ),
    "funding.roundmatch": public(
        "id round_id project_id total_minor contributors match_minor capped transaction_id"
    ),
    "funding.pledge": public(
        (
            "id actor_id name fund_id campaign_id tier_id round_project_id "
            "amount_minor commodity frequency start end cancelled_on visibility "
            "status receivable_id"
        ),
        withheld=("reference user_id language idempotency_key created_at created_by_id"),
        rows=~Q(visibility="private"),
        masked="actor_id name",
        masked_when=ANONYMOUS_GIFT,
        reason="the bank reference and the giver's account",
    ),
    "funding.pledgepause": public("id pledge_id start end", rows=~Q(pledge__visibility="private")),
    "funding.contribution": public(
        (
            "id kind status pledge_id actor_id name fund_id round_project_id "
            "amount_minor commodity date description visibility provider "
            "transaction_id"
        ),
        withheld=(
            "user_id language payment_method external_key decided_by_id decided_at "
            "refusal_reason created_at"
        ),
        rows=SHOWN_GIFT,
        masked="pledge_id actor_id name description",
        masked_when=ANONYMOUS_GIFT,
        reason="the giver's account and how they paid",
    ),
    "funding.receiptcounter": Private("tax receipts' numbering"),
    "funding.receiptissuer": Private("the tax receipts' issuer and signatory"),
    "funding.taxreceipt": Private("tax receipts: givers' names and addresses"),
    # --- invoicing: clients' invoices are the treasurers' business
    "invoicing.invoicecounter": Private("invoices' numbering"),
    "invoicing.invoiceissuer": Private("the invoices' issuer details"),
    "invoicing.invoice": Private("clients' invoices and credit notes: names and addresses"),
    "invoicing.invoiceline": Private("clients' invoices and credit notes: their lines"),
    "invoicing.invoicepayment": Private("what clients paid"),
    # --- the funding search: the calls are public, applications are not
    "grants.funder": public("id actor_id kind"),
    "grants.opportunity": public(
        (
            "id slug funder_id title url kind commodity amount_min_minor "
            "amount_max_minor amount_typical_minor max_share withheld_share "
            "volunteer_time_counts beneficiary_types territory opens_on "
            "letter_of_intent_on deadline decision_on report_due_on recurrence "
            "notes created_at"
        ),
        withheld="source_key created_by_id",
    ),
    "grants.opportunity_funds": public("id opportunity_id fund_id"),
    "grants.opportunity_themes": public("id opportunity_id theme_id"),
    "grants.opportunityattachment": Private("protected files"),
    "grants.application": Private(PRIVATE_APPLICATIONS),
    "grants.applicationdocument": Private(PRIVATE_APPLICATIONS),
    "grants.planline": Private(PRIVATE_APPLICATIONS),
    "grants.stageevent": Private(PRIVATE_APPLICATIONS),
    "grants.task": Private(PRIVATE_APPLICATIONS),
    "grants.calendartoken": Private("calendar tokens"),
    "grants.remindersent": Private("reminders sent to people"),
    "grants.savedsearch": Private("people's saved searches"),
    # --- experiments: read by all (the challenges the platform sets itself), without the accounts
    "experiments.experiment": public(
        (
            "id question hypothesis metric period comparison target starts deadline status "
            "outcome outcome_on outcome_value conclusion concluded_at created_at"
        ),
        withheld="notified_at created_by_id",
    ),
    "experiments.experiment_responsible": Private(PRIVATE_ACCOUNTS),
    "experiments.metricsnapshot": public("id experiment_id date value taken_at"),
    # --- sharing: rules read by all, and what each distribution gave to whom
    "sharing.sharingrule": public(
        "id slug name fund_id commodity created_at", withheld="created_by_id"
    ),
    "sharing.sharingruleversion": public(
        "id rule_id number buckets note created_at", withheld="created_by_id"
    ),
    "sharing.distribution": public(
        (
            "id version_id fund_id amount_minor commodity date period_start period_end "
            "income_id created_at"
        ),
        withheld="external_key created_by_id",
    ),
    "sharing.distributionpart": public(
        (
            "id distribution_id position bucket recipient fund_id actor_id name public "
            "value_minor amount_minor transaction_id"
        ),
        withheld="user_id",
        masked="actor_id name",
        masked_when=Q(public=False),
        reason="the contributor's account; the name of one who gave without it shown",
    ),
    "sharing.distributionreversal": public(
        "id distribution_id reason created_at", withheld="created_by_id"
    ),
    # --- stewardship: the public history, without the people's accounts
    "stewardship.term": public(
        (
            "id hours_per_month money_minor commodity hosting venue charge "
            "carrier_id start_date end_date created_at"
        ),
        withheld="created_by_id",
    ),
    "stewardship.term_people": Private(PRIVATE_ACCOUNTS),
    "stewardship.handover": public(
        "id hours_per_month money_minor commodity hosting venue outgoing_id "
        "incoming_id effective_date step from_account_id to_account_id "
        "incoming_term_id created_at"
    ),
    "stewardship.handover_incoming_people": Private(PRIVATE_ACCOUNTS),
    "stewardship.volunteer": public(  # offers for a next term, shown on the history page
        "id actor_id charge note recorded_at withdrawn_at",
        withheld="recorded_by_id withdrawn_by_id",
    ),
    # --- the contributive budget: public by design (who asked what, the threads, the outcome);
    # people are named by the public name they asked or wrote under, never by their account
    "envelopes.envelope": public(
        (
            "id title description fund_id expense_account_id period project project_fund_id "
            "commodity amount_minor day_min_minor day_max_minor status rule transaction_id "
            "created_at closed_at"
        ),
        withheld="created_by_id closed_by_id",
    ),
    "envelopes.request": public(
        "id envelope_id name what days asked_minor granted_minor created_at updated_at",
        withheld="requester_id",
    ),
    "envelopes.requestversion": public("id request_id number what days asked_minor created_at"),
    "envelopes.comment": public("id request_id name body created_at", withheld="author_id"),
    "stewardship.handoverevent": public(
        "id handover_id step at",
        withheld="by_id data",
        reason="who took each step, and the checklist's notes",
    ),
    # --- productions: public sheets, without who recorded them
    "productions.production": public(
        "id slug kind title description status starts ends fund_id commodity created_at",
        withheld="created_by_id",
    ),
    "productions.production_documents": public("id production_id document_id"),
    "productions.costline": public(
        "id production_id category label amount_minor commodity created_at",
        withheld="created_by_id",
    ),
    "productions.productioncost": public(
        "id production_id transaction_id line_id linked_at", withheld="linked_by_id"
    ),
    "productions.productiontime": Private(
        "links to time contributions, some anonymous or private: the sheet shows them grouped"
    ),
    "productions.fundingline": public(
        "id production_id source label amount_minor commodity campaign_id created_at",
        withheld="application_id created_by_id",
        reason="grant applications are private",
    ),
    # --- mediation projects: public sheets, without who manages them
    "projects.project": public(
        "id slug kind title description status starts ends fund_id budget_minor commodity "
        "created_at",
        withheld="created_by_id",
    ),
    "projects.project_carriers": public("id project_id actor_id"),
    "projects.project_themes": public("id project_id theme_id"),
    "projects.project_documents": public("id project_id document_id"),
    "projects.project_productions": public("id project_id production_id"),
    "projects.project_managers": Private("which accounts manage a project"),
    # --- mediation projects' events: public; who registered is private
    "events.event": public(
        "id project_id title description starts ends time_zone recurrence place online_url "
        "languages interpretation capacity contribution amount_minor commodity status created_at",
        withheld="created_by_id",
    ),
    "events.event_documents": public("id event_id document_id"),
    "events.registration": Private("the names and e-mails of the people registered for events"),
    # --- study office: the catalogue is public; quotes, engagements and time are business
    "studio.service": public(
        "id slug title description kind price_model price_minor commodity active created_at"
    ),
    "studio.service_commons": public("id service_id commons_id"),
    "studio.service_themes": public("id service_id theme_id"),
    "studio.service_documents": public("id service_id document_id"),
    "studio.service_people": Private(PRIVATE_ACCOUNTS),
    "studio.quotecounter": Private(PRIVATE_STUDIO),
    "studio.quote": Private(PRIVATE_STUDIO),
    "studio.quoteline": Private(PRIVATE_STUDIO),
    "studio.engagement": Private(PRIVATE_STUDIO),
    "studio.engagementperson": Private(PRIVATE_STUDIO),
    "studio.timedeclaration": Private(PRIVATE_STUDIO),
    "studio.engagementinvoice": Private(PRIVATE_STUDIO),
}


def policy_problems(models, policy: dict | None = None) -> list[str]:
    """What ``policy`` (``POLICY``) leaves undecided or gets wrong about ``models``: a model or
    a field it does not classify, a name it does not know, a person's account published."""
    policy = POLICY if policy is None else policy
    problems = []
    labels = {model._meta.label_lower: model for model in models}
    problems += [f"{name}: not a carried model" for name in sorted(set(policy) - set(labels))]
    for name, model in sorted(labels.items()):
        rule = policy.get(name)
        if rule is None:
            problems.append(f"{name}: neither public nor private")
            continue
        if isinstance(rule, Private):
            continue
        fields = {f.attname: f for f in model._meta.concrete_fields}
        published, withheld = set(rule.fields), set(rule.withheld)
        problems += [
            f"{name}.{f}: not classified" for f in sorted(set(fields) - published - withheld)
        ]
        problems += [
            f"{name}.{f}: no such field" for f in sorted((published | withheld) - set(fields))
        ]
        problems += [
            f"{name}.{f}: both published and withheld" for f in sorted(published & withheld)
        ]
        problems += [
            f"{name}.{f}: masked but not published" for f in sorted(set(rule.masked) - published)
        ]
        if bool(rule.masked) != (rule.masked_when is not None):
            problems.append(f"{name}: masked fields and their condition go together")
        for attname in sorted(published & set(fields)):
            target = fields[attname].related_model
            if target is not None and target._meta.label == settings.AUTH_USER_MODEL:
                problems.append(f"{name}.{attname}: names a person's account")
    return problems

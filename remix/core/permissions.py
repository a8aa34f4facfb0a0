"""Who may do what: one named check per decision, used by the pages, the API, the admin and the
services alike.

Decisions that move or commit money ask ``can_keep_books``, whatever the way in:

- the books: a transaction written, posted, categorised, deleted or reversed, a transfer between
  funds, a need, a rate, a bank import, a period closed;
- the funding search: an application granted or closed (``can_move_application``), a grant's
  payment recorded, a final report accepted;
- contributions: a payment or a gift recorded, a declared gift validated, a campaign or a
  matching round created or closed.

Services take the person acting as ``recorder`` and ask the check themselves
(``require_recorder``), so a page, an API call or an admin action that forgets cannot pass.
``recorder=None`` is the platform itself: a command run by the machine's administrator, a
payment provider's signed webhook, the demo.
"""

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied


def can_edit_network(user) -> bool:
    """Editors (and stewards, who hold every role's rights) edit the map and the catalogue."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_role("editor") or user.has_role("steward"))
    )


def can_contribute(user) -> bool:
    """Members write to the catalogue: documents, commons, translations, remixes, themes."""
    return bool(
        user.is_authenticated
        and user.is_active
        and any(user.has_role(role) for role in ("member", "editor", "steward"))
    )


def can_see_private(user) -> bool:
    """Private fields of persons (e-mail, phone) are for stewards only."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def require(check, user, **context) -> None:
    if not check(user, **context):
        raise PermissionDenied


def require_recorder(check, recorder, **context) -> None:
    """In a service: the person recording must hold the right (``None`` is the platform)."""
    if recorder is not None:
        require(check, recorder, **context)


def role_required(check):
    """A view decorator: log in first, then a 403 page when the role is missing."""

    def decorator(view):
        def wrapped(request, *args, **kwargs):
            require(check, request.user)
            return view(request, *args, **kwargs)

        return user_passes_test(lambda user: user.is_authenticated)(wrapped)

    return decorator


def can_keep_books(user) -> bool:
    """Treasurers (and stewards) write the books: transactions, needs, rates, imports, closing."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_role("treasurer") or user.has_role("steward"))
    )


# The stages of an application that commit money (``remix.grants.models.Stage``'s values: core
# imports no app; a test of the funding search holds them to its stages).
MONEY_STAGES = frozenset({"granted", "closed"})


def can_move_application(user, *, to: str) -> bool:
    """Members move applications along the shared board; granting (the grant becomes owed in the
    books) and closing (the final report accepted, the withheld share due) are treasurers'."""
    if to in MONEY_STAGES:
        return can_keep_books(user)
    return can_contribute(user)


def can_give_roles(user) -> bool:
    """Stewards give and take back roles."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def needs_second_factor(user) -> bool:
    """Treasurers and stewards (superusers hold every role) decide about money and run the
    admin: they use those roles only once a second factor has proved who they are."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.has_role("treasurer") or user.has_role("steward"))
    )


def can_widen_dates(user) -> bool:
    """Stewards widen the dates the books and the plans accept (old archives, long plans)."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_edit_charter(user) -> bool:
    """Stewards publish a new version of the charter (the rules the moderation log cites)."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_set_receipt_issuer(user) -> bool:
    """Stewards say which association issues the tax receipts, and who signs them."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_record_bank_account(user) -> bool:
    """Stewards and treasurers record the platform's bank accounts: IBAN, BIC and the fiscal
    host that holds each, from when."""
    return can_keep_books(user)


def can_issue_invoice(user) -> bool:
    """Treasurers (and stewards) write the study office's invoices, see them and issue them."""
    return can_keep_books(user)


def can_record_invoice_payment(user) -> bool:
    """Treasurers (and stewards) record what a client paid: it posts to the books."""
    return can_keep_books(user)


def can_issue_credit_note(user) -> bool:
    """Treasurers (and stewards) correct an issued invoice with a credit note (and its refund)."""
    return can_keep_books(user)


def can_set_invoice_issuer(user) -> bool:
    """Stewards say who issues the invoices: name, identifiers, VAT mention, payment terms."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_edit_sharing_rules(user) -> bool:
    """Treasurers and stewards write the sharing rules (each change a new version, read by all)."""
    return can_keep_books(user)


def can_distribute_revenue(user) -> bool:
    """Treasurers and stewards share an income by a rule: it posts to the books."""
    return can_keep_books(user)


def can_record_stewardship(user) -> bool:
    """Stewards record who carries which charge of the platform (its stewardship terms)."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_record_volunteer(user) -> bool:
    """Stewards record (and withdraw) an organisation's offer to carry a charge's next term: the
    offer is the organisation's word, taken by those who keep the stewardship's records."""
    return can_record_stewardship(user)


def can_manage_productions(user) -> bool:
    """Stewards and treasurers manage productions: their budget lines, funding lines, the time
    given to them and the documents they produced. Counting a transaction of the books as a
    production's cost is keeping the books (``can_keep_books``)."""
    return can_keep_books(user)


def can_run_experiments(user) -> bool:
    """Stewards propose, change, start and conclude the platform's experiments (its challenges);
    everyone reads them."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_manage_projects(user, *, project=None) -> bool:
    """Stewards create and manage the mediation projects; a project's managers manage their own
    (its words, dates, status, budget, carriers, themes, documents and productions). ``project``
    is a ``remix.projects`` project (core imports no app); without it, creating one."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.has_role("steward"):
        return True
    return project is not None and project.managers.filter(pk=user.pk).exists()


# A handover: each step has its one rule. ``term`` and ``handover`` are the stewardship app's
# (core imports no app): the people acting for the outgoing term, and the incoming carrier's people.
def _acts_for(user, people) -> bool:
    return bool(user.is_authenticated and user.is_active) and (
        user.is_superuser or people.filter(pk=user.pk).exists()
    )


def can_handover_propose(user, *, term) -> bool:
    """A steward acting for the carrier of a charge proposes to hand it over."""
    return _acts_for(user, term.people) and user.has_role("steward")


def can_handover_accept(user, *, handover) -> bool:
    """The incoming carrier's people accept the handover proposed to them."""
    return _acts_for(user, handover.incoming_people)


def can_handover_check(user, *, handover) -> bool:
    """The outgoing carrier's stewards go through the checklist."""
    return can_handover_propose(user, term=handover.outgoing)


def can_handover_transfer(user, *, handover) -> bool:
    """The outgoing carrier's treasurers (or stewards) move the balance in the books."""
    return _acts_for(user, handover.outgoing.people) and can_keep_books(user)


def can_handover_sign_outgoing(user, *, handover) -> bool:
    """The outgoing carrier's stewards sign the handover off."""
    return can_handover_propose(user, term=handover.outgoing)


def can_handover_sign_incoming(user, *, handover) -> bool:
    """The incoming carrier's people sign last: the charge, and the steward role, pass to them."""
    return _acts_for(user, handover.incoming_people)


# The contributive budget (``remix/envelopes``): treasurers open and close envelopes (closing
# posts the payouts), members ask, anyone logged in questions a request, a requester amends
# their own request.
def can_envelope_open(user) -> bool:
    return can_keep_books(user)


def can_envelope_close(user) -> bool:
    return can_keep_books(user)


def can_envelope_request(user) -> bool:
    return can_contribute(user)


def can_envelope_comment(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_request_amend(user, *, request) -> bool:
    return bool(user.is_authenticated and user.is_active and user.pk == request.requester_id)


# The study office: each decision its rule. ``engagement`` is the studio app's (core imports no
# app): its people are those recorded on it.
def can_manage_services(user) -> bool:
    """Stewards write the study office's catalogue of services."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_issue_quote(user) -> bool:
    """Stewards and treasurers write quotes to clients (an offer that commits the association),
    and read the quotes and engagements written."""
    return can_keep_books(user)


def can_accept_quote(user) -> bool:
    """Stewards and treasurers record a client's acceptance of a quote: it opens an engagement."""
    return can_keep_books(user)


def can_record_engagement_people(user) -> bool:
    """Stewards record who works on an engagement and the days planned for them."""
    return bool(user.is_authenticated and user.is_active and user.has_role("steward"))


def can_declare_engagement_time(user, *, engagement) -> bool:
    """A person recorded on an engagement declares their own time on it."""
    return bool(
        user.is_authenticated
        and user.is_active
        and engagement.people.filter(user_id=user.pk).exists()
    )


# A mediation project's events (``project`` is the projects app's: core imports no app).
def can_manage_events(user, *, project) -> bool:
    """Stewards and the project's managers create its events, attach their minutes and
    recordings, and read who registered."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.has_role("steward") or project.managers.filter(pk=user.pk).exists()

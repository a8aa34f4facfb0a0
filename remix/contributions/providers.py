"""Payment providers: how a giver pays a pledge, and how a provider tells us it was paid.

A pledge belongs to the platform, not to a provider: every provider finds it again by its RF
reference (``Pledge.reference``), which the giver carries into the payment. A provider is one
small class with this interface; ``PROVIDERS`` lists them by name.

``name``
    A short code, also the ``Contribution.provider`` value of the gifts it brings and the last
    part of its addresses (``/hooks/<name>/``, ``/contribute/pledges/<ref>/pay/<name>/``).
``label``, ``brand``
    What a giver reads ("Bank transfer"); the provider's own name on its "Pay online with …"
    button ("Stripe").
``online``
    True when the provider calls a webhook when a payment succeeds.
``configured()``
    Whether the settings it needs are there. An unconfigured provider shows nothing to givers,
    and its webhook answers 404.
``instructions(pledge)``
    What the giver is shown to pay this pledge, as an ``Instructions`` (a title, a few labelled
    details to copy); None when it has nothing to show.
``checkout_offered(pledge)``
    Online providers with a checkout: whether it can take this pledge (a provider may not do
    recurring gifts, or some currency). ``checkouts_for(pledge)`` asks it only of a configured
    provider and of a pledge payable now; the pledge's page shows one button for each.
``checkout_origins()``
    Where its checkout pages are (``https://checkout.stripe.com``): the pledge's page adds them
    to its Content-Security-Policy's ``form-action``, without which a browser refuses to follow
    the start's redirect out of the site.
``checkout_start(pledge, *, return_url, cancel_url)``
    Create the provider's checkout for this pledge (its amount, its currency, its reference
    carried in the provider's metadata, once or at the pledge's rhythm) and give the address
    to send the giver to. Raise ``CheckoutFailed`` with a translated message when the provider
    refuses or cannot be reached: the giver reads it on the pledge's page, nothing is recorded.
``return_read(pledge, query)``
    On the giver's return to ``return_url``: ask the provider's API (never the query alone,
    which anyone can write) whether this pledge's checkout is paid, and return its
    ``ProviderEvent``, or None while it is not (a direct debit takes days: the webhook then
    brings it).
``event_read(*, body, headers, now)``
    Online providers only: check that a webhook request comes from the provider (raise
    ``webhooks.SignatureRefused`` with a short code otherwise), then read it. Return a
    ``webhooks.ProviderEvent`` for a successful payment (amount in minor units, currency,
    the reference, the payment's id, how it was paid), or None for any other event, which is
    then acknowledged and ignored. ``now`` is the Unix time, passed in so that tests choose it.

``event_record(event=)`` then does the same for every provider, from the webhook and from the
return (``views/checkout.py``, ``views/hooks.py``): a standing pledge with that reference and in
that currency gets the payment (``services.payment_record``, keyed by ``<name>:<payment id>``,
``ProviderEvent.key``, so the return and each notification of one payment record it once);
anything else is left to a treasurer as an audit event (``funding.webhook.*``, listed by
``webhook_problems()``). The payment's id must be the same whoever tells of it: for Stripe the
PaymentIntent of a one-off payment and the Invoice of each month of a subscription
(``stripe_api``), never the id of the notification.

A provider whose notifications cannot be trusted for what they say reads only which payment they
are about, and asks the provider's API for the rest: HelloAsso (``remix.contributions.helloasso``)
does so for the giver's return and for every notification.
"""

import dataclasses
import datetime
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remix.contributions import helloasso, stripe_api, webhooks
from remix.contributions.models import Contribution, Pledge, PledgeStatus
from remix.contributions.selectors.pledges import pledge_by_reference, pledge_reconciliation
from remix.contributions.services.idempotency import KeyReused, first_result
from remix.contributions.services.payments import payment_record
from remix.core.audit import audit_record
from remix.core.formats import format_money
from remix.core.models import AuditEvent
from remix.core.money import from_minor
from remix.ledger import selectors as ledger_selectors
from remix.ledger.iban import iban_grouped

# --- what a giver is shown -----------------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    label: str
    value: str
    copy: bool = True  # something to copy exactly (an IBAN, a reference), shown in monospace


@dataclass(frozen=True)
class Instructions:
    provider: str
    title: str
    details: tuple[Detail, ...] = ()
    note: str = ""
    url: str = ""  # an online provider's checkout, when it has one


class CheckoutFailed(Exception):
    """The provider refused to open a checkout, or could not be reached: ``message`` says so to
    the giver, translated; nothing was recorded and the pledge stands."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Provider:
    """The interface every payment provider implements (see the module's docstring)."""

    name = ""
    label = ""
    brand = ""  # the provider's own name on the "Pay online with …" button
    online = False

    def configured(self) -> bool:
        return True

    def instructions(self, pledge: Pledge) -> Instructions | None:
        return None

    def checkout_offered(self, pledge: Pledge) -> bool:
        return False

    def checkout_start(self, pledge: Pledge, *, return_url: str, cancel_url: str) -> str:
        raise NotImplementedError(f"{self.name} has no checkout")

    def checkout_origins(self) -> tuple[str, ...]:
        """Where its checkout pages are: a browser follows the start's redirect there only if
        the page with the button allows it (the CSP's ``form-action``)."""
        return ()

    def return_read(
        self, pledge: Pledge, query: Mapping[str, str]
    ) -> webhooks.ProviderEvent | None:
        return None

    def event_read(
        self, *, body: bytes, headers: Mapping[str, str], now: int
    ) -> webhooks.ProviderEvent | None:
        raise NotImplementedError(f"{self.name} receives no webhook")


@dataclass(frozen=True)
class BankDetails:
    """Where a transfer is sent: the holder's name, the IBAN in groups of four, the BIC."""

    holder: str
    iban: str
    bic: str = ""
    since: datetime.date | None = None  # the day the holder took the account, when recorded


def bank_details(*, on: datetime.date | None = None) -> BankDetails | None:
    """The account gifts by transfer are expected on, on ``on`` (today when left out): the
    bank account the books say is held that day (the fiscal host's), else the operator's
    settings (``REMIX_BANK_TRANSFER``); None when neither names one."""
    held = ledger_selectors.bank_account_held(on=on)
    if held is not None:
        return BankDetails(held.holder.name, held.iban_grouped, held.bic, held.held_from)
    account = getattr(settings, "REMIX_BANK_TRANSFER", None) or {}
    if not (account.get("holder") and account.get("iban")):
        return None
    return BankDetails(
        account["holder"].strip(),
        iban_grouped(account["iban"]),
        (account.get("bic") or "").strip().upper(),
    )


class BankTransfer(Provider):
    """Built in: the giver sends a transfer with the pledge's reference in its label, to the
    account held that day (``bank_details``); the bank statement, once imported, brings it back
    (``remix.contributions.banking``)."""

    name = "bank"
    label = gettext_lazy("Bank transfer")

    def configured(self) -> bool:
        return bank_details() is not None

    def instructions(self, pledge: Pledge) -> Instructions | None:
        account = bank_details()
        if account is None:
            return None
        details = [
            Detail(_("Account holder"), account.holder, copy=False),
            Detail(_("IBAN"), account.iban),
        ]
        if account.bic:
            details.append(Detail(_("BIC"), account.bic))
        details += [
            Detail(_("Amount"), format_money(pledge.amount_minor, pledge.commodity), copy=False),
            Detail(_("Reference to put in the transfer's label"), pledge.reference),
        ]
        note = _(
            "Put the reference in the transfer's label, exactly: it is how the gift finds your "
            "pledge when the bank statement is imported."
        )
        if pledge.is_recurring:
            note += " " + _(
                "For a regular gift, set up a standing order at your bank with this reference."
            )
        return Instructions(
            provider=self.name, title=str(self.label), details=tuple(details), note=note
        )


CHECKOUT_ORIGIN = "https://checkout.stripe.com"


class Stripe(Provider):
    """Stripe Checkout (``stripe_api``): a card payment for a one-off pledge, a subscription paid
    by card or SEPA Direct Debit for a recurring one; payments arrive by the webhook and by the
    giver's return, under one key per payment. The webhook alone works with only its secret
    (payment links made on Stripe); the checkout needs the API's secret key too."""

    name = "stripe"
    label = gettext_lazy("Card payment (Stripe)")
    brand = "Stripe"
    online = True

    def secret(self) -> str:
        return getattr(settings, "REMIX_STRIPE_WEBHOOK_SECRET", "") or ""

    def secret_key(self) -> str:
        return getattr(settings, "REMIX_STRIPE_SECRET_KEY", "") or ""

    def configured(self) -> bool:
        return bool(self.secret())

    def _api(self):
        return stripe_api.client(
            secret_key=self.secret_key(),
            api_base=getattr(settings, "REMIX_STRIPE_API_BASE", "") or stripe_api.DEFAULT_API_BASE,
        )

    def checkout_offered(self, pledge: Pledge) -> bool:
        """With the API's key; a recurring pledge once, as its subscription then pays it."""
        if not (self.secret_key() and self.configured()):
            return False
        if pledge.is_recurring:
            return not pledge.contributions.filter(provider=self.name).exists()
        return True

    def checkout_origins(self) -> tuple[str, ...]:
        return (getattr(settings, "REMIX_STRIPE_CHECKOUT_ORIGIN", "") or CHECKOUT_ORIGIN,)

    def checkout_start(self, pledge: Pledge, *, return_url: str, cancel_url: str) -> str:
        with translation.override(pledge.language):
            description = _("Gift to %(fund)s") % {"fund": pledge.fund.label}
        params = stripe_api.session_params(
            pledge, description=description, return_url=return_url, cancel_url=cancel_url
        )
        try:
            return stripe_api.session_create(self._api(), params)
        except stripe.StripeError as error:
            raise CheckoutFailed(
                _(
                    "Stripe could not open the payment page (%(reason)s). Nothing was paid and "
                    "your pledge stands: try again in a moment, or pay by bank transfer."
                )
                % {"reason": _stripe_reason(error)}
            ) from error

    def return_read(
        self, pledge: Pledge, query: Mapping[str, str]
    ) -> webhooks.ProviderEvent | None:
        session_id = query.get("session_id", "")
        if not session_id.startswith("cs_"):
            return None
        try:
            return stripe_api.session_paid(
                self._api(), session_id=session_id, reference=pledge.reference
            )
        except stripe.StripeError as error:
            raise CheckoutFailed(_stripe_reason(error)) from error

    def event_read(
        self, *, body: bytes, headers: Mapping[str, str], now: int
    ) -> webhooks.ProviderEvent | None:
        webhooks.stripe_verify(body, headers.get("Stripe-Signature", ""), self.secret(), now=now)
        event = stripe_api.event_read(body)
        if event is None or event.method or event.kind != "invoice.paid" or not self.secret_key():
            return event
        try:
            method = stripe_api.invoice_method(self._api(), event.payment_id)
        except stripe.StripeError:
            return event  # recorded all the same; how it was paid stays unsaid
        return dataclasses.replace(event, method=method)


def _stripe_reason(error: Exception) -> str:
    """What the giver is told of a Stripe failure: out of reach, or refused."""
    if isinstance(error, stripe.APIConnectionError):
        return _("Stripe could not be reached")
    return _("Stripe refused the request")


class HelloAsso(Provider):
    """An adapter: HelloAsso's free checkout (``remix.contributions.helloasso``), for one payment
    in euros. Nothing a giver's return or a notification says is believed: the checkout intent
    is asked of HelloAsso's API, and only a payment it says is Authorized is recorded, under
    HelloAsso's payment id."""

    name = "helloasso"
    label = gettext_lazy("Online payment (HelloAsso)")
    brand = "HelloAsso"
    online = True
    # HelloAsso's paymentMeans, as the books name how a gift was paid.
    methods = {
        "card": "card",
        "sepa": "direct_debit",
        "check": "cheque",
        "cash": "cash",
        "banktransfer": "transfer",
    }

    def configured(self) -> bool:
        return helloasso.config() is not None

    def checkout_origins(self) -> tuple[str, ...]:
        conf = helloasso.config()
        return (conf.checkout_origin,) if conf is not None else ()

    def checkout_offered(self, pledge: Pledge) -> bool:
        """Once, in euros: HelloAsso takes only euros, and its checkout's instalments are a fixed
        list of dates for one total, not an open-ended regular gift."""
        return pledge.commodity == helloasso.COMMODITY and not pledge.is_recurring

    def checkout_start(self, pledge: Pledge, *, return_url: str, cancel_url: str) -> str:
        with translation.override(pledge.language):
            item_name = pledge.fund.give_title  # what the giver reads on HelloAsso's page
        try:
            intent = helloasso.intent_create(
                helloasso.config(),
                amount_minor=pledge.amount_minor,
                item_name=item_name,
                reference=pledge.reference.replace(" ", ""),
                return_url=return_url,
                back_url=cancel_url,
                error_url=cancel_url,
                now=time.time(),
            )
        except helloasso.ApiError as error:
            raise CheckoutFailed(
                _(
                    "HelloAsso could not open the payment just now; nothing was paid. Try again in "
                    "a few minutes, or pay by bank transfer."
                )
            ) from error
        return intent.redirect_url

    def return_read(self, pledge: Pledge, query: Mapping[str, str]):
        intent_id = str(query.get("checkoutIntentId") or "")
        if not intent_id:
            return None
        conf = helloasso.config()
        try:
            paid = helloasso.intent_paid(helloasso.intent_get(conf, intent_id, now=time.time()))
        except helloasso.ApiError as error:
            raise CheckoutFailed(_("HelloAsso could not be asked about the payment.")) from error
        ours = [p for p in paid if p.reference == pledge.reference.replace(" ", "")]
        return self._event(ours[0], kind="return") if ours else None

    def event_read(
        self, *, body: bytes, headers: Mapping[str, str], now: int
    ) -> webhooks.ProviderEvent | None:
        conf = helloasso.config()
        try:
            notice = helloasso.notice_read(body, headers, key=conf.signature_key)
            if notice is None:
                return None
            paid = helloasso.notice_paid(conf, notice, now=now)
        except helloasso.NoticeRefused as refused:
            raise webhooks.SignatureRefused(refused.code) from refused
        return self._event(paid[0], kind=notice.kind)

    def _event(self, paid: helloasso.Paid, *, kind: str) -> webhooks.ProviderEvent:
        return webhooks.ProviderEvent(
            provider=self.name,
            event_id=paid.payment_id,
            kind=kind,
            amount_minor=paid.amount_minor,
            commodity=helloasso.COMMODITY,
            reference=paid.reference,
            paid_on=paid.paid_on,
            payment_id=paid.payment_id,
            method=self.methods.get(paid.means, ""),
        )


PROVIDERS: dict[str, Provider] = {p.name: p for p in (BankTransfer(), Stripe(), HelloAsso())}


def provider_get(name: str) -> Provider | None:
    return PROVIDERS.get(name)


def webhook_provider(name: str) -> Provider | None:
    """The online provider behind ``/hooks/<name>/``, if it exists and is configured."""
    provider = PROVIDERS.get(name)
    return provider if provider is not None and provider.online and provider.configured() else None


def pledge_payable(pledge: Pledge) -> bool:
    """Whether a giver may pay this pledge now: running and not waiting for its campaign to
    close, or a campaign pledge whose goal was reached; a one-off gift only until received."""
    due = pledge.status == PledgeStatus.RECEIVABLE or (
        pledge.status == PledgeStatus.ACTIVE and not pledge.campaign_id
    )
    if not due or pledge.is_recurring:
        return due
    received = pledge_reconciliation(pledge=pledge, today=timezone.localdate()).received
    return received < pledge.amount_minor


def checkouts_for(pledge: Pledge) -> list[Provider]:
    """The configured online providers whose checkout can take this pledge now."""
    if not pledge_payable(pledge):
        return []
    return [
        p for p in PROVIDERS.values() if p.online and p.configured() and p.checkout_offered(pledge)
    ]


def instructions_for(pledge: Pledge) -> list[Instructions]:
    """Every way to pay a pledge that the configured providers offer, the bank first."""
    found = (p.instructions(pledge) for p in PROVIDERS.values() if p.configured())
    return [instructions for instructions in found if instructions is not None]


# --- what a provider tells us --------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What became of a provider's event: ``recorded``, ``repeat`` (already recorded or already
    reported), ``unmatched``, ``other_currency`` or ``refused`` (left to a treasurer)."""

    status: str
    contribution: Contribution | None = None
    reasons: list[str] = field(default_factory=list)


def event_record(*, event: webhooks.ProviderEvent) -> Outcome:
    """A verified payment event: recorded for its pledge once, or reported for a treasurer.

    The payment's id is its key (``ProviderEvent.key``, ``services.idempotency``): the giver's
    return and each notification of the same payment answer the gift recorded first, before any
    pledge is looked for (the pledge may no longer stand); sent with another amount it is
    refused."""
    key = event.key
    if AuditEvent.objects.filter(action__startswith="funding.webhook.", data__key=key).exists():
        return Outcome("repeat")
    try:
        recorded = first_result(
            Contribution,
            field="external_key",
            key=key,
            asked={
                "amount_minor": event.amount_minor,
                "commodity": event.commodity,
                "provider": event.provider,
            },
        )
    except KeyReused as error:
        return _reported(event, key, "refused", pledge=None, reasons=error.messages)
    if recorded is not None:
        return Outcome("repeat", recorded)
    pledge = pledge_by_reference(event.reference, standing=True)
    if pledge is None:
        return _reported(event, key, "unmatched", pledge=None)
    if pledge.commodity != event.commodity:
        return _reported(event, key, "other_currency", pledge=pledge)
    try:
        contribution, created = payment_record(
            pledge=pledge,
            amount=from_minor(event.amount_minor, event.commodity),
            commodity=event.commodity,
            date=event.paid_on,
            provider=event.provider,
            external_key=key,
            method=event.method or None,  # unsaid: the provider's usual method
        )
    except ValidationError as error:
        return _reported(event, key, "refused", pledge=pledge, reasons=error.messages)
    return Outcome("recorded" if created else "repeat", contribution)


def _reported(event, key: str, status: str, *, pledge, reasons=()) -> Outcome:
    with db.atomic():
        audit_record(
            action=f"funding.webhook.{status}",
            obj=pledge,
            data={
                "key": key,
                "provider": event.provider,
                "kind": event.kind,
                "reference": event.reference,
                "amount": event.amount_minor,
                "commodity": event.commodity,
                "paid_on": str(event.paid_on),
                "reasons": list(reasons),
            },
        )
    return Outcome(status, reasons=list(reasons))


def webhook_problems(*, limit: int = 50):
    """Payments a provider announced that found no pledge or were refused: for the treasurer."""
    return AuditEvent.objects.filter(action__startswith="funding.webhook.").order_by(
        "-created_at", "-id"
    )[:limit]

"""Small builders for the contributive budget's tests: an envelope paid from the platform fund,
amounts in euros written as text."""

from decimal import Decimal

from remix.core.money import to_minor
from remix.envelopes import services
from remix.ledger.models import Account, Fund


def euros(text: str) -> int:
    return to_minor(text, "EUR")


def envelope(
    amount="1500", low="150", high="250", *, title="Documentation du trimestre", recorder=None
):
    return services.envelope_open(
        title=title,
        fund=Fund.objects.get(slug="plateforme"),
        expense_account=Account.objects.get(code="Expenses:Development"),
        amount_minor=euros(amount),
        day_min_minor=euros(low),
        day_max_minor=euros(high),
        period="Octobre à décembre",
        recorder=recorder,
    )


def ask(envelope, person, days: str, amount: str, what="Un guide du catalogue."):
    return services.request_ask(
        envelope=envelope,
        requester=person,
        what=what,
        days=Decimal(days),
        asked_minor=euros(amount),
    )

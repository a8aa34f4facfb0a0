"""The demo's contributive budget: « Documentation du trimestre », 1 500 € at 150–250 € a day,
three public requests that ask a little more than the envelope, one of them questioned, answered
and amended, waiting for the treasurer's closing."""

from decimal import Decimal

from remix.accounts.models import User
from remix.core.demo import demo_loader
from remix.envelopes import services
from remix.envelopes.models import Envelope
from remix.ledger.models import Account, Fund

TITLE = "Documentation du trimestre"

# username, what they did, days, amount asked (minor units)
REQUESTS = [
    (
        "amina",
        "Guide de prise en main du catalogue : 12 pages, captures d'écran comprises, "
        "relu avec deux nouvelles contributrices.",
        "3",
        70_000,
    ),
    (
        "camille",
        "Traduction en espagnol de la documentation des contributeurs et du glossaire.",
        "2.5",
        50_000,
    ),
    (
        "louise",
        "Relecture de la documentation de l'API et schémas des flux d'argent.",
        "2",
        45_000,
    ),
]


@demo_loader(
    order=65, name="contributive budget: an envelope in progress, a little over-subscribed"
)
def load_envelope() -> None:
    if Envelope.objects.filter(title=TITLE).exists():
        return
    people = {
        user.username: user
        for user in User.objects.filter(username__in=["amina", "camille", "louise", "mateo"])
    }
    envelope = services.envelope_open(
        title=TITLE,
        description=(
            "Une enveloppe pour la documentation écrite ce trimestre : guides, traductions, "
            "relectures. Chacun demande ce qu'il trouve juste, entre 150 € et 250 € par jour."
        ),
        fund=Fund.objects.get(slug="plateforme"),
        expense_account=Account.objects.get(code="Expenses:Development"),
        period="Octobre à décembre",
        project="Documentation",
        amount_minor=150_000,
        day_min_minor=15_000,
        day_max_minor=25_000,
        recorder=people["mateo"],
    )
    asked = {}
    for username, what, days, amount in REQUESTS:
        asked[username] = services.request_ask(
            envelope=envelope,
            what=what,
            days=Decimal(days),
            asked_minor=amount,
            requester=people[username],
        )
    guide = asked["amina"]
    services.comment_write(
        request=guide,
        body="Trois jours pour douze pages, cela comprend-il les captures d'écran ? "
        "700 € me semble au-dessus de ce que nous avions dit pour un guide.",
        author=people["mateo"],
    )
    services.comment_write(
        request=guide,
        body="Oui, les captures et deux séances de relecture. Tu as raison pour le montant : "
        "je le ramène à **650 €**.",
        author=people["amina"],
    )
    services.request_amend(
        request=guide,
        what=guide.what,
        days=guide.days,
        asked_minor=65_000,
        recorder=people["amina"],
    )

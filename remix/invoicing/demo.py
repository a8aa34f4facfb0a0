"""The demo's invoices: the issuer's details a steward would set, two clients with their
identifiers (a French city with its SIRET, a Spanish cooperative bank with its VAT number), one
invoice paid, one issued and still due, and a partial credit note on it."""

import datetime

from django.utils import timezone

from remix.allies.models import Actor
from remix.allies.services import actor_update
from remix.core.demo import demo_loader
from remix.invoicing import services
from remix.invoicing.models import Invoice, InvoiceIssuer
from remix.ledger.selectors import bank_account_held

CLIENTS = {
    "Ville de Lyon": (
        "Hôtel de Ville\n1 place de la Comédie\n69001 Lyon",
        "siret",
        "21690012600014",
    ),
    "Banque Éthique Coopérative": ("Calle Mayor 12\n28013 Madrid", "vat", "ESA12345674"),
}


def _clients() -> dict:
    found = {actor.name: actor for actor in Actor.objects.filter(name__in=CLIENTS, source="demo")}
    for name, (address, scheme, number) in CLIENTS.items():
        if name in found:
            found[name] = actor_update(
                actor=found[name], postal_address=address, legal_id_scheme=scheme, legal_id=number
            )
    return found


@demo_loader(
    order=70, name="invoicing: the issuer, two clients, invoices paid and due, a credit note"
)
def load_invoices() -> None:
    if InvoiceIssuer.objects.exists() or Invoice.objects.exists():
        return  # loaded already
    today = timezone.localdate()
    if bank_account_held(on=today - datetime.timedelta(days=60)) is None:
        return  # the fiscal hosts' bank accounts are not loaded
    clients = _clients()
    if len(clients) < len(CLIENTS):
        return  # the demo network is not loaded
    services.invoice_issuer_set(
        name="Coopérative des Communs",
        address="5 place des Communs\n69001 Lyon",
        siret="81234567600017",
        vat_exemption="293b",
        payment_days=30,
    )
    _invoice_paid(clients["Ville de Lyon"], today)
    _invoice_due_and_credited(clients["Banque Éthique Coopérative"], today)


def _invoice_paid(lyon, today) -> None:
    paid = services.invoice_draft_create(
        client=lyon,
        lines=[
            {
                "description": "Atelier « cartographier les communs du quartier »",
                "quantity": "2",
                "unit_price": "600.00",
            },
            {
                "description": "Synthèse écrite de l’atelier",
                "quantity": "1",
                "unit_price": "350.00",
            },
        ],
        language="fr",
        currency="EUR",
        recorder=None,
    )
    paid = services.invoice_issue(
        invoice=paid, recorder=None, on=today - datetime.timedelta(days=60)
    )
    services.invoice_payment_record(
        invoice=paid,
        amount_minor=paid.gross_minor,
        date=today - datetime.timedelta(days=30),
        method="transfer",
        recorder=None,
    )


def _invoice_due_and_credited(bank, today) -> None:
    due = services.invoice_draft_create(
        client=bank,
        lines=[
            {
                "description": "Formación: finanzas abiertas para cooperativas",
                "quantity": "1.5",
                "unit_price": "800.00",
            },
            {
                "description": "Traducción de la guía al castellano",
                "quantity": "12",
                "unit_price": "45.00",
            },
        ],
        language="es",
        currency="EUR",
        recorder=None,
    )
    due = services.invoice_issue(invoice=due, recorder=None, on=today - datetime.timedelta(days=10))
    services.credit_note_issue(
        invoice=due,
        lines=[
            {
                "description": "Traducción: 2 horas no realizadas",
                "quantity": "2",
                "unit_price": "45.00",
            }
        ],
        note="Dos horas de traducción menos de lo facturado.",
        recorder=None,
        on=today - datetime.timedelta(days=5),
    )

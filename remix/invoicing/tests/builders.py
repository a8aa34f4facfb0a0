"""Small builders for the invoicing tests: the issuer, a bank account held, clients, invoices."""

import datetime

from remix.allies.services import actor_create
from remix.invoicing import services
from remix.ledger import services as ledger
from remix.ledger.models import Account

DAY = datetime.date(2026, 3, 2)


def issuer(recorder=None, **fields):
    given = {
        "name": "Remix des Communs",
        "address": "12 rue des Lilas\n75020 Paris",
        "siret": "732 829 320 00074",
        "vat_exemption": "261-7-1b",
        "payment_days": 30,
        **fields,
    }
    return services.invoice_issuer_set(recorder=recorder, **given)


def bank(held_from=datetime.date(2019, 1, 1)):
    host = actor_create(name="Remix des Communs", kind="organisation", legal_form="association")
    return ledger.bank_account_record(
        account=Account.objects.get(code="Assets:Bank:Current"),
        holder=host,
        iban="FR76 3000 6000 0112 3456 7890 189",
        bic="AGRIFRPP",
        held_from=held_from,
    )


def client(name="Ville de Montreuil", **fields):
    given = {
        "kind": "public_authority",
        "legal_form": "local_authority",
        "country": "FR",
        "postal_address": "Place Jean-Jaurès\n93100 Montreuil",
        "legal_id_scheme": "siret",
        "legal_id": "21930048000015",
        **fields,
    }
    return actor_create(name=name, **given)


def world():
    """The issuer and the bank account held: what issuing needs besides a client."""
    issuer()
    bank()


LINES = [
    {"description": "Atelier de cartographie", "quantity": "2", "unit_price_minor": 45000},
    {"description": "Frais de déplacement", "quantity": "1.5", "unit_price": "33.33"},
]


def draft(the_client=None, lines=None, language="fr", recorder=None, **fields):
    return services.invoice_draft_create(
        client=the_client or client(),
        lines=lines or LINES,
        language=language,
        currency="EUR",
        recorder=recorder,
        **fields,
    )


def issued(the_client=None, on=DAY, **fields):
    return services.invoice_issue(invoice=draft(the_client, **fields), recorder=None, on=on)

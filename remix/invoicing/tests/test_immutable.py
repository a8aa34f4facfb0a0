"""An issued invoice never changes: the model, the queryset and the database (a trigger on both
vendors) refuse it, and its lines with it. Numbers stay gapless when two issues race."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from remix.invoicing import services
from remix.invoicing.models import Invoice, InvoiceCounter, InvoiceLine
from remix.invoicing.tests import builders


@pytest.fixture
def issued(db):
    builders.world()
    return builders.issued()


def test_save_is_refused(issued):
    issued.note = "changed"
    with pytest.raises(ValidationError):
        issued.save()
    with pytest.raises(ValidationError):
        issued.delete()


def test_queryset_update_and_delete_are_refused(issued):
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=issued.pk).update(gross_minor=1)
    with pytest.raises(ValidationError):
        Invoice.objects.filter(pk=issued.pk).delete()
    issued.refresh_from_db()
    assert issued.gross_minor == 95000


def _raw(sql, *params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_hits_the_trigger(issued):
    with pytest.raises(DatabaseError):
        _raw("UPDATE invoicing_invoice SET gross_minor = 1 WHERE id = %s", issued.pk)
    line = issued.lines.first()
    with pytest.raises(DatabaseError):
        _raw("UPDATE invoicing_invoiceline SET unit_price_minor = 1 WHERE id = %s", line.pk)
    with pytest.raises(DatabaseError):
        _raw(
            "INSERT INTO invoicing_invoiceline (invoice_id, position, description, quantity, "
            "unit_price_minor, vat_rate, net_minor) VALUES (%s, 9, 'x', 1, 1, 0, 1)",
            issued.pk,
        )
    issued.refresh_from_db()
    assert issued.gross_minor == 95000 and issued.lines.count() == 2


def test_raw_delete_hits_the_trigger_on_postgresql(issued):
    if connection.vendor != "postgresql":
        pytest.skip(
            "On SQLite deletes are guarded by the model and the queryset only: Django empties "
            "SQLite tables with DELETE between tests, which a trigger would block."
        )
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM invoicing_invoiceline WHERE invoice_id = %s", issued.pk)
    with pytest.raises(DatabaseError):
        _raw("DELETE FROM invoicing_invoice WHERE id = %s", issued.pk)
    assert Invoice.objects.filter(pk=issued.pk).exists()


def test_a_draft_changes_freely_and_its_update_is_refused_once_issued(db):
    builders.world()
    invoice = builders.draft()
    client = builders.client("Commune de Bagnolet", legal_id="21930006800000")
    services.invoice_draft_update(
        invoice=invoice,
        client=client,
        lines=[{"description": "Étude", "quantity": "1", "unit_price": "1200.00"}],
        language="en",
        recorder=None,
    )
    invoice.refresh_from_db()
    assert (invoice.client, invoice.language, invoice.gross_minor) == (client, "en", 120000)
    assert InvoiceLine.objects.filter(invoice=invoice).count() == 1
    services.invoice_issue(invoice=invoice, recorder=None, on=builders.DAY)
    with pytest.raises(ValidationError):
        services.invoice_draft_update(
            invoice=invoice, client=client, lines=builders.LINES, language="fr", recorder=None
        )
    with pytest.raises(ValidationError):
        services.invoice_draft_delete(invoice=invoice, recorder=None)


@pytest.mark.django_db(transaction=True)
def test_numbers_stay_gapless_when_issues_race():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's write lock lets one transaction write at a time, so issues are serialised "
            "by construction (and its in-memory test database fails instead of waiting across "
            "threads); the race is proven on PostgreSQL."
        )
    builders.world()
    client = builders.client()
    drafts = [builders.draft(client) for _ in range(6)]
    start = threading.Barrier(len(drafts))
    errors = []

    def issue(invoice):
        try:
            start.wait()
            services.invoice_issue(invoice=invoice, recorder=None, on=builders.DAY)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(invoice,)) for invoice in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Invoice.objects.values_list("sequence", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert InvoiceCounter.objects.get(year=2026).last == 6

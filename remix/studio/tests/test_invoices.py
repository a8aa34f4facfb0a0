"""An engagement invoiced through the invoicing app: a deposit then the balance, linked to it;
the engagement's figures then say what was invoiced and the margin left over its valued time."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from remix.invoicing import services as invoicing
from remix.invoicing.tests.builders import client, world
from remix.studio import selectors, services
from remix.studio.tests.builders import accepted, quote, service

pytestmark = pytest.mark.django_db


@pytest.fixture
def study():
    world()
    lines = [(service(), "12"), (service("atelier", "workshop", "fixed", "1200"), "1")]
    return accepted(quote(client(), lines=lines))  # 7 800 + 1 200 = 9 000.00


def test_a_deposit_then_the_balance_invoice_the_quote_exactly(study, make_user):
    treasurer = make_user("mateo", roles=["member", "treasurer"])

    deposit = services.engagement_invoice(
        engagement=study, part="deposit", share="0.30", recorder=treasurer
    )
    balance = services.engagement_invoice(engagement=study, part="balance", recorder=treasurer)

    assert deposit.invoice.status == "issued" and deposit.invoice.net_minor == 270000
    assert balance.invoice.net_minor == 630000
    assert deposit.invoice.vat_minor == 0  # the issuer states a VAT exemption
    assert deposit.invoice.client == study.client
    assert "D-" in deposit.invoice.lines.get().description
    assert selectors.engagement_invoiced_minor(study) == 900000
    with pytest.raises(ValidationError):
        services.engagement_invoice(engagement=study, part="balance", recorder=treasurer)


def test_without_a_deposit_the_balance_copies_the_quotes_lines(study):
    link = services.engagement_invoice(engagement=study, part="balance")
    lines = list(
        link.invoice.lines.order_by("position").values_list("quantity", "unit_price_minor")
    )
    assert [(str(q.normalize()), p) for q, p in lines] == [("12", 65000), ("1", 120000)]
    assert link.invoice.net_minor == 900000


def test_the_margin_is_the_invoiced_total_less_the_validated_time(study, make_user):
    amina = make_user("amina", roles=["member"])
    services.engagement_person_record(engagement=study, user=amina, planned_days="12")
    declared = services.time_declare(
        engagement=study,
        user=amina,
        date=timezone.localdate() - datetime.timedelta(days=1),
        hours="14",
        description="Entretiens",
    )
    services.time_validate(declared=declared)
    assert selectors.engagement_report(study).margin_minor is None

    link = services.engagement_invoice(engagement=study, part="deposit", share="0.5")
    report = selectors.engagement_report(study)
    assert (report.invoiced_minor, report.time_value_minor, report.margin_minor) == (
        450000,
        130000,
        320000,
    )

    invoicing.credit_note_issue(invoice=link.invoice, recorder=None)
    assert selectors.engagement_report(study).invoiced_minor == 0


def test_a_wrong_share_or_a_member_is_refused(study, make_user):
    with pytest.raises(ValidationError):
        services.engagement_invoice(engagement=study, part="deposit", share="1.5")
    with pytest.raises(PermissionDenied):
        services.engagement_invoice(
            engagement=study, part="balance", recorder=make_user("amina", roles=["member"])
        )
    assert not study.invoices.exists()

"""An issued invoice or credit note as the CII XML of Factur-X, profile EN 16931, built with
drafthorse from what the document copied at issue (number, dates, parties, lines, totals, bank).

Amounts come from the stored minor units (``totals`` computed them the standard's way), so the XML
says to the cent what the PDF prints. VAT: category S (standard rate) or Z (zero rate) for an
issuer subject to VAT; category E (exempt) with the exemption mention as its reason otherwise.
Identifiers: SIREN is scheme 0002 and SIRET 0009 (ISO 6523), a VAT number a ``VA`` registration.
"""

import re
from decimal import Decimal

from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem

from remix.core.money import from_minor
from remix.invoicing.models import Invoice, VatExemption

PROFILE = "urn:cen.eu:en16931:2017"
TYPE_CODES = {"invoice": "380", "credit_note": "381"}
SCHEMES = {"siren": "0002", "siret": "0009"}
SEPA_TRANSFER = "58"
UNIT = "C62"  # "one": a unit without dimension (UN/ECE Recommendation 20)
POSTCODE_CITY = re.compile(r"^\s*(\d{4,5})\s+(.+?)\s*$")


def _address(address, text: str, country: str) -> None:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    found = POSTCODE_CITY.match(lines[-1]) if lines else None
    if found:
        address.postcode, address.city_name = found.groups()
        lines = lines[:-1]
    for field, line in zip(("line_one", "line_two", "line_three"), lines, strict=False):
        setattr(address, field, line)
    address.country_id = country or "FR"


def _seller(doc: Document, issuer: dict) -> None:
    seller = doc.trade.agreement.seller
    seller.name = issuer["name"]
    digits = issuer["siret"]
    seller.legal_organization.id = (SCHEMES["siren" if len(digits) == 9 else "siret"], digits)
    _address(seller.address, issuer["address"], "FR")
    if issuer.get("vat_number"):
        seller.tax_registrations.add(TaxRegistration(id=("VA", issuer["vat_number"])))
    else:
        # No VAT number: the tax registration an exempt seller gives (BT-32, scheme FC).
        seller.tax_registrations.add(TaxRegistration(id=("FC", digits)))


def _buyer(doc: Document, client: dict) -> None:
    buyer = doc.trade.agreement.buyer
    buyer.name = client["name"]
    if client.get("scheme") in SCHEMES:
        buyer.legal_organization.id = (SCHEMES[client["scheme"]], client["legal_id"])
    elif client.get("scheme") == "vat":
        buyer.tax_registrations.add(TaxRegistration(id=("VA", client["legal_id"])))
    _address(buyer.address, client["address"], client.get("country") or "FR")


def _category(issuer: dict, rate: Decimal) -> tuple[str, str]:
    """The VAT category code and the exemption reason of a rate."""
    if issuer.get("vat_exemption"):
        return "E", str(VatExemption(issuer["vat_exemption"]).label)
    return ("S" if rate else "Z"), ""


def _money(minor: int, invoice: Invoice) -> Decimal:
    return from_minor(minor, invoice.currency)


def _lines(doc: Document, invoice: Invoice, lines) -> None:
    for number, line in enumerate(lines, start=1):
        item = LineItem()
        item.document.line_id = str(number)
        item.product.name = line.description
        item.agreement.net.amount = _money(line.unit_price_minor, invoice)
        item.delivery.billed_quantity = (line.quantity, UNIT)
        category, _reason = _category(invoice.issuer, line.vat_rate)
        item.settlement.trade_tax.type_code = "VAT"
        item.settlement.trade_tax.category_code = category
        item.settlement.trade_tax.rate_applicable_percent = line.vat_rate
        item.settlement.monetary_summation.total_amount = _money(line.net_minor, invoice)
        doc.trade.items.add(item)


def _taxes(doc: Document, invoice: Invoice, rates) -> None:
    for rate in rates:
        tax = ApplicableTradeTax()
        category, reason = _category(invoice.issuer, rate.rate)
        tax.calculated_amount = _money(rate.vat_minor, invoice)
        tax.basis_amount = _money(rate.basis_minor, invoice)
        tax.type_code = "VAT"
        tax.category_code = category
        if reason:
            tax.exemption_reason = reason
        tax.rate_applicable_percent = rate.rate
        doc.trade.settlement.trade_tax.add(tax)


def _settlement(doc: Document, invoice: Invoice, terms: str) -> None:
    settlement = doc.trade.settlement
    settlement.currency_code = invoice.currency
    settlement.payment_reference = invoice.number
    means = PaymentMeans()
    means.type_code = SEPA_TRANSFER
    means.payee_account.iban = invoice.bank["iban"]
    means.payee_account.account_name = invoice.bank.get("holder", "")
    if invoice.bank.get("bic"):
        means.payee_institution.bic = invoice.bank["bic"]
    settlement.payment_means.add(means)
    if not invoice.is_credit_note:
        term = PaymentTerms()
        term.description = terms
        term.due = invoice.due_date
        settlement.terms.add(term)
    else:
        reference = settlement.invoice_referenced_document
        reference.issuer_assigned_id = invoice.credit_for.number
        reference.issue_date_time = invoice.credit_for.issue_date
    total = settlement.monetary_summation
    total.line_total = _money(invoice.net_minor, invoice)
    total.charge_total = Decimal("0.00")
    total.allowance_total = Decimal("0.00")
    total.tax_basis_total = _money(invoice.net_minor, invoice)
    total.tax_total = (_money(invoice.vat_minor, invoice), invoice.currency)
    total.grand_total = _money(invoice.gross_minor, invoice)
    total.due_amount = _money(invoice.gross_minor, invoice)


def invoice_xml(invoice: Invoice, *, lines, rates, terms: str, notes=()) -> bytes:
    """The CII XML of ``invoice`` (issued), checked by drafthorse against the EN 16931 schema."""
    doc = Document()
    doc.context.guideline_parameter.id = PROFILE
    doc.header.id = invoice.number
    doc.header.type_code = TYPE_CODES[invoice.kind]
    doc.header.issue_date_time = invoice.issue_date
    for text in notes:
        note = IncludedNote()
        note.content = text
        doc.header.notes.add(note)
    _seller(doc, invoice.issuer)
    _buyer(doc, invoice.client_details)
    doc.trade.delivery.event.occurrence = invoice.issue_date
    _lines(doc, invoice, lines)
    _taxes(doc, invoice, rates)
    _settlement(doc, invoice, terms)
    return doc.serialize(schema="FACTUR-X_EN16931")

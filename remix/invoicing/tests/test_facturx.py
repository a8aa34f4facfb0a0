"""The Factur-X file: a PDF/A-3 in the client's language whose embedded CII XML validates against
the EN 16931 schema and says what the PDF's text says (number, dates, totals), with every legal
mention in the text."""

import io
from decimal import Decimal

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from remix.invoicing import services
from remix.invoicing.documents import invoice_filename
from remix.invoicing.pdf import invoice_pdf
from remix.invoicing.tests import builders

pytestmark = pytest.mark.django_db
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


def _read(pdf: bytes):
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    _name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    return reader, text, xml


def _one(tree, path):
    return tree.xpath(path, namespaces=NS)[0].text


def test_the_embedded_xml_validates_and_matches_the_pdf():
    builders.world()
    invoice = builders.issued()
    pdf = invoice_pdf(invoice)
    reader, text, xml = _read(pdf)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert facturx.get_level(etree.fromstring(xml)) == "en16931"
    tree = etree.fromstring(xml)
    assert _one(tree, "//rsm:ExchangedDocument/ram:ID") == "2026-0001"
    assert _one(tree, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert _one(tree, "//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == "20260302"
    assert (
        _one(tree, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")
        == "20260401"
    )
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    assert Decimal(_one(tree, summation + "ram:TaxBasisTotalAmount")) == Decimal("950.00")
    assert Decimal(_one(tree, summation + "ram:GrandTotalAmount")) == Decimal("950.00")
    assert Decimal(_one(tree, summation + "ram:DuePayableAmount")) == Decimal("950.00")
    assert (
        _one(tree, "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID")
        == "21930048000015"
    )
    assert (
        _one(tree, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID")
        == "FR7630006000011234567890189"
    )
    # The same figures in the PDF's own text, as French prints them.
    flat = text.replace("\u202f", " ").replace("\xa0", " ")
    assert "Facture" in flat and "N° 2026-0001" in flat
    assert "2 mars 2026" in flat and "1 avril 2026" in flat
    assert flat.count("950,00 €") >= 2  # net and gross
    assert "Total TTC" in flat and "Total HT" in flat
    assert reader.metadata.title == "Facture 2026-0001"
    assert invoice_filename(invoice) == "facture-2026-0001.pdf"


def test_the_legal_mentions_are_in_the_text():
    builders.world()
    invoice = builders.issued()
    _reader, text, _xml = _read(invoice_pdf(invoice))
    flat = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    for mention in (
        "Remix des Communs",
        "12 rue des Lilas",
        "SIRET : 732 829 320 00074",
        "Ville de Montreuil",
        "Place Jean-Jaurès",
        "SIRET : 219 300 480 00015",
        "Atelier de cartographie",
        "TVA non applicable, art. 261-7-1° b du CGI",
        "FR76 3000 6000 0112 3456 7890 189",
        "Pénalités de retard",
        "12 %",
        "40,00 €",
        "Pas d’escompte",
    ):
        assert mention in flat, mention


def test_a_credit_note_in_english_refers_to_its_invoice():
    builders.world()
    client = builders.client(
        "Oxalis SCIC",
        kind="organisation",
        legal_form="scic",
        legal_id_scheme="vat",
        legal_id="FR40303265045",
    )
    invoice = builders.issued(client, language="en")
    note = services.credit_note_issue(invoice=invoice, recorder=None, on=builders.DAY)
    _reader, text, xml = _read(invoice_pdf(note))
    tree = etree.fromstring(xml)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert _one(tree, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert _one(tree, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == "2026-0001"
    flat = " ".join(text.split())
    assert "Credit note" in flat and "No. 2026-0002" in flat
    assert "corrects invoice 2026-0001" in flat
    assert "VAT number: FR40303265045" in flat
    assert invoice_filename(note) == "credit-note-2026-0002.pdf"


def test_an_issuer_subject_to_vat_prints_the_rates_and_the_xml_agrees():
    builders.issuer(vat_number="FR40303265045", vat_exemption="")
    builders.bank()
    lines = [
        {"description": "Formación", "quantity": "1", "unit_price": "1000.00", "vat_rate": "20"},
        {"description": "Libro", "quantity": "3", "unit_price": "3.33", "vat_rate": "5.5"},
    ]
    invoice = builders.issued(language="es", lines=lines)
    _reader, text, xml = _read(invoice_pdf(invoice))
    tree = etree.fromstring(xml)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    assert Decimal(_one(tree, summation + "ram:TaxTotalAmount")) == Decimal("200.55")
    assert Decimal(_one(tree, summation + "ram:GrandTotalAmount")) == Decimal("1210.54")
    flat = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    assert "Factura" in flat and "1210,54 €" in flat.replace(".", "")
    assert "200,55 €" in flat and "TVA non applicable" not in flat

"""An issued invoice or credit note as a Factur-X file: a PDF/A-3 (fpdf2) in the client's
language, carrying its CII XML (``cii``, profile EN 16931) embedded by the ``factur-x`` library.

Everything printed comes from what the document copied at issue: the same invoice gives the same
text whatever the issuer, the client or the bank say later. The French tax mentions (« TVA non
applicable, art. 293 B du CGI ») stay in French in every language: they are the law's words.
"""

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _

from remix.allies.identifiers import legal_id_display
from remix.core.formats import format_money
from remix.invoicing import totals as maths
from remix.invoicing.models import Invoice, VatExemption
from remix.ledger.iban import iban_grouped

FILE_WORDS = {
    ("invoice", "fr"): "facture",
    ("invoice", "en"): "invoice",
    ("invoice", "es"): "factura",
    ("credit_note", "fr"): "avoir",
    ("credit_note", "en"): "credit-note",
    ("credit_note", "es"): "abono",
}
SCHEME_NAMES = {"siren": "SIREN", "siret": "SIRET"}


@dataclass(frozen=True)
class Party:
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class InvoiceText:
    """What the document says, in its language; the PDF lays it out, the tests read it."""

    language: str
    title: str
    number: str
    dates: tuple[str, ...]
    seller: Party
    buyer: Party
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[tuple[str, str], ...]
    mentions: tuple[str, ...]
    terms: str


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _plain(value: Decimal) -> str:
    """A decimal without its trailing zeros, in the reader's locale: 20, 5,5, 1,5."""
    value = Decimal(value)
    exact = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(exact)


def _rate(rate: Decimal) -> str:
    return f"{_plain(rate)} %"


def _quantity(quantity: Decimal) -> str:
    return _plain(quantity)


def _seller(issuer: dict) -> Party:
    digits = issuer["siret"]
    lines = [issuer["name"], *issuer["address"].splitlines()]
    scheme = "siren" if len(digits) == 9 else "siret"
    lines.append(f"{SCHEME_NAMES[scheme]} : {legal_id_display(scheme, digits)}")
    if issuer.get("vat_number"):
        lines.append(_("VAT number: %(number)s") % {"number": issuer["vat_number"]})
    return Party(_("Issuer"), tuple(line for line in lines if line.strip()))


def _buyer(client: dict) -> Party:
    lines = [client["name"], *client["address"].splitlines()]
    scheme, number = client.get("scheme", ""), client.get("legal_id", "")
    if scheme == "vat":
        lines.append(_("VAT number: %(number)s") % {"number": number})
    elif scheme:
        lines.append(f"{SCHEME_NAMES[scheme]} : {legal_id_display(scheme, number)}")
    return Party(_("Client"), tuple(line for line in lines if line.strip()))


def _terms(invoice: Invoice) -> str:
    return _("Payment within %(days)s days, by %(due)s, by bank transfer.") % {
        "days": invoice.issuer["payment_days"],
        "due": _date(invoice.due_date),
    }


def _mentions(invoice: Invoice, found: maths.Totals) -> list[str]:
    issuer, bank = invoice.issuer, invoice.bank
    mentions = []
    if issuer.get("vat_exemption"):
        mentions.append(str(VatExemption(issuer["vat_exemption"]).label))
    if invoice.is_credit_note:
        mentions.append(
            _("This credit note corrects invoice %(number)s of %(date)s.")
            % {"number": invoice.credit_for.number, "date": _date(invoice.credit_for.issue_date)}
        )
        return mentions
    mentions.append(_terms(invoice))
    mentions.append(
        _("IBAN: %(iban)s · BIC: %(bic)s · Account holder: %(holder)s")
        % {
            "iban": iban_grouped(bank["iban"]),
            "bic": bank.get("bic") or "—",
            "holder": bank.get("holder", ""),
        }
    )
    mentions.append(
        _(
            "Late payment: penalties at the annual rate of %(rate)s %%, due from the day after "
            "the due date, without a reminder being necessary."
        )
        % {"rate": _plain(issuer["late_penalty_rate"])}
    )
    if invoice.client_details.get("professional"):
        mentions.append(
            _(
                "Fixed indemnity for recovery costs owed by a professional client paying late: "
                "%(amount)s (art. L441-10 and D441-5 of the French Commercial Code)."
            )
            % {"amount": format_money(issuer["recovery_indemnity_minor"], "EUR")}
        )
    mentions.append(_("No discount for early payment."))
    return mentions


def _totals(invoice: Invoice, found: maths.Totals) -> list[tuple[str, str]]:
    money = functools.partial(format_money, commodity=invoice.currency)
    rows = [(_("Total without VAT"), money(found.net_minor))]
    if not invoice.issuer.get("vat_exemption"):
        for rate in found.rates:
            rows.append((_("VAT %(rate)s") % {"rate": _rate(rate.rate)}, money(rate.vat_minor)))
    rows.append((_("VAT"), money(found.vat_minor)))
    rows.append((_("Total with VAT"), money(found.gross_minor)))
    return rows


def invoice_text(invoice: Invoice) -> InvoiceText:
    """What ``invoice`` (issued) says, in its language."""
    lines = list(invoice.lines.all())
    found = maths.totals((line.net_minor, line.vat_rate) for line in lines)
    with translation.override(invoice.language):
        dates = [_("Date of issue: %(date)s") % {"date": _date(invoice.issue_date)}]
        if not invoice.is_credit_note:
            dates.append(_("Due date: %(date)s") % {"date": _date(invoice.due_date)})
        money = functools.partial(format_money, commodity=invoice.currency)
        return InvoiceText(
            language=invoice.language,
            title=_("Credit note") if invoice.is_credit_note else _("Invoice"),
            number=_("No. %(number)s") % {"number": invoice.number},
            dates=tuple(dates),
            seller=_seller(invoice.issuer),
            buyer=_buyer(invoice.client_details),
            headers=(_("Description"), _("Quantity"), _("Unit price"), _("VAT"), _("Amount")),
            rows=tuple(
                (
                    line.description,
                    _quantity(line.quantity),
                    money(line.unit_price_minor),
                    _rate(line.vat_rate),
                    money(line.net_minor),
                )
                for line in lines
            ),
            totals=tuple(_totals(invoice, found)),
            mentions=tuple(_mentions(invoice, found)),
            terms=_terms(invoice) if not invoice.is_credit_note else "",
        )


def invoice_filename(invoice: Invoice) -> str:
    """``facture-2026-0001.pdf``, ``invoice-…``, ``avoir-…``: ASCII whatever the translation."""
    return f"{FILE_WORDS[(invoice.kind, invoice.language)]}-{invoice.number}.pdf"

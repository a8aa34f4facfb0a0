"""Tax receipts (reçus fiscaux, Cerfa n° 11580) as PDF, in the giver's language.

A receipt says what was stored when it was issued (``TaxReceipt``: number, giver, address, amount,
date and kind of the gift, language) and what its contribution says (what was given in kind, how
it was received): the same receipt gives the same text, and the same bytes, every time. The
issuer's name, address, object and signatory are those a steward set on the issuer page
(``ReceiptIssuer``), else the operator's settings (``REMIX_RECEIPTS``), on the day the receipt was
issued, copied onto it; a gift received while another organisation held the bank account names
that holder (``issuer``). A gift whose counterpart (a tier's reward) is past the rule of
``counterparts`` states the gift less the counterpart's value, and says so. The references to
the code général des impôts stay in French in every language: they are the law's names.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from num2words import num2words

from remix.contributions import counterparts
from remix.contributions.models import ContributionKind, PaymentMethod, ReceiptIssuer, TaxReceipt
from remix.core.formats import first_of_month, format_money
from remix.core.money import from_minor
from remix.ledger.selectors import bank_account_held

FONTS = Path(__file__).resolve().parent / "fonts"
CERFA = "Cerfa n° 11580"
CGI = "code général des impôts"
# The articles a receipt may certify: income tax of persons, of companies, and the IFI.
ARTICLES = ("200 du CGI", "238 bis du CGI", "978 du CGI")
# File names stay ASCII whatever a translator writes.
FILE_WORDS = {"fr": "recu", "en": "receipt", "es": "recibo"}
# num2words spells zero cents ("et zéro centimes") and no "d'" after a round million: its whole
# part is taken before this separator, and a round million gets the word its language wants.
CENTS_SEPARATORS = {"fr": " et ", "en": ", ", "es": " con "}
MILLION_OF = {"fr": "d’", "es": "de "}


def issuer(*, on: datetime.date | None = None) -> dict:
    """The association that issues the receipt of a gift made on ``on`` (today when left out).

    The steward's issuer page (``ReceiptIssuer``), else the operator's settings
    (``REMIX_RECEIPTS``), describe the fiscal host. When the books say another organisation held
    the bank account that day (a fiscal host before or after a handover), the receipt names that
    holder, with the address recorded for its account, and keeps the association's object; it
    then carries no signatory, since the steward's signatory signs for the other one."""
    row = ReceiptIssuer.objects.first()
    found = row.as_issuer() if row is not None else {"role": "", **settings.REMIX_RECEIPTS}
    found = {key: (value or "").strip() for key, value in found.items()}
    held = bank_account_held(on=on)
    if held is None or held.holder.name.casefold() == found.get("issuer", "").casefold():
        return found
    return {
        **found,
        "issuer": held.holder.name,
        "address": held.holder_address,
        "signatory": "",
        "role": "",
    }


def issuer_check(*, on: datetime.date | None = None) -> None:
    """Refuse before anything is numbered or printed when the issuer is not set."""
    if not issuer(on=on).get("issuer"):
        raise ValidationError(
            _(
                "Tax receipts cannot be issued yet: the association that issues them is not set "
                "(a steward sets it on the receipt issuer page, or the server's "
                "REMIX_RECEIPTS_ISSUER)."
            )
        )


def counterpart_of(*, gift_minor: int, value_minor: int, on: datetime.date):
    """The counterpart rule (``counterparts``) for a gift on ``on``, with that day's ceiling."""
    return counterparts.receipt_amount(
        gift=gift_minor, value=value_minor, ceiling=counterparts.ceiling_on(on)
    )


def counterpart_note(*, gift_minor: int, value_minor: int, commodity: str, on) -> str:
    """What a giver is told before choosing a tier whose counterpart has a value: whether the
    receipt states the whole gift, and if not how much and why. Empty without a value, or
    outside euros (French receipts are in euros)."""
    if value_minor <= 0 or commodity != "EUR":
        return ""
    found = counterpart_of(gift_minor=gift_minor, value_minor=value_minor, on=on)
    money = {
        "gift": format_money(found.gift, commodity),
        "stated": format_money(found.stated, commodity),
        "value": format_money(found.value, commodity),
        "ceiling": format_money(found.ceiling, commodity),
    }
    if not found.reduces:
        text = _(
            "The counterpart is worth %(value)s: for a gift of %(gift)s, your tax receipt will "
            "state the whole gift."
        )
    elif found.stated == 0:
        text = _(
            "The counterpart is worth %(value)s, as much as a gift of %(gift)s: it gives no "
            "tax receipt."
        )
    elif found.over_share:
        text = _(
            "For a gift of %(gift)s, your tax receipt will state %(stated)s: the counterpart "
            "is worth %(value)s, more than 25 %% of the gift."
        )
    else:
        text = _(
            "For a gift of %(gift)s, your tax receipt will state %(stated)s: the counterpart "
            "is worth %(value)s, more than the legal ceiling of %(ceiling)s."
        )
    return text % money


def receipt_language(receipt: TaxReceipt) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    code = (receipt.language or "").split("-")[0].lower()
    return code if code in known else settings.LANGUAGE_CODE


def receipt_filename(receipt: TaxReceipt) -> str:
    """``recu-2026-00001.pdf``, ``receipt-…`` or ``recibo-…``, in the receipt's language."""
    word = FILE_WORDS.get(receipt_language(receipt), FILE_WORDS["fr"])
    return f"{word}-{receipt.number}.pdf"


def amount_in_words(minor: int, commodity: str, language: str) -> str:
    """« mille deux cent quarante euros et cinquante centimes », "one hundred euro"."""
    amount = from_minor(minor, commodity)
    text = num2words(amount, lang=language, to="currency", currency=commodity)
    whole, cents = divmod(minor, 100)
    if cents == 0:
        text = text.rsplit(CENTS_SEPARATORS.get(language, ", "), 1)[0]
        if whole and whole % 1_000_000 == 0 and language in MILLION_OF:
            number, unit = text.rsplit(" ", 1)
            text = f"{number} {MILLION_OF[language]}{unit}"
    return text


# --- what the receipt says -----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    strong: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]
    intro: str = ""


@dataclass(frozen=True)
class ReceiptText:
    language: str
    title: str
    references: str
    number: str
    sections: tuple[Section, ...]
    certification: str
    articles: tuple[tuple[bool, str], ...]
    issued: str
    signatory: str
    signature: str
    issuer_name: str


def _date(value: datetime.date) -> str:
    return first_of_month(formats.date_format(value, "DATE_FORMAT"))


def _payment(receipt: TaxReceipt) -> str:
    method = receipt.contribution.payment_method
    if method:
        return str(PaymentMethod(method).label)
    return _("handed to the treasurer, as recorded in the books")


def _counterpart_rows(receipt: TaxReceipt) -> list[Row]:
    """A counterpart past the rule: the gift received and what its counterpart was worth."""
    gift = receipt.contribution.amount_minor
    if not receipt.counterpart_minor or receipt.amount_minor >= gift:
        return []
    return [
        Row(_("Gift received"), format_money(gift, receipt.commodity)),
        Row(
            _("Counterpart received"),
            _(
                "worth %(value)s, more than the tax rules allow for a gift (a quarter of it, "
                "%(ceiling)s at most): the amount above is the gift less this value"
            )
            % {
                "value": format_money(receipt.counterpart_minor, receipt.commodity),
                "ceiling": format_money(
                    counterparts.ceiling_on(receipt.gift_date), receipt.commodity
                ),
            },
        ),
    ]


def _gift_rows(receipt: TaxReceipt, language: str) -> tuple[Row, ...]:
    words = amount_in_words(receipt.amount_minor, receipt.commodity, language)
    rows = [
        Row(_("Amount"), format_money(receipt.amount_minor, receipt.commodity), strong=True),
        Row(_("In words"), words, strong=True),
        *_counterpart_rows(receipt),
        Row(_("Date of the gift"), _date(receipt.gift_date)),
        Row(_("Form of the gift"), _("manual gift (don manuel)")),
    ]
    if receipt.gift_kind == ContributionKind.IN_KIND:
        what = receipt.contribution.description
        rows.append(Row(_("Nature of the gift"), _("other: %(what)s") % {"what": what}))
    else:
        rows.append(Row(_("Nature of the gift"), _("cash (numéraire)")))
        rows.append(Row(_("Method of payment"), _payment(receipt)))
    return tuple(rows)


def _articles(receipt: TaxReceipt) -> tuple[tuple[bool, str], ...]:
    """Article 200 for a person's gift, 238 bis for an organisation's; 978 (IFI) is left to
    the issuer to tick by hand, since few associations may certify it."""
    actor = receipt.contribution.actor
    company = actor is not None and actor.kind != "person"
    return ((not company, ARTICLES[0]), (company, ARTICLES[1]), (False, ARTICLES[2]))


def receipt_text(receipt: TaxReceipt) -> ReceiptText:
    """Everything the receipt says, in its language."""
    issuer_check(on=receipt.gift_date)
    issuing = receipt.issuer or issuer(on=receipt.gift_date)
    language = receipt_language(receipt)
    with translation.override(language):
        none = "—"
        sections = (
            Section(
                _("Beneficiary organisation"),
                (
                    Row(_("Name"), issuing["issuer"]),
                    Row(_("Address"), issuing.get("address") or none),
                    Row(_("Object"), issuing.get("object") or none),
                ),
            ),
            Section(
                _("Giver"),
                (
                    Row(_("Name"), receipt.giver_name),
                    Row(_("Address"), receipt.giver_address or none),
                ),
            ),
            Section(
                _("Gift"),
                _gift_rows(receipt, language),
                intro=_(
                    "The beneficiary acknowledges having received, as gifts and payments that "
                    "give a right to a tax reduction, the sum of:"
                ),
            ),
        )
        issued_on = timezone.localtime(receipt.issued_at).date()
        return ReceiptText(
            language=language,
            title=_("Receipt for gifts to certain organisations of general interest"),
            references=_("Articles 200, 238 bis and 978 of the %(code)s") % {"code": CGI},
            number=_("Receipt no. %(number)s") % {"number": receipt.number},
            sections=sections,
            certification=_(
                "The beneficiary certifies on its honour that the gifts and payments it receives "
                "give a right to the tax reduction provided for by the article ticked below:"
            ),
            articles=_articles(receipt),
            issued=_("Issued on %(date)s") % {"date": _date(issued_on)},
            signatory=", ".join(
                part for part in (issuing.get("signatory"), issuing.get("role")) if part
            ),
            signature=_("Signature"),
            issuer_name=issuing["issuer"],
        )


# --- the PDF -------------------------------------------------------------------------------------

FONT = "DejaVu"
LINE = 5.5  # mm
LABEL_WIDTH = 46  # mm


class _Page(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False, align: str = "L"):
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str):
        self.ln(3)
        self.set_fill_color(228, 232, 238)
        self.set_font(FONT, "B", 10.5)
        self.cell(0, 7, f" {text}", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def row(self, row: Row):
        """A label and its value side by side, each wrapped in its column."""
        top, value_width = self.get_y(), self.epw - LABEL_WIDTH
        self.set_font(FONT, "B", 9.5)
        label_height = self.multi_cell(LABEL_WIDTH, LINE, row.label, dry_run=True, output="HEIGHT")
        self.set_font(FONT, "B" if row.strong else "", 10)
        value_height = self.multi_cell(value_width, LINE, row.value, dry_run=True, output="HEIGHT")
        height = max(label_height, value_height)
        if top + height > self.page_break_trigger:
            self.add_page()
            top = self.get_y()
        self.set_font(FONT, "B", 9.5)
        self.multi_cell(LABEL_WIDTH, LINE, row.label, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.set_font(FONT, "B" if row.strong else "", 10)
        self.multi_cell(value_width, LINE, row.value, align="L")
        self.set_y(top + height + 0.8)


def receipt_pdf(receipt: TaxReceipt) -> bytes:
    """The receipt as a one-page A4 PDF; refused (translated) when no issuer is set."""
    text = receipt_text(receipt)
    pdf = _Page()
    pdf.set_lang(text.language)
    pdf.set_title(f"{text.title} — {receipt.number}")
    pdf.set_author(text.issuer_name)
    pdf.set_subject(CERFA)
    pdf.set_creator("Remix")
    pdf.set_creation_date(receipt.issued_at)
    pdf.add_page()

    pdf.set_font(FONT, "", 9)
    pdf.cell(pdf.epw / 2, LINE, CERFA)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, LINE, text.number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.paragraph(text.title, size=15, bold=True, align="C")
    pdf.paragraph(text.references, size=9, align="C")

    for section in text.sections:
        pdf.heading(section.title)
        if section.intro:
            pdf.paragraph(section.intro, size=9.5)
            pdf.ln(1)
        for row in section.rows:
            pdf.row(row)

    pdf.ln(3)
    pdf.paragraph(text.certification, size=9.5)
    pdf.ln(1)
    ticks = "      ".join(
        f"{'☒' if ticked else '☐'} {article}" for ticked, article in text.articles
    )
    pdf.paragraph(ticks, size=10)

    pdf.ln(8)
    pdf.paragraph(text.issued, size=10)
    if text.signatory:
        pdf.paragraph(text.signatory, size=10, bold=True)
    pdf.ln(2)
    pdf.paragraph(text.signature, size=8)
    pdf.set_draw_color(160, 160, 160)
    pdf.rect(pdf.l_margin, pdf.get_y(), 70, 24)
    return bytes(pdf.output())

"""The Factur-X file of an issued invoice: the PDF/A-3 that ``documents.invoice_text`` lays out,
with the CII XML of ``cii`` embedded (``factur-x``, level EN 16931, checked against its schema)."""

import facturx
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from remix.contributions.receipts import FONT, FONTS
from remix.invoicing import cii
from remix.invoicing import totals as maths
from remix.invoicing.documents import InvoiceText, Party, invoice_text
from remix.invoicing.models import Invoice

LINE = 5  # mm
COLUMNS = (0.46, 0.12, 0.16, 0.10, 0.16)  # description, quantity, unit price, VAT, amount


class _Page(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4", enforce_compliance="PDFA_3B")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=14)

    def paragraph(self, text: str, *, size: float = 9.5, bold: bool = False, align="L"):
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def parties(self, left: Party, right: Party):
        top, width = self.get_y(), self.epw / 2 - 4
        for x, party in ((self.l_margin, left), (self.l_margin + self.epw / 2 + 4, right)):
            self.set_xy(x, top)
            self.set_font(FONT, "B", 8.5)
            self.cell(width, LINE, party.title.upper(), new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_font(FONT, "B", 10)
            self.multi_cell(width, LINE, party.lines[0], new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.set_font(FONT, "", 9.5)
            self.multi_cell(width, LINE, "\n".join(party.lines[1:]), new_x=XPos.LEFT)
            bottom = max(getattr(self, "_bottom", 0), self.get_y())
            self._bottom = bottom
        self.set_xy(self.l_margin, self._bottom + 4)

    def lines_table(self, text: InvoiceText):
        self.set_font(FONT, "", 9)
        with self.table(
            col_widths=COLUMNS,
            text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
            line_height=LINE,
            headings_style=FontFace(emphasis="BOLD", fill_color=(228, 232, 238)),
        ) as table:
            heading = table.row()
            for title in text.headers:
                heading.cell(title)
            for values in text.rows:
                row = table.row()
                for value in values:
                    row.cell(value)

    def totals(self, rows):
        for number, (label, value) in enumerate(rows):
            strong = number == len(rows) - 1
            self.set_font(FONT, "B" if strong else "", 10 if strong else 9.5)
            self.set_x(self.l_margin + self.epw * 0.5)
            self.cell(self.epw * 0.3, LINE + 0.5, label)
            self.cell(
                self.epw * 0.2, LINE + 0.5, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )


def _plain_pdf(invoice: Invoice, text: InvoiceText) -> bytes:
    pdf = _Page()
    pdf.set_lang(text.language)
    pdf.set_title(f"{text.title} {invoice.number}")
    pdf.set_author(invoice.issuer["name"])
    pdf.set_creator("Remix")
    pdf.set_creation_date(invoice.issued_at)
    pdf.add_page()
    pdf.paragraph(text.title, size=18, bold=True)
    pdf.paragraph(text.number, size=11, bold=True)
    for line in text.dates:
        pdf.paragraph(line)
    pdf.ln(4)
    pdf.parties(text.seller, text.buyer)
    pdf.lines_table(text)
    pdf.ln(3)
    pdf.totals(text.totals)
    pdf.ln(5)
    for mention in text.mentions:
        pdf.paragraph(mention, size=8.5)
        pdf.ln(0.8)
    return bytes(pdf.output())


def invoice_xml(invoice: Invoice) -> bytes:
    """The CII XML of an issued invoice (checked against the EN 16931 schema by drafthorse)."""
    text = invoice_text(invoice)
    lines = list(invoice.lines.all())
    found = maths.totals((line.net_minor, line.vat_rate) for line in lines)
    return cii.invoice_xml(
        invoice, lines=lines, rates=found.rates, terms=text.terms, notes=text.mentions
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The Factur-X file of ``invoice`` (issued): a PDF/A-3 carrying its EN 16931 XML."""
    text = invoice_text(invoice)
    xml = invoice_xml(invoice)
    return facturx.generate_from_binary(
        _plain_pdf(invoice, text),
        xml,
        flavor="factur-x",
        level="en16931",
        check_xsd=True,
        lang=text.language,
        pdf_metadata={
            "author": invoice.issuer["name"],
            "keywords": "Factur-X",
            "title": f"{text.title} {invoice.number}",
            "subject": f"{text.title} {invoice.number} · {invoice.client_details['name']}",
        },
    )

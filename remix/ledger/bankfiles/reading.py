"""Which format a bank file is, and the text of a CSV file whatever its encoding."""

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.core.money import commodity_read
from remix.ledger.bankfiles.camt_format import camt_read
from remix.ledger.bankfiles.csv_format import csv_read
from remix.ledger.bankfiles.ofx_format import ofx_read
from remix.ledger.bankfiles.statement import Statement


def statement_read(data: bytes, *, commodity: str = "EUR") -> Statement:
    """Any supported bank file; ``commodity`` is for CSV files that do not say their currency."""
    commodity = commodity_read(commodity)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if not head:
        raise ImportRefused(None, _("The file is empty."))
    upper = head.upper()
    if upper.startswith(b"OFXHEADER") or b"<OFX>" in upper or b"<?OFX " in upper:
        return ofx_read(data)
    if upper.startswith(b"<?XML") or upper.startswith(b"<DOCUMENT"):
        if b"CAMT.053" in upper or b"BKTOCSTMRSTMT" in upper:
            return camt_read(data)
        raise ImportRefused(
            None, _("This XML file is neither an OFX nor a CAMT.053 bank statement.")
        )
    text, encoding = text_decode(data)
    statement = csv_read(text, commodity=commodity)
    statement.encoding = encoding
    return statement


def text_decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ImportRefused(
                data[: error.start].count(b"\n\x00") + 1, _("This is not UTF-16 text.")
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise ImportRefused(
                data[: error.start].count(b"\n") + 1,
                _("The file starts as UTF-8 but this line is not UTF-8 text."),
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"

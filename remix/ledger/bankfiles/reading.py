"""Which format a bank file is, and the text of a CSV file whatever its encoding, read from a
seekable binary file a chunk at a time."""

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

from remix.core.imports import ImportRefused
from remix.core.money import commodity_read
from remix.ledger.bankfiles.camt_format import camt_open
from remix.ledger.bankfiles.csv_format import csv_open
from remix.ledger.bankfiles.ofx_format import ofx_read
from remix.ledger.bankfiles.statement import Statement

CHUNK = 1 << 20  # bytes decoded at a time
HEAD = 1 << 16  # bytes that tell the format
_BLANK = b"\xef\xbb\xbf \t\r\n"


def statement_read(data: bytes, *, commodity: str = "EUR") -> Statement:
    """Any supported bank file, its rows read at once."""
    statement = statement_open(io.BytesIO(data), commodity=commodity)
    statement.rows = list(statement.rows)
    return statement


def statement_open(source: BinaryIO, *, commodity: str = "EUR") -> Statement:
    """Any supported bank file, from a seekable binary file; ``commodity`` is for CSV files that
    do not say their currency. CSV and CAMT files' rows are read as they are asked for (the file
    must stay open until then); OFX files are read whole."""
    commodity = commodity_read(commodity)
    source.seek(0)
    head = source.read(HEAD).lstrip(_BLANK)[:4096]
    if not head:
        raise ImportRefused(None, _("The file is empty."))
    upper = head.upper()
    if upper.startswith(b"OFXHEADER") or b"<OFX>" in upper or b"<?OFX " in upper:
        source.seek(0)
        return ofx_read(source.read())
    if upper.startswith(b"<?XML") or upper.startswith(b"<DOCUMENT"):
        if b"CAMT.053" in upper or b"BKTOCSTMRSTMT" in upper:
            return camt_open(source)
        raise ImportRefused(
            None, _("This XML file is neither an OFX nor a CAMT.053 bank statement.")
        )
    encoding = text_encoding(source)
    statement = csv_open(lambda: text_lines(source, encoding), commodity=commodity)
    statement.encoding = encoding
    return statement


def text_decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with."""
    encoding = text_encoding(io.BytesIO(data))
    return data.decode(encoding), encoding


def text_encoding(source: BinaryIO) -> str:
    """The encoding a file's text is read with: UTF-16 or UTF-8 when it starts with their byte
    order mark (and then refused on the first line that is not), else UTF-8 when all of it is,
    else Windows-1252, else Latin-1."""
    source.seek(0)
    start = source.read(3)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        at = _undecodable_at(source, "utf-16")
        if at is not None:
            line = _lines_before(source, at, b"\n\x00" if start[0] == 0xFF else b"\x00\n")
            raise ImportRefused(line, _("This is not UTF-16 text."))
        return "utf-16"
    if start.startswith(b"\xef\xbb\xbf"):
        at = _undecodable_at(source, "utf-8-sig")
        if at is not None:
            raise ImportRefused(
                _lines_before(source, at, b"\n"),
                _("The file starts as UTF-8 but this line is not UTF-8 text."),
            )
        return "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        if _undecodable_at(source, encoding) is None:
            return encoding
    return "latin-1"


def _undecodable_at(source: BinaryIO, encoding: str) -> int | None:
    """The offset of the first byte the encoding cannot read, or None when it reads them all."""
    source.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    while True:
        chunk = source.read(CHUNK)
        held = len(decoder.getstate()[0])  # bytes of a character cut by the last chunk
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            return offset - held + error.start
        if not chunk:
            return None
        offset += len(chunk)


def _lines_before(source: BinaryIO, offset: int, newline: bytes) -> int:
    """The 1-based line of the byte at ``offset``."""
    source.seek(0)
    data = source.read(offset)
    return data.count(newline) + 1


_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")


def text_lines(source: BinaryIO, encoding: str) -> Iterator[str]:
    """The file's lines as ``open(newline="")`` gives them (ending in ``\\n``, ``\\r\\n`` or
    ``\\r``, as the csv module wants them), decoded a chunk at a time from the start."""
    source.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    pending = ""
    while True:
        chunk = source.read(CHUNK)
        pieces = _LINE_END.split(pending + decoder.decode(chunk, final=not chunk))
        pending = pieces.pop()
        if chunk and pieces and pieces[-1].endswith("\r"):
            pending = pieces.pop() + pending  # its "\n" may open the next chunk
        yield from pieces
        if not chunk:
            if pending:
                yield pending
            return

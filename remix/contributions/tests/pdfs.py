"""A PDF read back as a reader sees its text, for the tests of tax receipts."""

import io
import re

from pypdf import PdfReader


def flat(text: str) -> str:
    """Spaces as a reader sees them: no-break and narrow spaces are spaces, runs are one."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return flat("\n".join(page.extract_text() for page in reader.pages))

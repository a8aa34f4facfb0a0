"""The books' files are the treasurers': receipts and bank statements, as the books' pages."""

from remix.core import files
from remix.core.permissions import can_keep_books
from remix.ledger.models import Attachment, BankImport

files.protected(
    Attachment,
    "file",
    kind="receipt",
    may_see=lambda user, attachment: can_keep_books(user),
    filename=lambda attachment: attachment.name,
)
files.protected(
    BankImport,
    "upload",
    kind="bank-statement",
    may_see=lambda user, batch: can_keep_books(user),
    filename=lambda batch: batch.filename,
)

"""What the ledger tells other apps and its own background tasks, without knowing them.

``bank_import_done``: sent once a bank statement's rows are written as drafts and the import is
marked done (after its database transaction), with ``bank_import=<BankImport>``. A receiver may
turn some drafts into what they are (the funding app matches gifts by their RF reference); one
that fails is logged and leaves the import done. Not sent when a finished import is run again.

``books_written``: sent after the commit of a database transaction that wrote to the books, once
however many writes it held: the most read reports are computed again in the background.

``bank_import_uploaded``: sent after the commit of a statement uploaded through the web and
stored, with ``bank_import=<BankImport>`` and ``language`` (the uploader's): it is imported
in the background.
"""

from django.dispatch import Signal

bank_import_done = Signal()
books_written = Signal()
bank_import_uploaded = Signal()

"""What the ledger tells other apps, without knowing them.

``bank_import_done``: sent once a bank statement's rows are written as drafts and the import is
marked done (after its database transaction), with ``bank_import=<BankImport>``. A receiver may
turn some drafts into what they are (the funding app matches gifts by their RF reference); one
that fails is logged and leaves the import done. Not sent when a finished import is run again.
"""

from django.dispatch import Signal

bank_import_done = Signal()

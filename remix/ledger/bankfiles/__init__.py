"""Bank statement files read into plain rows: CSV as French (and other) banks export them, OFX 1
(SGML) and 2 (XML) through ofxtools' parser, and ISO 20022 CAMT.053 through defusedxml.

Nothing here touches the database. A CSV file is read as a stream (``statement_open``): a
first reading finds its encoding, its table and its decimal mark, then its rows are yielded one
at a time, so a statement of any length costs the memory of one row; OFX and CAMT files are read
whole. Anything that cannot be read refuses the whole file with its line (CSV) or entry (OFX,
CAMT) and the reason, in the reader's language. Amounts are signed as on the bank account:
money in is positive, money out negative.

What real CSV exports do, and what is read:
- separators ``;``, ``,``, tab or ``|`` (the one whose first lines hold a recognisable header);
- UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252 / Latin-1;
- a few lines before the table (account number, period, "Solde au 31/10/2026 1 234,56 €");
  a closing-balance line before or after the table gives the statement's closing balance;
- dates ``dd/mm/yyyy`` (``-`` or ``.`` too, two-digit years) and ISO ``yyyy-mm-dd``;
- decimal comma or point, thousands with spaces, points or commas, ``-12,50``, ``12,50-``,
  ``(12.50)``, a currency sign;
- one signed amount column, or a debit and a credit column (either sign in the debit column), or
  an amount column with a separate sense column (« Montant » + « Sens »: « Débit »/« Crédit »,
  « D »/« C »);
- column names in French or English (Date, Date opération, Libellé, Débit, Crédit, Montant,
  Amount, Description…), with or without accents and a currency word ("Débit euros").
Rows of zero are left out: a transaction is never zero.

By subject: ``reading`` (which format a file is, its text), ``values`` (dates and amounts as
banks write them), ``csv_format``, ``ofx_format``, ``camt_format`` (each reader) and
``statement`` (what every reader returns). The names below are what the importer and the
pages use.
"""

from remix.core.imports import ImportRefused
from remix.ledger.bankfiles.camt_format import camt_read
from remix.ledger.bankfiles.csv_format import COLUMNS, columns_find, csv_open, csv_read
from remix.ledger.bankfiles.ofx_format import ofx_read
from remix.ledger.bankfiles.reading import statement_open, statement_read, text_decode
from remix.ledger.bankfiles.statement import CAMT053, CSV, OFX, BankRow, Statement
from remix.ledger.bankfiles.values import amount_check, amount_parse, date_parse, label_normalise

__all__ = [
    "CAMT053",
    "COLUMNS",
    "CSV",
    "OFX",
    "BankRow",
    "ImportRefused",
    "Statement",
    "amount_check",
    "amount_parse",
    "camt_read",
    "columns_find",
    "csv_open",
    "csv_read",
    "date_parse",
    "label_normalise",
    "ofx_read",
    "statement_open",
    "statement_read",
    "text_decode",
]

"""The bank import at scale: a statement of N lines through Remix's import against ``executemany``.

A CSV statement of ``--lines`` rows (default 100,000) is generated as a French bank exports it
(cp1252, ``;``, a debit and a credit column, a few lines before the table, a closing balance),
with dates over the last year, a few hundred labels and some identical rows.

Each measurement runs in a child process of its own, alternating round by round, on the same
database (the instance's SQLite file, or ``DATABASE_URL``'s), inside a transaction rolled back
at the end, so every round starts from the same books:

- ``remix``: ``imports.bank_import_prepare(keep_upload=True)`` then
  ``imports.bank_import_run`` reading the stored upload, as the web's background task does:
  reading, checks, keys, drafts, postings, audit events, the import's record;
- ``baseline``: the same file read by ``csv.reader`` with its layout known in advance, the same
  keys (sha256), then ``executemany`` of the same transactions (drafts) and postings (two each)
  into the same tables, 2,000 rows a statement, through the same connection.

Time is the child's wall clock around that work (Django's start-up and the rollback excluded).
Memory is measured twice: the peak of ``tracemalloc`` over the work, in one more child per path
(tracing slows it, so it is not timed), which is what the work itself allocates; and in the timed
children, the peak resident set (``VmHWM`` of ``/proc/self/status``: the whole process, Python
and Django's ~100 MB included) and its growth over the resident set just before the work.
"""

import datetime
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench import children  # noqa: E402 (the repository root is importable from here on)

ACCOUNT = "Assets:Bank:Current"
HEADER = "Date;Libellé;Débit euros;Crédit euros;"
BASELINE_CHUNK = 2000
RSS = ("rss_peak_mb", "rss_grew_mb")
MAX_ROUNDS = 5  # an import of 100,000 lines takes seconds: a few rounds suffice


def statement_write(path: Path, *, lines: int, seed: int = 16) -> None:
    """A French bank's CSV export of ``lines`` rows, newest first, written as it streams."""
    rng = random.Random(seed)
    today = datetime.date.today()
    labels = [f"CARTE X1234 COMMERCE {n:03d}" for n in range(300)]
    labels += [f"VIR SEPA RECU /DE DONATEUR {n:03d} DON" for n in range(200)]
    labels += [f"PRLV SEPA FOURNISSEUR {n:02d} FACTURE" for n in range(50)]
    previous = labels[0]
    with path.open("w", encoding="cp1252", newline="") as out:
        out.write(f"Téléchargement du {today:%d/%m/%Y};\r\n\r\nASSOCIATION REMIX;\r\n")
        out.write(f"Solde au {today:%d/%m/%Y} 1 234,56 €\r\n\r\n{HEADER}\r\n")
        for n in range(lines):
            day = today - datetime.timedelta(days=n * 365 // max(lines, 1))
            label = labels[rng.randrange(len(labels))]
            if n % 50 == 1:
                label = previous  # an identical row, as two card payments of a day
            cents = rng.randrange(1, 500_000)
            amount = f"{cents // 100:,}".replace(",", " ") + f",{cents % 100:02d}"
            debit, credit = (amount, "") if label.startswith(("CARTE", "PRLV")) else ("", amount)
            out.write(f'{day:%d/%m/%Y};"{label}";{debit};{credit};\r\n')
            previous = label


# --- the children --------------------------------------------------------------------------------


def child(mode: str, path: Path, *, trace: bool) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.db import transaction as db

    from remix.ledger.models import Account, Fund

    account = Account.objects.get(code=ACCOUNT)
    fund = Fund.objects.get(kind="platform")
    connection.ensure_connection()
    before = children.status_mb("VmRSS")
    if trace:
        tracemalloc.start()
    with db.atomic():
        start = time.perf_counter()
        if mode == "remix":
            created = _remix(path, account=account, fund=fund)
        else:
            created = _baseline(path, account=account, fund=fund)
        elapsed = time.perf_counter() - start
        traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        db.set_rollback(True)
    peak = children.status_mb("VmHWM")
    return {
        "ms": elapsed * 1000,
        "created": created,
        "traced_peak_mb": traced,
        "rss_peak_mb": peak,
        "rss_grew_mb": peak - before,
    }


def _remix(path: Path, *, account, fund) -> int:
    from remix.ledger import imports

    batch = imports.bank_import_prepare(
        data=path.read_bytes(), filename=path.name, account=account, fund=fund, keep_upload=True
    )
    batch = imports.bank_import_run(bank_import=batch)
    assert batch.status == "done", batch.error
    return batch.rows_created


def _baseline(path: Path, *, account, fund) -> int:
    """The same rows into the same tables, with nothing but the csv module and executemany."""
    import csv

    from django.db import connection
    from django.utils import timezone

    from remix.ledger.models import Account

    suspense = Account.objects.get(is_suspense=True)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM ledger_transaction")
        next_id = cursor.fetchone()[0] + 1
    seen: dict[bytes, int] = {}
    created = 0
    with path.open(encoding="cp1252", newline="") as source:
        for cells in csv.reader(source, delimiter=";"):
            if cells and cells[0] == "Date":
                break
        rows = []
        for cells in csv.reader(source, delimiter=";"):
            if len(cells) < 4:
                continue
            day = datetime.date(int(cells[0][6:10]), int(cells[0][3:5]), int(cells[0][:2]))
            debit, credit = cells[2].replace(" ", ""), cells[3].replace(" ", "")
            minor = -int(debit.replace(",", "")) if debit else int(credit.replace(",", ""))
            label = " ".join(cells[1].split())
            identity = "\x1f".join((ACCOUNT, day.isoformat(), str(minor), "EUR", label.lower()))
            digest = hashlib.sha256(identity.encode()).digest()
            seen[digest] = seen.get(digest, 0) + 1
            key = hashlib.sha256(f"{identity}\x1f{seen[digest]}".encode()).hexdigest()
            rows.append((next_id + created, day, label, "import:" + key, minor))
            created += 1
            if len(rows) == BASELINE_CHUNK:
                _baseline_write(rows, account=account, fund=fund, suspense=suspense, now=now)
                rows = []
        _baseline_write(rows, account=account, fund=fund, suspense=suspense, now=now)
    return created


def _baseline_write(rows, *, account, fund, suspense, now) -> None:
    from django.db import connection

    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO ledger_transaction (id, date, description, anonymous, reference, status,"
            " is_transfer, reason, external_key, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (i, day, label, False, "", "draft", False, "", key, now)
                for i, day, label, key, _m in rows
            ],
        )
        cursor.executemany(
            "INSERT INTO ledger_posting (transaction_id, account_id, fund_id, commodity,"
            " amount_minor, memo, date, posted) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [
                posting
                for i, day, _l, _k, minor in rows
                for posting in (
                    (i, account.pk, fund.pk, "EUR", minor, "", day, False),
                    (i, suspense.pk, fund.pk, "EUR", -minor, "", day, False),
                )
            ],
        )


# --- the parent ----------------------------------------------------------------------------------


def _measure(mode: str, path: Path, *, trace: bool = False) -> dict:
    return children.measure(__file__, mode, str(path), *(["--trace"] if trace else []))


def run(args) -> dict:
    from bench import common

    vendor = common.instance(scale=None, demo=False)
    lines = args.lines
    rounds = max(1, min(args.rounds, MAX_ROUNDS))
    path = Path(tempfile.mkdtemp(prefix="remix-bank-")) / f"releve-{lines}.csv"
    statement_write(path, lines=lines)
    measured: dict[str, list[dict]] = {"remix": [], "baseline": []}
    for _ in range(rounds):
        for mode in measured:
            measured[mode].append(_measure(mode, path))
            print(mode, measured[mode][-1], file=sys.stderr)
    med = {
        mode: {key: statistics.median(r[key] for r in runs) for key in ("ms", *RSS)}
        for mode, runs in measured.items()
    }
    traced = {mode: _measure(mode, path, trace=True) for mode in measured}
    for mode in med:
        med[mode]["traced_peak_mb"] = traced[mode]["traced_peak_mb"]
    created = {mode: runs[0]["created"] for mode, runs in measured.items()}
    assert created["remix"] == created["baseline"] == lines, created
    ratio = med["remix"]["ms"] / med["baseline"]["ms"]
    text = f"{lines:,}"
    return {
        "database": vendor,
        "lines": lines,
        "file_bytes": path.stat().st_size,
        "rounds": rounds,
        "memory": (
            "traced_peak_mb: tracemalloc's peak over the work, in a child of its own (slower, "
            "not timed); rss_peak_mb: the timed child's VmHWM, Python and Django included; "
            "rss_grew_mb: VmHWM minus VmRSS before the work"
        ),
        "median": med,
        "runs": measured,
        "rows": [
            _row(f"bank import {text} lines", med, "ms", "≤ 5× executemany", ratio <= 5),
            _row(
                f"bank import {text} lines, peak MB (tracemalloc)",
                med,
                "traced_peak_mb",
                "≤ 150 MB",
                med["remix"]["traced_peak_mb"] <= 150,
                rss_peak_mb=round(med["remix"]["rss_peak_mb"], 1),
                baseline_rss_peak_mb=round(med["baseline"]["rss_peak_mb"], 1),
            ),
        ],
    }


def _row(path: str, med: dict, key: str, target: str, met: bool, **extra) -> dict:
    """One row of the table ``make bench`` prints: Remix's median against the baseline's."""
    return {
        "path": path,
        "remix_ms": round(med["remix"][key], 1),
        "baseline": "csv.reader + executemany of the same rows"
        + (", peak MB (tracemalloc)" if key != "ms" else ""),
        "baseline_ms": round(med["baseline"][key], 1),
        "ratio": round(med["remix"][key] / med["baseline"][key], 2),
        "target": target,
        "met": met,
        **extra,
    }


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    print(json.dumps(child(sys.argv[2], Path(sys.argv[3]), trace="--trace" in sys.argv)))

"""The results table: the newest result of each benchmark on each database, as one Markdown table.

python bench/table.py [--scale large] [--since 2026-11-26T09:00:00] [--results bench/results]

Every result's ``rows`` (bench/README.md: one per measured path) become the table's lines, SQLite
and PostgreSQL side by side; below it, the result files it was read from, with their database's
version and the machine's load when they ran, and the benchmarks without a result.
"""

import argparse
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import BENCHMARKS  # noqa: E402

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
HEADER = ["path"]
for _label in VENDORS.values():
    HEADER += [f"{_label} Remix", f"{_label} baseline", "ratio"]
HEADER += ["target", "met"]


def newest(results: Path, *, scale: str | None, since: str | None) -> dict:
    """The newest result of each (benchmark, database) at the scale, run at or after ``since``."""
    found: dict[tuple[str, str], tuple[str, Path, dict]] = {}
    for path in sorted(results.glob("*.json")):
        result = json.loads(path.read_text())
        when = result.get("when", "")
        if scale and result.get("scale") != scale or since and when[:19] < since[:19]:
            continue
        key = (result.get("benchmark", path.stem.rsplit("-", 1)[0]), result.get("database"))
        if key not in found or (when, path.name) >= found[key][:2]:
            found[key] = (when, path.name, result)
    return {key: (results / name, result) for key, (_when, name, result) in found.items()}


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if value >= 100:
        text = f"{value:,.0f}"
    elif value >= 10:
        text = f"{value:.1f}"
    else:  # two significant digits at least: a ratio of 0.00042 stays readable
        decimals = 2 if value >= 0.1 or value <= 0 else 1 - math.floor(math.log10(value))
        text = f"{value:.{decimals}f}"
    return f"{text} {unit}".strip()


def unit_of(row: dict) -> str:
    return row.get("unit") or ("MB" if " MB" in row["path"] else "ms")


def met_text(met: dict[str, bool | None]) -> str:
    """yes / no, naming the databases when they differ or when one is missing."""
    known = {vendor: value for vendor, value in met.items() if value is not None}
    if not known:
        return "—"
    words = {True: "yes", False: "no"}
    if len(set(known.values())) == 1:
        only = "" if len(known) == len(VENDORS) else f" ({VENDORS[next(iter(known))]} only)"
        return words[next(iter(known.values()))] + only
    return ", ".join(f"{VENDORS[vendor]} {words[value]}" for vendor, value in known.items())


def lines(found: dict) -> list[list[str]]:
    """One line per (benchmark, path), the benchmarks in BENCHMARKS' order, paths as written."""
    names = [*BENCHMARKS, *sorted({name for name, _ in found} - set(BENCHMARKS))]
    table = []
    for name in names:
        paths: dict[str, dict[str, dict]] = {}
        for vendor in VENDORS:
            _path, result = found.get((name, vendor), (None, {}))
            for row in result.get("rows", []):
                paths.setdefault(row["path"], {})[vendor] = row
        for path, by_vendor in paths.items():
            cells = [path]
            for vendor in VENDORS:
                row = by_vendor.get(vendor)
                if row is None:
                    cells += ["—", "—", "—"]
                    continue
                unit = unit_of(row)
                baseline = row.get("baseline") or "—"
                if row.get("baseline_ms") is not None:
                    baseline = f"{baseline} {number(row['baseline_ms'], unit)}"
                ratio = "—" if row.get("ratio") is None else f"{number(row['ratio'])}×"
                cells += [number(row["remix_ms"], unit), baseline, ratio]
            first = next(iter(by_vendor.values()))
            met = {vendor: row.get("met") for vendor, row in by_vendor.items()}
            cells += [first.get("target") or "—", met_text(met)]
            table.append(cells)
    return table


def notes(found: dict, *, expected: list[str]) -> list[str]:
    out = []
    order = {name: n for n, name in enumerate(expected)}
    vendors = list(VENDORS)

    def place(key: tuple[str, str]) -> tuple:
        name, vendor = key
        return order.get(name, len(order)), name, vendors.index(vendor) if vendor in vendors else 9

    for (name, vendor), (path, result) in sorted(found.items(), key=lambda item: place(item[0])):
        load = ", ".join(f"{value:.1f}" for value in result["machine"]["load_average"])
        version = result.get("database_version", "")
        data = result.get("data") or {}
        made = " (data from a snapshot)" if data.get("reused") else ""
        rows = "" if result.get("rows") else "; no rows"
        shown = path.relative_to(HERE.parent) if path.is_relative_to(HERE.parent) else path
        out.append(
            f"- `{shown}`: {name} on {VENDORS.get(vendor, vendor)} "
            f"{version}, {result.get('when')}, load {load}{made}{rows}"
        )
    missing = [
        f"{name} ({VENDORS[vendor]})"
        for name in expected
        for vendor in VENDORS
        if (name, vendor) not in found
    ]
    if missing:
        out.append(f"- no result: {', '.join(missing)}")
    return out


def markdown(found: dict, *, scale: str | None, expected: list[str]) -> str:
    text = [
        f"Scale: {scale or 'any'}; medians unless the path says otherwise; ratio = Remix / "
        "baseline, same run, same data.",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
            for cells in lines(found)
        ),
        "",
        *notes(found, expected=expected),
    ]
    return "\n".join(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["small", "large"])
    parser.add_argument("--since", help="only results run at or after this UTC time (ISO)")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()
    found = newest(args.results, scale=args.scale, since=args.since)
    print(markdown(found, scale=args.scale, expected=BENCHMARKS))


if __name__ == "__main__":
    main()

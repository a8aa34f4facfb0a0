"""Remix benchmarks: each measures our path and a baseline in the same run, on the same data.

python bench/run.py pages  [--rounds 30] [--per-round 20] [--scale small|large]
python bench/run.py allies [--scale large] [--sample 1000] [--repeats 3]
python bench/run.py ledger [--scale large]
python bench/run.py catalogue [--scale large]
python bench/run.py apilists [--scale small|large]
python bench/run.py imports [--lines 100000] [--rounds 3]
python bench/run.py matching
python bench/run.py http_serve [--scale large | --data DIR] [--seconds 30] [--connections 8]
python bench/run.py all [--scale large]   every benchmark in turn, each in its own process,
                                          on data made once (bench/data.py)
python bench/run.py catalogue_page [--scale small|large]
"""

import argparse
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

# Run as a script from anywhere: the repository root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = [
    "allies",
    "apilists",
    "bundle",
    "catalogue",
    "catalogue_page",
    "http_serve",
    "imports",
    "ledger",
    "matching",
    "pages",
    "sharing",
]
# Where `all` keeps the data it makes once (bench/data.py), unless REMIX_BENCH_CACHE says.
CACHE = Path(__file__).resolve().parent / ".data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("benchmark", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--scale", choices=["small", "large"])
    parser.add_argument("--sample", type=int, default=1000, help="allies: betweenness sources")
    parser.add_argument("--repeats", type=int, default=3, help="allies: betweenness repeats")
    parser.add_argument("--error-nodes", type=int, default=2000, help="allies: exact subgraph")
    parser.add_argument("--lines", type=int, default=100_000, help="imports: statement lines")
    parser.add_argument("--seconds", type=float, default=30, help="http_serve: load on each path")
    parser.add_argument("--connections", type=int, default=8, help="http_serve: kept busy at once")
    parser.add_argument(
        "--data",
        help="http_serve, bundle: a data directory an earlier run generated (SQLite)",
    )
    args = parser.parse_args()
    if args.benchmark == "all":
        sys.exit(run_all(sys.argv[1:]))
    common = importlib.import_module("bench.common")
    benchmark = importlib.import_module(f"bench.{args.benchmark}")
    common.write(args.benchmark, benchmark.run(args), scale=args.scale)


def run_all(argv: list[str]) -> int:
    """Each benchmark in a process of its own, with the same options; 1 if any failed."""
    options = [arg for arg in argv if arg != "all"]
    env = {**os.environ, "REMIX_BENCH_CACHE": os.environ.get("REMIX_BENCH_CACHE") or str(CACHE)}
    failed = []
    for name in BENCHMARKS:
        print(f"== bench {name} {' '.join(options)}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, __file__, name, *options], env=env)
        seconds = time.perf_counter() - started
        print(f"== bench {name}: exit {code} after {seconds:.0f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"== failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    main()

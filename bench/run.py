"""Remix benchmarks: each measures our path and a baseline in the same run, on the same data.

python bench/run.py pages  [--rounds 30] [--per-round 20] [--scale small|large]
python bench/run.py allies [--scale large] [--sample 1000] [--repeats 3]
python bench/run.py ledger [--scale large]
python bench/run.py catalogue [--scale large]
python bench/run.py apilists [--scale small|large]
python bench/run.py catalogue_page [--scale small|large]
"""

import argparse
import importlib
import sys
from pathlib import Path

# Run as a script from anywhere: the repository root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = ["allies", "apilists", "catalogue", "catalogue_page", "ledger", "pages"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("benchmark", choices=BENCHMARKS)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=20)
    parser.add_argument("--scale", choices=["small", "large"])
    parser.add_argument("--sample", type=int, default=1000, help="allies: betweenness sources")
    parser.add_argument("--repeats", type=int, default=3, help="allies: betweenness repeats")
    parser.add_argument("--error-nodes", type=int, default=2000, help="allies: exact subgraph")
    args = parser.parse_args()
    common = importlib.import_module("bench.common")
    benchmark = importlib.import_module(f"bench.{args.benchmark}")
    common.write(args.benchmark, benchmark.run(args))


if __name__ == "__main__":
    main()

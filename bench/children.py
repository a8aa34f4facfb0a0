"""One measurement in a child process of its own: a fresh interpreter, so that one path's memory
and caches do not carry into the next, and the resident set tells what the work itself needed.

A benchmark module runs as the child's script (``python bench/NAME.py --child MODE ARGS…``) and
prints one JSON object as its last line; ``measure`` starts it and reads that line back.
"""

import json
import os
import subprocess
import sys
from pathlib import Path


def status_mb(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (its peak) of this process, in MB. Not
    ``ru_maxrss``: Linux carries the parent's peak into it across ``exec``."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise LookupError(field)


def measure(script: Path | str, mode: str, *args: str, env: dict | None = None) -> dict:
    """Run ``script --child mode args…`` in a new process (with ``env`` added to this one's
    environment); the JSON object its last line prints."""
    done = subprocess.run(
        [sys.executable, str(script), "--child", mode, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if done.returncode:
        raise RuntimeError(f"{mode} child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])

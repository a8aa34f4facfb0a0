"""Run a command against a throwaway PostgreSQL cluster, or against DATABASE_URL when given.

    python scripts/with_postgres.py -- pytest

The cluster is made with the machine's own PostgreSQL binaries (initdb and pg_ctl on PATH, or in
Debian's /usr/lib/postgresql/<version>/bin), on a free port on 127.0.0.1, as an unprivileged user
when run as root (initdb refuses root), and removed at the end whatever happens. Without
PostgreSQL the run is skipped with its reason, or fails when CI=true.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def find_binaries() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(os.path.realpath(initdb)).parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[4]) if Path(path).parts[4].isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_user(command: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *command] if user else command


def main(command: list[str]) -> int:
    if os.environ.get("DATABASE_URL"):
        print(f"PostgreSQL run: using DATABASE_URL ({os.environ['DATABASE_URL'].split('@')[-1]})")
        return subprocess.call(command)
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    bin_dir = find_binaries()
    if bin_dir is None:
        message = "PostgreSQL binaries (initdb, pg_ctl) not found"
        if in_ci:
            print(f"FAIL: CI=true and {message}", file=sys.stderr)
            return 1
        print(f"SKIPPED the PostgreSQL run: {message}")
        return 0

    user = None
    if os.geteuid() == 0:
        user = "postgres"
        try:
            pwd.getpwnam(user)
        except KeyError:
            user = "nobody"
    root = Path(tempfile.mkdtemp(prefix="remix-pg-"))
    data, log = root / "data", root / "server.log"
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    port = free_port()
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data)]
    started = False
    try:
        subprocess.run(
            as_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "remix",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
                user,
            ),
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=root,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            # More server settings for a run, e.g. a benchmark's memory as production would
            # give it: REMIX_PG_OPTIONS="-c shared_buffers=1GB -c work_mem=32MB".
            + os.environ.get("REMIX_PG_OPTIONS", "")
        )
        subprocess.run(
            as_user([*pg_ctl, "-o", options, "-l", str(log), "-w", "start"], user),
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=root,
        )
        started = True
        url = f"postgres://remix@127.0.0.1:{port}/postgres"
        print(f"PostgreSQL run: throwaway cluster from {bin_dir} on port {port}", flush=True)
        return subprocess.call(command, env={**os.environ, "DATABASE_URL": url})
    finally:
        if started:
            subprocess.run(
                as_user([*pg_ctl, "-m", "fast", "-w", "stop"], user),
                stdout=subprocess.DEVNULL,
                check=False,
                cwd=root,
            )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit(__doc__)
    sys.exit(main(args))

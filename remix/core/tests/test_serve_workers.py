"""`remix serve` in its first seconds: each gunicorn worker talks to the database on a connection of
its own. Two workers sharing one socket (the start-up checks' connection, inherited through the
fork) answer errors, hang, or hand one request the rows of another."""

import concurrent.futures
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import pytest

from remix.core.tests.test_cli_and_settings import CLEARED, remix

ACTORS = [f"Actor {letter}" for letter in "ABCDEFGH"]
REQUESTS = 50

SEED = f"""
from remix.allies.services import actor_create
import json
print(json.dumps({{actor_create(name=name, kind="organisation").pk: name for name in {ACTORS!r}}}))
"""


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"} else None


@pytest.fixture
def served_database(tmp_path):
    """A migrated database of its own, with a few actors: on the PostgreSQL the suite runs on
    (a database made for this test and dropped after it), else SQLite in a fresh data directory."""
    url = _postgres_url()
    env = {}
    if url:
        import psycopg

        name = f"remix_serve_{secrets.token_hex(4)}"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    try:
        migrated = remix("migrate", "--noinput", "-v0", data_dir=tmp_path, env=env, timeout=600)
        assert migrated.returncode == 0, migrated.stderr
        seeded = remix("shell", "-c", SEED, data_dir=tmp_path, env=env)
        assert seeded.returncode == 0, seeded.stderr
        actors = {int(pk): name for pk, name in json.loads(seeded.stdout.splitlines()[-1]).items()}
        yield tmp_path, env, actors
    finally:
        if url:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int | str, bytes]:
    # Generous: the workers may still be booting on a busy machine; a time-out is a failure.
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:  # a time-out, a connection reset by a worker killed mid-request
        return type(error).__name__, b""


def test_fifty_concurrent_requests_in_the_first_seconds_all_answer_right(served_database):
    data_dir, env, actors = served_database
    port = _free_port()
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update({"REMIX_DATA_DIR": str(data_dir), "LANG": "en_US.UTF-8", **env})
    server = subprocess.Popen(
        [sys.executable, "-m", "remix", "serve", "--port", str(port), "--workers", "4"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    ids = sorted(actors)
    try:
        # Wait only for the socket: a request would be the first on the shared connection.
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "remix serve did not listen within 60 s"
                time.sleep(0.1)
        urls = [f"{base}/actors/{ids[n % len(ids)]}" for n in range(REQUESTS)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=REQUESTS) as pool:
            answers = list(pool.map(_get, urls))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log = server.communicate(timeout=30)[0].decode(errors="replace")

    wrong = []
    for url, (status, body) in zip(urls, answers, strict=True):
        pk = int(url.rsplit("/", 1)[1])
        if status != 200:
            wrong.append(f"{url}: {status}")
        elif (found := json.loads(body)).get("id") != pk or found.get("name") != actors[pk]:
            wrong.append(f"{url}: someone else's row {found.get('id')} {found.get('name')!r}")
    assert not wrong, f"{len(wrong)} of {REQUESTS} wrong:\n" + "\n".join(wrong) + "\n" + log[-3000:]

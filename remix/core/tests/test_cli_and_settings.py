"""The `remix` command as a self-hoster runs it: in a fresh data directory, in a subprocess."""

import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


# What a self-hoster's shell would not have (DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests).
CLEARED = {
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "REMIX_HTTPS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def remix(*args, data_dir, env=None, timeout=120):
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update({"REMIX_DATA_DIR": str(data_dir), "LANG": "en_US.UTF-8", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "remix", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def migrated_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("data")
    result = remix("migrate", "--noinput", "-v0", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


def test_first_run_creates_the_data_directory_and_keeps_one_secret(migrated_dir):
    secret = migrated_dir / "secret_key"

    assert len(secret.read_text().strip()) >= 50
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    before = secret.read_text()
    remix("check", "--no-selfchecks", data_dir=migrated_dir)
    assert secret.read_text() == before


def test_processes_starting_at_once_share_one_whole_secret(tmp_path):
    """`make test` starts two test runs at once on a fresh clone: one of them read the key file
    its sibling had created but not yet written, and ran with an empty SECRET_KEY."""
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment["REMIX_DATA_DIR"] = str(tmp_path)
    # every process waits for the same instant before reading its settings
    start = time.time() + 1.5
    read = (
        f"import time; time.sleep(max(0, {start} - time.time())); "
        "import remix.settings as settings; print(settings.SECRET_KEY)"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", read], env=environment, stdout=subprocess.PIPE, text=True
        )
        for _ in range(16)
    ]
    keys = {process.communicate(timeout=120)[0].strip() for process in processes}

    assert keys == {(tmp_path / "secret_key").read_text().strip()}
    assert len(keys.pop()) >= 50
    assert sorted(path.name for path in tmp_path.iterdir()) == ["secret_key"]


def test_the_default_database_is_sqlite_in_wal_mode(migrated_dir):
    database = migrated_dir / "remix.sqlite3"

    with sqlite3.connect(database) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()

    assert mode == "wal"


def test_check_deploy_is_clean_with_the_documented_production_settings(migrated_dir):
    production = {
        "REMIX_HTTPS": "true",
        "ALLOWED_HOSTS": "remix.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://remix.example.org",
    }

    result = remix(
        "check", "--deploy", "--fail-level", "WARNING", data_dir=migrated_dir, env=production
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "Self-checks" in result.stdout


def test_check_deploy_warns_without_https(migrated_dir):
    result = remix("check", "--deploy", "--fail-level", "WARNING", data_dir=migrated_dir)

    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("database_url", "expected"),
    [
        ("nosuchengine://somewhere/db", "cannot start"),
        ("postgres://nobody:secret@127.0.0.1:9/nothing", "cannot reach the database"),
    ],
)
def test_a_wrong_database_url_stops_serve_with_one_clear_line(tmp_path, database_url, expected):
    result = remix("serve", "--port", "0", data_dir=tmp_path, env={"DATABASE_URL": database_url})

    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert "secret" not in lines[0]  # the password in the URL is not printed


def test_the_command_speaks_the_shells_language_and_french_by_default(tmp_path):
    spanish = remix("serve", data_dir=tmp_path, env={"LANG": "es_ES.UTF-8"})
    unknown = remix("serve", data_dir=tmp_path, env={"LANG": "C.UTF-8"})

    assert "aún no están aplicadas" in spanish.stderr
    assert "pas encore appliquée" in unknown.stderr


def test_serve_refuses_to_start_on_an_unmigrated_database(tmp_path):
    result = remix("serve", "--port", "0", data_dir=tmp_path)

    assert result.returncode != 0
    assert "remix migrate" in result.stderr


def test_every_setting_read_from_the_environment_is_documented_in_the_readme():
    source = (ROOT / "remix" / "settings.py").read_text()
    names = set(
        re.findall(r'(?:environ\.get|environ\[|env_bool|env_list)\(?\s*"([A-Z_]+)"', source)
    )
    readme = (ROOT / "README.md").read_text()

    assert {"REMIX_DATA_DIR", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"} <= names
    assert sorted(name for name in names if f"`{name}`" not in readme) == []


def test_serve_answers_with_gunicorn_and_whitenoise(migrated_dir):
    import re
    import socket
    import time
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    environment = {key: value for key, value in os.environ.items() if key not in CLEARED}
    environment.update({"REMIX_DATA_DIR": str(migrated_dir), "LANG": "en_US.UTF-8"})
    server = subprocess.Popen(
        [sys.executable, "-m", "remix", "serve", "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                home = urllib.request.urlopen(f"{base}/", timeout=5)
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "remix serve did not answer within 60 s"
                time.sleep(0.3)
        page = home.read().decode()
        assert "script-src 'self'" in home.headers["Content-Security-Policy"]
        assert '<html lang="fr">' in page
        stylesheet = re.search(r'href="(/static/remix/remix\.[0-9a-f]{12}\.css)"', page).group(1)
        css = urllib.request.urlopen(f"{base}{stylesheet}", timeout=5)
        assert "immutable" in css.headers["Cache-Control"]
        assert b"--color-accent" in css.read()
        health = json.loads(urllib.request.urlopen(f"{base}/api/v1/health", timeout=5).read())
        assert health["status"] == "ok"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

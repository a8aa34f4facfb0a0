"""How many processes and threads `remix serve` starts: one process per usable core, four threads
in each, unless the operator says otherwise."""

import pytest

from remix.core.management.commands.serve import Command
from remix.core.server import worker_plan


@pytest.mark.parametrize(
    ("cores", "plan"),
    [(1, (1, 4)), (2, (2, 4)), (4, (4, 4)), (16, (16, 4)), (64, (16, 4)), (0, (1, 4))],
)
def test_one_process_per_core_with_four_threads_each_at_most_sixteen(cores, plan):
    assert worker_plan(cores) == plan


def _defaults(monkeypatch, cores, **env):
    monkeypatch.setattr("remix.core.management.commands.serve.cores_usable", lambda: cores)
    for name in ("REMIX_WORKERS", "REMIX_THREADS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    options = Command().create_parser("remix", "serve").parse_args([])
    return options.workers, options.threads


def test_serve_sizes_itself_from_the_usable_cores(monkeypatch):
    assert _defaults(monkeypatch, 2) == (2, 4)
    assert _defaults(monkeypatch, 6) == (6, 4)


def test_the_environment_and_the_options_size_it_otherwise(monkeypatch):
    assert _defaults(monkeypatch, 2, REMIX_WORKERS="3", REMIX_THREADS="1") == (3, 1)
    monkeypatch.setattr("remix.core.management.commands.serve.cores_usable", lambda: 2)
    options = Command().create_parser("remix", "serve").parse_args(["--threads", "8"])
    assert (options.workers, options.threads) == (3, 8)

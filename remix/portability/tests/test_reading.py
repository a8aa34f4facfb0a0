"""The export's readers give what Django's own path gives, and its zip writer thread writes the
chunks as given, or fails where the writer fails."""

import datetime
import zipfile

import pytest

from conftest import module_data
from remix.accounts.models import User
from remix.core.demo import demo_load
from remix.portability import archive, entities, reading
from remix.portability.export import full_table

demo_world = module_data(demo_load)


def _all(batches) -> list[dict]:
    return [row for batch in batches for row in batch]


def test_every_table_reads_as_values_list_and_encode_would(demo_world, db):
    compared = 0
    for model in entities.carried_models():
        table = full_table(model)
        fast = _all(reading.rows_batches(table.query, table.fields, 7))
        plain = _all(reading._batches_converted(table.query, table.fields, 7))
        assert fast == plain, entities.label(model)
        compared += len(fast)
    assert compared > 1000


def test_instants_with_and_without_microseconds_read_alike(demo_world, db):
    first, second = User.objects.order_by("pk").values_list("pk", flat=True)[:2]
    instants = {
        first: datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
        second: datetime.datetime(2026, 3, 1, 9, 30, 0, 120, tzinfo=datetime.UTC),
    }
    for pk, at in instants.items():
        User.objects.filter(pk=pk).update(date_joined=at)
    table = full_table(User)
    rows = {row["id"]: row for row in _all(reading.rows_batches(table.query, table.fields, 50))}

    assert rows[first]["date_joined"] == "2026-03-01T09:30:00+00:00"
    assert rows[second]["date_joined"] == "2026-03-01T09:30:00.000120+00:00"


def test_the_writer_thread_writes_every_chunk_in_order(tmp_path):
    chunks = [f"{n:05d}\n".encode() * (n % 7 + 1) for n in range(3000)]
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as bundle:
        entry = archive.entry_write(bundle, "data/a.jsonl", iter(chunks))
    with zipfile.ZipFile(tmp_path / "a.zip") as bundle:
        assert bundle.read("data/a.jsonl") == b"".join(chunks)
        assert archive.entry_digest(bundle, "data/a.jsonl") == (entry["sha256"], entry["bytes"])


def test_a_failing_write_stops_the_entry_with_its_error(tmp_path):
    def chunks():
        yield b"one"
        raise ValueError("the maker failed")

    with zipfile.ZipFile(tmp_path / "a.zip", "w") as bundle, pytest.raises(ValueError):
        archive.entry_write(bundle, "data/a.jsonl", chunks())

    class Full:
        def write(self, chunk):
            raise OSError("no space left")

    with pytest.raises(OSError, match="no space left"), archive._Writer(Full(), None) as writer:
        for _ in range(50):
            writer.put(b"x")

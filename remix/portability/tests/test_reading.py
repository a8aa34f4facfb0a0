"""The export's readers give what Django's own path gives, and its zip writer thread writes the
chunks as given, or fails where the writer fails."""

import datetime
import decimal
import uuid
import zipfile

import pytest

from conftest import module_data
from remix.accounts.models import User
from remix.core.demo import demo_load
from remix.portability import archive, entities, reading
from remix.portability.export import full_table

demo_world = module_data(demo_load)


def _all(batches, table) -> list[dict]:
    return [row for columns in batches for row in reading.rows_of(columns, table.columns)]


def test_every_table_reads_as_values_list_and_encode_would(demo_world, db):
    compared = 0
    for model in entities.carried_models():
        table = full_table(model)
        fast = _all(reading.columns_batches(table.query, table.fields, 7), table)
        plain = _all(reading._columns_converted(table.query, table.fields, 7), table)
        assert fast == plain, entities.label(model)
        compared += len(fast)
    assert compared > 1000


def test_a_column_converts_as_each_of_its_values_would():
    paris = datetime.timezone(datetime.timedelta(hours=1))
    columns = [
        (None, datetime.date(2026, 1, 2), None, datetime.date(2026, 12, 31)),
        (datetime.datetime(2026, 3, 1, 9, 30, tzinfo=paris), None),
        (datetime.datetime(2026, 3, 1, 9, 30, 0, 5, tzinfo=datetime.UTC),),
        (decimal.Decimal("1.50"), None, decimal.Decimal("-0.001")),
        (uuid.UUID(int=7), None),
        (datetime.time(9, 30), None, datetime.time(0, 0, 0, 1)),
        (datetime.timedelta(hours=1), None),
        (1, "one", None, True, 1.5, {"b": 1, "a": [2]}),
        (datetime.date(2026, 1, 2), datetime.datetime(2026, 1, 2, 3, tzinfo=datetime.UTC)),
        (None, None),
    ]
    for column in columns:
        assert list(reading.encoded(column)) == [entities.encode(v) for v in column], column


def test_instants_with_and_without_microseconds_read_alike(demo_world, db):
    first, second = User.objects.order_by("pk").values_list("pk", flat=True)[:2]
    instants = {
        first: datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC),
        second: datetime.datetime(2026, 3, 1, 9, 30, 0, 120, tzinfo=datetime.UTC),
    }
    for pk, at in instants.items():
        User.objects.filter(pk=pk).update(date_joined=at)
    table = full_table(User)
    batches = reading.columns_batches(table.query, table.fields, 50)
    rows = {row["id"]: row for row in _all(batches, table)}

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

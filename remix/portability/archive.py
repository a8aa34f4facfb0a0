"""The zip itself: entries written in a fixed order with fixed times and modes, each hashed and
counted as it is written, so the same content always gives the same bytes."""

import hashlib
import queue
import threading
import zipfile
from contextlib import contextmanager

FORMAT = "remix-bundle"
# The open-data dump: the same layout, holding only what is public (remix.portability.opendata).
OPEN_FORMAT = "remix-open-data"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 1 << 16
# Deflate's fastest level, as the backup's: about four times quicker than its default level, for
# a bundle about a quarter larger.
COMPRESS_LEVEL = 1


def entry_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = COMPRESS_LEVEL  # what ZipFile.open(info, "w") compresses at
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def entry_write(bundle: zipfile.ZipFile, name: str, chunks) -> dict:
    """Write ``chunks`` (bytes) as the entry ``name``; its size and SHA-256."""
    with entry_open(bundle, name) as entry:
        for chunk in chunks:
            entry.put(chunk)
    return entry.written


@contextmanager
def entry_open(bundle: zipfile.ZipFile, name: str):
    """The entry ``name``, open for writing: its ``put`` takes bytes, its ``write`` text (as
    UTF-8); once closed, ``written`` says its size and SHA-256.

    The chunks are compressed, checked (CRC-32) and hashed by a thread of their own while the
    next ones are made: zlib and hashlib release the interpreter's lock on large buffers, so the
    two run side by side. A few chunks wait at most between them; the bytes and their order are
    the same as written in turn."""
    digest = hashlib.sha256()
    with (
        bundle.open(entry_info(name), "w", force_zip64=True) as out,
        _Writer(out, digest) as writer,
    ):
        entry = Entry(name, writer, digest)
        yield entry
        entry.flush()


class Entry:
    """An entry being written, as bytes (``put``) or as text (``write``: whole strings, kept
    until they make a chunk, then encoded at once)."""

    def __init__(self, name: str, writer, digest):
        self.name, self.writer, self.digest = name, writer, digest
        self.size = 0
        self.texts: list[str] = []
        self.waiting = 0

    def put(self, chunk: bytes) -> None:
        self.flush()
        self.writer.put(chunk)
        self.size += len(chunk)

    def write(self, text: str) -> None:
        self.texts.append(text)
        self.waiting += len(text)
        if self.waiting >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.texts:
            chunk = "".join(self.texts).encode("utf-8")
            self.texts, self.waiting = [], 0
            self.writer.put(chunk)
            self.size += len(chunk)

    @property
    def written(self) -> dict:
        return {"path": self.name, "sha256": self.digest.hexdigest(), "bytes": self.size}


class _Writer:
    """A thread that writes and hashes the chunks it is given, in their order."""

    DEPTH = 4  # chunks waiting at most: memory stays a few chunks whatever the entry's size

    def __init__(self, out, digest):
        self.out, self.digest = out, digest
        self.waiting: queue.Queue = queue.Queue(self.DEPTH)
        self.failed: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="bundle-writer", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def put(self, chunk: bytes) -> None:
        if self.failed is not None:
            raise self.failed
        self.waiting.put(chunk)

    def __exit__(self, kind, error, trace):
        self.waiting.put(None)
        self.thread.join()
        if self.failed is not None and error is None:
            raise self.failed

    def _run(self) -> None:
        while (chunk := self.waiting.get()) is not None:
            if self.failed is not None:
                continue  # drained, so that the maker never waits on a full queue
            try:
                self.out.write(chunk)
                self.digest.update(chunk)
            except BaseException as error:  # noqa: BLE001 (raised again in the maker's thread)
                self.failed = error


def entry_digest(bundle: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with bundle.open(name) as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def file_chunks(stream):
    while chunk := stream.read(CHUNK):
        yield chunk

"""The zip itself: entries written in a fixed order with fixed times and modes, each hashed and
counted as it is written, so the same content always gives the same bytes."""

import hashlib
import zipfile

FORMAT = "remix-bundle"
# The open-data dump: the same layout, holding only what is public (remix.portability.opendata).
OPEN_FORMAT = "remix-open-data"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CHUNK = 1 << 16


def entry_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


def entry_write(bundle: zipfile.ZipFile, name: str, chunks) -> dict:
    """Write ``chunks`` (bytes) as the entry ``name``; its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    with bundle.open(entry_info(name), "w", force_zip64=True) as out:
        for chunk in chunks:
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return {"path": name, "sha256": digest.hexdigest(), "bytes": size}


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

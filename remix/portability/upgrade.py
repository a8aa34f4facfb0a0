"""Older bundle formats brought to the current one before anything is read, one step a version.

A step takes the manifest as stored and returns it in the next version's shape; where a file
moved, its entry keeps ``stored``, the name it has inside the zip, and its checksum as stored.

Format 1 kept one JSON Lines file per entity at the top of the zip, named ``<entity>.jsonl``, no
CSV twins, and a manifest whose ``files`` mapped each name to its SHA-256. Format 2 puts the rows
under ``data/``, their CSV twins under ``csv/``, and lists each file with its size, entity,
entity version and row count.
"""

from remix.portability import archive


def _format_1_to_2(manifest: dict, bundle) -> dict:
    files = []
    for name, sha256 in sorted(manifest["files"].items()):
        entity = name.removesuffix(".jsonl")
        rows = 0
        with bundle.open(name) as stream:
            for _line in stream:
                rows += 1
        files.append(
            {
                "path": f"data/{entity}.jsonl",
                "stored": name,
                "sha256": sha256,
                "bytes": bundle.getinfo(name).file_size,
                "entity": entity,
                "version": 1,
                "rows": rows,
            }
        )
    return {
        "format": archive.FORMAT,
        "format_version": 2,
        "schema": manifest.get("schema", {}),
        "files": files,
    }


STEPS = {1: _format_1_to_2}


def manifest_upgrade(manifest: dict, bundle) -> dict:
    """The manifest brought to the current format; KeyError for a version with no step."""
    while manifest["format_version"] < archive.FORMAT_VERSION:
        manifest = STEPS[manifest["format_version"]](manifest, bundle)
    return manifest

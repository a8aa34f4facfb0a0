"""The import formats, by name, and which one a file is when the person does not say.

The web import page and ``remix import-network`` both import through ``network_import``.
"""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from remix.allies import skos
from remix.allies.interchange import gexf, imports, tags
from remix.allies.interchange.rows import ImportReport
from remix.core.imports import ImportRefused

AUTO = "auto"
IMPORTERS = {
    "actors_csv": imports.actors_csv_import,
    "relations_csv": imports.relations_csv_import,
    "kumu": imports.kumu_import,
    "gexf": gexf.gexf_import,
    "skos": skos.themes_turtle_import,
}
LABELS = {
    AUTO: gettext_lazy("Recognise from the file"),
    "actors_csv": gettext_lazy("Actors (CSV)"),
    "relations_csv": gettext_lazy("Relations (CSV)"),
    "kumu": gettext_lazy("Kumu blueprint (JSON)"),
    "gexf": gettext_lazy("Gephi (GEXF)"),
    "skos": gettext_lazy("Themes (SKOS, Turtle)"),
}
# The formats whose tags or themes may name themes this network lacks.
TAGGED = frozenset({"kumu", "gexf"})


def format_detect(content: str) -> str:
    """The format of a file from its first characters: XML, JSON, Turtle, else a CSV by its
    columns; refused when it is none of them."""
    head = content.lstrip()[:2000]
    if head.startswith("<"):
        return "gexf"
    if head.startswith("{"):
        try:
            data = json.loads(content)
        except json.JSONDecodeError:
            return "kumu"  # the Kumu import says where the JSON breaks
        return "kumu" if isinstance(data, dict) and "elements" in data else "unknown"
    if head.startswith("@prefix") or head.startswith("PREFIX") or "skos:" in head:
        return "skos"
    columns = {name.strip() for name in head.splitlines()[0].split(",")} if head else set()
    if {"source_name", "target_name"} & columns or {"source_id", "target_id"} <= columns:
        return "relations_csv"
    if {"name", "kind"} <= columns:
        return "actors_csv"
    return "unknown"


def network_import(
    content: str, *, fmt: str = AUTO, recorder=None, unknown_themes: str = tags.CREATE
) -> tuple[str, ImportReport]:
    """Import a file in its format (given, or recognised): the format read and the report."""
    if fmt == AUTO:
        fmt = format_detect(content)
        if fmt not in IMPORTERS:
            raise ImportRefused(
                None,
                _("its format is not recognised: choose it (Kumu, GEXF, CSV or SKOS Turtle)"),
            )
    importer = IMPORTERS[fmt]
    if fmt in TAGGED:
        return fmt, importer(content, recorder=recorder, unknown_themes=unknown_themes)
    return fmt, importer(content, recorder=recorder)


def report_lines(report: ImportReport) -> list[str]:
    """An import's report as lines of text: the counts, the notes, the themes it created."""
    lines = [
        _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
    ]
    lines += [f"{note}." for note in report.notes]
    if report.themes_created:
        lines.append(
            ngettext(
                "%(count)d theme created from the file’s tags:",
                "%(count)d themes created from the file’s tags:",
                len(report.themes_created),
            )
            % {"count": len(report.themes_created)}
        )
        lines += [f"  {theme.code}: {theme.label}" for theme in report.themes_created]
    return lines

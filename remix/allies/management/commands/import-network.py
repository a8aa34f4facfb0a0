"""`remix import-network FILE`: actors, relations and themes from Kumu, GEXF, CSV or SKOS.

    remix import-network carte-kumu.json
    remix import-network reseau.gexf --unknown-themes refuse
    remix import-network acteurs.csv --format actors_csv --dry-run

The format is recognised from the file unless ``--format`` names it. Everything is checked before
anything is written, and written in one transaction: a bad line refuses the whole file. Tags that
name no theme (Kumu, GEXF) create it, unless ``--unknown-themes refuse``.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.allies.interchange import formats, tags
from remix.core.imports import ImportRefused


class _DryRun(Exception):
    """Raised inside the transaction to undo it: a dry run writes nothing."""


class Command(BaseCommand):
    help = (
        "Import the network from a file: a Kumu blueprint (JSON), a Gephi file (GEXF), actors or "
        "relations as CSV, or themes as SKOS Turtle; the format is recognised unless --format "
        "names it. Tags that match no theme create it (--unknown-themes create, the default) or "
        "refuse the file with their list (--unknown-themes refuse). A bad line refuses the whole "
        "file and nothing is written; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to import (UTF-8).")
        parser.add_argument(
            "--format",
            choices=[formats.AUTO, *formats.IMPORTERS],
            default=formats.AUTO,
            help="The file's format (default: recognised from the file).",
        )
        parser.add_argument(
            "--unknown-themes",
            choices=tags.CHOICES,
            default=tags.CREATE,
            help="Tags that match no theme: create the themes (default) or refuse the file.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, but write nothing."
        )

    def handle(self, *args, **options):
        content = _read(options["file"])
        try:
            with db.atomic():
                fmt, report = formats.network_import(
                    content, fmt=options["format"], unknown_themes=options["unknown_themes"]
                )
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(_("Dry run: nothing was written."))
        except ImportRefused as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(
            _("%(file)s read as %(format)s.")
            % {"file": options["file"], "format": formats.LABELS[fmt]}
        )
        for line in formats.report_lines(report):
            self.stdout.write(line)


def _read(name: str) -> str:
    try:
        return Path(name).read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s") % {"file": name, "reason": error.strerror}
        ) from None
    except UnicodeDecodeError:
        raise CommandError(_("The file is not UTF-8 text.")) from None

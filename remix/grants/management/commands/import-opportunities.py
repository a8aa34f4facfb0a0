"""`remix import-opportunities`: funding opportunities from a CSV file or a public aid catalogue.

    remix import-opportunities calls.csv
    remix import-opportunities --catalogue aides-territoires --sample answer.json
    AIDES_TERRITOIRES_API_KEY=… remix import-opportunities --catalogue aides-territoires \\
        --param targeted_audiences=association --param aid_type=financial --save answer.json

The file's columns are those of ``remix.grants.imports``. Everything is checked before anything is
written, and written in one transaction: a bad line refuses the whole file. Running the same file
(or the same catalogue) again updates the opportunities it brought.
"""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction as db
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remix.grants import aid_catalogues, imports


class _DryRun(Exception):
    """Raised inside the transaction to undo it: a dry run writes nothing."""


class Command(BaseCommand):
    help = (
        "Import funding opportunities from a CSV file (columns: funder, funder_kind, title, url, "
        "kind, amount_min, amount_max, amount_typical, currency, max_share, withheld_share, "
        "volunteer_time_counts, territory, themes, beneficiary_types, opens_on, "
        "letter_of_intent_on, deadline, decision_on, report_due_on, recurrence, notes), or from "
        "a public aid catalogue with --catalogue: a saved answer with --sample FILE (no network), "
        "or fetched from the catalogue with --param NAME=VALUE (Aides-territoires asks for a key, "
        "read from AIDES_TERRITOIRES_API_KEY). A bad line refuses the whole file and nothing is "
        "written; importing the same file again updates what it brought."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A CSV file of opportunities.")
        parser.add_argument(
            "--catalogue",
            choices=sorted(aid_catalogues.CATALOGUES),
            help="A public aid catalogue instead of a CSV file.",
        )
        parser.add_argument(
            "--sample",
            metavar="FILE",
            help="With --catalogue: the catalogue's answer saved earlier (JSON), read offline.",
        )
        parser.add_argument(
            "--param",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help=(
                "With --catalogue and no --sample: a query parameter of the catalogue's API, "
                "e.g. targeted_audiences=association, text=numérique, apply_before=2027-06-30."
            ),
        )
        parser.add_argument(
            "--save",
            metavar="FILE",
            help="With --catalogue and no --sample: also keep the fetched answer in this file.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, but write nothing."
        )

    def handle(self, *args, **options):
        try:
            with db.atomic():
                report = self._import(options)
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(_("Dry run: nothing was written."))
        except imports.ImportRefused as refused:
            raise CommandError(refused.message) from None
        self._report(report)

    def _import(self, options) -> imports.ImportReport:
        if options["catalogue"]:
            return self._catalogue(options)
        if not options["file"]:
            raise CommandError(_("Give a CSV file, or a catalogue with --catalogue."))
        content = imports.file_text(_read(options["file"]))
        return imports.csv_import(content)

    def _catalogue(self, options) -> imports.ImportReport:
        catalogue = aid_catalogues.catalogue_get(
            options["catalogue"], api_key=os.environ.get("AIDES_TERRITOIRES_API_KEY", "")
        )
        if options["sample"]:
            try:
                payload = json.loads(_read(options["sample"]).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                raise CommandError(
                    _("%(file)s is not JSON: %(reason)s")
                    % {"file": options["sample"], "reason": error}
                ) from None
        else:
            params = dict(_param(text) for text in options["param"])
            try:
                payload = catalogue.fetch(params, get=aid_catalogues.http_get)
            except OSError as error:
                raise CommandError(
                    _("%(catalogue)s did not answer: %(reason)s")
                    % {"catalogue": catalogue.label, "reason": error}
                ) from None
            if options["save"]:
                Path(options["save"]).write_text(
                    json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8"
                )
        return aid_catalogues.catalogue_import(catalogue=catalogue, payload=payload)

    def _report(self, report: imports.ImportReport) -> None:
        self.stdout.write(
            ngettext(
                "%(count)d opportunity created, ",
                "%(count)d opportunities created, ",
                report.created,
            )
            % {"count": report.created}
            + ngettext("%(count)d updated.", "%(count)d updated.", report.updated)
            % {"count": report.updated}
        )
        if report.funders_created:
            self.stdout.write(
                _("New funders among the allies: %(names)s.")
                % {"names": ", ".join(report.funders_created)}
            )


def _read(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(reason)s") % {"file": name, "reason": error.strerror}
        ) from None


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise CommandError(_("A parameter is NAME=VALUE: %(text)s") % {"text": text})
    return name.strip(), value.strip()

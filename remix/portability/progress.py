"""tqdm's bars for the portability commands, on stderr: in bytes for the backup, sized once the
work is known; in rows for the bundle's commands, which share their options here."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm


class ProgressBar:
    """A bar in bytes, drawn only on a terminal, opened by ``total(n)`` and moved by ``update``."""

    def __init__(self, description: str):
        self.description = description
        self.bar = None

    def total(self, size: int) -> None:
        self.bar = tqdm(
            total=size, desc=self.description, unit="B", unit_scale=True, disable=None, leave=True
        )

    def update(self, size: int) -> None:
        if self.bar is not None:
            self.bar.update(size)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


class BundleCommand(BaseCommand):
    """A command on one bundle file, with a bar of rows on stderr (``--no-progress``: none)."""

    file_help = ""
    file_optional = False

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?" if self.file_optional else None, help=self.file_help)
        parser.add_argument("--no-progress", action="store_true", help="Draw no progress bar.")

    def rows_bar(self, *, total: int | None, description: str, no_progress: bool) -> tqdm:
        return tqdm(
            total=total,
            unit=" " + _("rows"),
            desc=description,
            file=self.stderr._out,
            disable=no_progress,
        )

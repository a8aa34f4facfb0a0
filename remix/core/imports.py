"""What every import shares: a file refused whole, with the line at fault and the reason."""

from django.utils.translation import gettext as _


class ImportRefused(Exception):
    """The file is refused whole and nothing is imported; ``line`` is the 1-based line (or the
    item's rank in a catalogue's answer) where it went wrong, when known."""

    def __init__(self, line: int | None, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}" if line else reason)

    @property
    def message(self) -> str:
        """The refusal as one sentence for the person importing, in the active language."""
        if self.line:
            return _("File refused, nothing was imported. Line %(line)s: %(reason)s") % {
                "line": self.line,
                "reason": self.reason,
            }
        return _("File refused, nothing was imported: %(reason)s") % {"reason": self.reason}

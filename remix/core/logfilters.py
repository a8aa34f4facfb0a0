"""Filters on the server's log."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """A refused request (4xx) is one line in the log, never a traceback.

    Django's ``django.request`` logger attaches the exception to the warning it writes for a
    ``PermissionDenied`` (and a few other refusals): an ordinary 403 would otherwise fill the log
    with a stack that tells an operator nothing. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True

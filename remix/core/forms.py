"""What every app's forms share: a service's refusal shown on the form that sent its input."""

from django.core.exceptions import ValidationError


def errors_by_field(error: ValidationError) -> dict[str | None, list[str]]:
    """A service's refusal as ``{field name, or None: its messages}``."""
    return error.message_dict if hasattr(error, "error_dict") else {None: error.messages}


def service_errors_show(
    form, error: ValidationError, *, renames=None, default=None, aside=()
) -> dict[str, list[str]]:
    """Show a service's refusal on ``form``: each message on the field it names (``renames`` maps
    a service's name to the form's), else on ``default`` (None: above the form). The names in
    ``aside`` are handed back for the page to show elsewhere (a table of postings)."""
    kept = {}
    for name, messages in errors_by_field(error).items():
        if name in aside:
            kept[name] = messages
            continue
        target = (renames or {}).get(name, name)
        if target not in form.fields:
            target = default
        form.add_error(target, messages)
    return kept


class ServiceErrors:
    """A form mixin: ``form.add_service_errors(error)`` shows a service's refusal by the field it
    names; ``SERVICE_FIELDS`` renames the service's keys to the form's."""

    SERVICE_FIELDS: dict[str, str | None] = {}

    def add_service_errors(self, error: ValidationError) -> None:
        service_errors_show(self, error, renames=self.SERVICE_FIELDS)


def form_written(request, form, write):
    """What ``write()`` wrote once ``form`` was posted and valid; None when it was not posted,
    not valid, or refused by the service, whose refusal is then on the form's fields for the
    page to show again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write()
    except ValidationError as error:
        form.add_service_errors(error)
        return None

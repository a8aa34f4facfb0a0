"""Writing the charter: a steward publishes a new version of one language."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from remix.charter.models import LANGUAGE_CODES, CharterVersion
from remix.core.audit import audit_record
from remix.core.permissions import can_edit_charter, require_recorder


def charter_publish(
    *, language: str, body: str, summary: str = "", based_on: int | None, author
) -> CharterVersion:
    """A new version of the charter in ``language``; it is in force from now on.

    ``based_on`` is the version the editor started from (None for the language's first): if
    another version was published meanwhile, the edit is refused rather than silently undoing
    it. A text identical to the current one is refused too: it would be a version that says
    nothing new."""
    require_recorder(can_edit_charter, author)
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": [_("Unknown language.")]})
    body = (body or "").strip().replace("\r\n", "\n")
    if not body:
        raise ValidationError({"body": [_("Write the charter's text.")]})
    try:
        with transaction.atomic():
            return _publish(language, body, (summary or "").strip(), based_on, author)
    except IntegrityError:
        # Two stewards published the same number at once: the second one is told, as above.
        raise _changed_meanwhile() from None


def _publish(language, body, summary, based_on, author) -> CharterVersion:
    current = (
        CharterVersion.objects.select_for_update()
        .filter(language=language)
        .order_by("-number")
        .first()
    )
    number = current.number if current is not None else None
    if number != based_on:
        raise _changed_meanwhile()
    if current is not None and current.body == body:
        raise ValidationError({"body": [_("The text is the same as the current version's.")]})
    version = CharterVersion.objects.create(
        language=language,
        number=(number or 0) + 1,
        body=body,
        summary=summary,
        author=author,
        author_name=author.public_name if author is not None else "",
    )
    audit_record(
        action="charter.version.published",
        recorder=author,
        obj=version,
        data={"language": language, "number": version.number},
    )
    return version


def _changed_meanwhile() -> ValidationError:
    return ValidationError(
        _("Another version was published meanwhile: read it, then write yours from it."),
        code="charter_changed_meanwhile",
    )

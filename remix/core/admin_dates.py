"""The admin meets the dates rule as the pages do: under the field, before any save."""

from django.db import models

from remix.core.dates import date_validator


class DatesInWindowAdmin:
    """Mixed into a ``ModelAdmin``: every date (and instant) of its form inside the window the
    books and the plans accept, so a slip is said under its field rather than refused by the
    service after the form was accepted."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.DateField):  # DateTimeField too
            field.validators = [*field.validators, date_validator]
        return field

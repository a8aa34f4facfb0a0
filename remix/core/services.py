"""What the platform itself keeps: the dates window a steward widens."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction as db
from django.utils.translation import gettext as _

from remix.core.audit import audit_record
from remix.core.dates import MAX_YEARS, WIDENED_KEY
from remix.core.models import DatesWindow
from remix.core.permissions import can_widen_dates, require_recorder


def dates_window_widen(*, years_back: int, years_ahead: int, recorder=None) -> DatesWindow:
    """Widen (or narrow back) the years around today the books and the plans accept, beyond the
    operator's settings; the settings stay the least, and 100 years the most."""
    require_recorder(can_widen_dates, recorder)
    errors = {
        field: _("Between 0 and %(most)s years.") % {"most": MAX_YEARS}
        for field, years in (("years_back", years_back), ("years_ahead", years_ahead))
        if not 0 <= years <= MAX_YEARS
    }
    if errors:
        raise ValidationError(errors)
    with db.atomic():
        row = DatesWindow.objects.select_for_update().first() or DatesWindow()
        before = (row.years_back, row.years_ahead)
        row.years_back, row.years_ahead = years_back, years_ahead
        row.save()
        audit_record(
            action="core.dates_window.changed",
            recorder=recorder,
            obj=row,
            data={"before": list(before), "after": [years_back, years_ahead]},
        )
        db.on_commit(lambda: cache.delete(WIDENED_KEY))
    cache.delete(WIDENED_KEY)
    return row

"""The study office's part in revenue sharing: an engagement's validated hours count among the
valued contributions a sharing rule shares by, at the value they were posted at (hours × the
agreed daily rate ÷ 7), for the engagements of the rule's fund.

Registered as a source of ``remix.sharing.selectors`` when the app is ready (``apps.py``)."""

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, Case, DecimalField, Sum, Value, When
from django.db.models.functions import Coalesce

from remix.ledger.selectors.conversions import Converter
from remix.sharing import rules
from remix.studio.models import TimeDeclaration, TimeStatus


def engagement_time_valued(scope) -> list[rules.Contributor]:
    """Everyone whose hours on an engagement of the scope's fund were ever validated, valued by
    those of the period, converted into the scope's currency at the period's last day when the
    engagement is in another. Two queries whatever the number of people."""
    rows = (
        TimeDeclaration.objects.filter(
            engagement__fund=scope.fund, status=TimeStatus.VALIDATED, date__lte=scope.end
        )
        .values("user_id", "engagement__commodity")
        .annotate(
            value=Coalesce(
                Sum(
                    Case(
                        When(date__gte=scope.start, then="value_minor"),
                        default=Value(0),
                        output_field=BigIntegerField(),
                    )
                ),
                Value(0),
                output_field=BigIntegerField(),
            ),
            hours=Coalesce(
                Sum(
                    Case(
                        When(date__gte=scope.start, then="hours"),
                        default=Value(0),
                        output_field=DecimalField(max_digits=12, decimal_places=2),
                    )
                ),
                Value(0),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            ),
        )
        .order_by()
    )
    rows = list(rows)
    if not rows:
        return []
    names = {
        user.pk: user.public_name
        for user in get_user_model().objects.filter(pk__in={row["user_id"] for row in rows})
    }
    converter = Converter(scope.currency)
    found: dict[int, dict] = {}
    for row in rows:
        entry = found.setdefault(row["user_id"], {"value": 0, "hours": 0})
        value, commodity = row["value"], row["engagement__commodity"]
        if value and commodity != scope.currency:
            value = converter.minor(value, commodity, scope.end) or 0
        entry["value"] += value
        entry["hours"] += row["hours"]
    return [
        rules.Contributor(
            ("user", user_id),
            names[user_id],
            entry["value"],
            detail={"hours": int(entry["hours"] * 100), "in_kind": 0},
        )
        for user_id, entry in found.items()
    ]

"""The study office in the admin: read only. Services, quotes, engagements and time are written
through the services (pages and API), each write audited; a quote is never edited."""

from django.contrib import admin

from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.studio.models import (
    Engagement,
    EngagementPerson,
    Quote,
    QuoteLine,
    Service,
    TimeDeclaration,
)


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["slug", "kind", "price_model", "price_minor", "commodity", "active"]
    list_filter = ["kind", "price_model", "active"]
    search_fields = ["slug"]


class QuoteLineInline(ReadOnlyInline):
    model = QuoteLine
    fields = ["position", "service", "description", "quantity", "unit_price_minor", "amount_minor"]


@admin.register(Quote)
class QuoteAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "client", "title", "total_minor", "status", "valid_until"]
    list_filter = ["status", "year"]
    list_select_related = ["client"]
    inlines = [QuoteLineInline]


class EngagementPersonInline(ReadOnlyInline):
    model = EngagementPerson
    fields = ["user", "planned_days"]


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ["title", "client", "start_date", "end_date", "day_rate_minor"]
    list_select_related = ["client"]
    inlines = [EngagementPersonInline]


@admin.register(TimeDeclaration)
class TimeDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["engagement", "user", "date", "hours", "status", "value_minor"]
    list_filter = ["status"]
    list_select_related = ["engagement", "user"]

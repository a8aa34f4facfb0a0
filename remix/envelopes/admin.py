"""The contributive budget in the admin: read only. Envelopes are opened, asked, questioned and
closed through the services (the pages and the API), where each decision asks its permission;
the admin shows what they wrote."""

from django.contrib import admin

from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.envelopes.models import Comment, Envelope, Request, RequestVersion


class RequestInline(ReadOnlyInline):
    model = Request
    fields = ("name", "days", "asked_minor", "granted_minor", "created_at")


@admin.register(Envelope)
class EnvelopeAdmin(ReadOnlyAdmin):
    list_display = ("title", "fund", "amount_minor", "commodity", "status", "rule", "created_at")
    list_filter = ("status", "rule")
    search_fields = ("title", "project", "period")
    list_select_related = ("fund",)
    inlines = [RequestInline]


class VersionInline(ReadOnlyInline):
    model = RequestVersion
    fields = ("number", "days", "asked_minor", "what", "created_at")


class CommentInline(ReadOnlyInline):
    model = Comment
    fields = ("name", "body", "created_at")


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ("name", "envelope", "days", "asked_minor", "granted_minor", "created_at")
    list_select_related = ("envelope",)
    search_fields = ("name", "what")
    inlines = [VersionInline, CommentInline]

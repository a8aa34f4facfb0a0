"""The charter in the admin: read only. A version is published through the edit page, which asks
``can_edit_charter``; once written it never changes."""

from django.contrib import admin

from remix.charter.models import CharterVersion
from remix.core.admin_readonly import ReadOnlyAdmin


@admin.register(CharterVersion)
class CharterVersionAdmin(ReadOnlyAdmin):
    list_display = ("language", "number", "author_name", "summary", "created_at")
    list_filter = ("language",)
    search_fields = ("body", "summary")
    fields = ("language", "number", "body", "summary", "author_name", "created_at")
    readonly_fields = fields

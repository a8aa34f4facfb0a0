"""Events in the admin: read only. Events are created, registered for and cancelled through the
services (the pages and the API), where each decision asks its permission and takes the event's
lock; the admin shows what they wrote."""

from django.contrib import admin
from django.db import models

from remix.core.admin_readonly import ReadOnlyAdmin, ReadOnlyInline
from remix.events.models import Event, Registration


class RegistrationInline(ReadOnlyInline):
    model = Registration
    fields = ("occurrence", "name", "email", "status", "owed_minor", "created_at")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "project", "starts", "time_zone", "recurrence", "capacity", "status")
    list_filter = ("status", "contribution")
    list_select_related = ("project",)
    inlines = [RegistrationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("name", "event", "occurrence", "status", "owed_minor", "created_at")
    list_filter = ("status",)
    search_fields = ("name", "email")
    list_select_related = ("event",)

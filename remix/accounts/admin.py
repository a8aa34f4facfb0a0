from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from remix.accounts.models import ApiToken, User
from remix.core.audit import audit_record
from remix.core.models import AuditEvent


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Remix"), {"fields": ("display_name", "language", "verified_at")}),
    )
    list_display = ("username", "display_name", "email", "language", "is_active", "date_joined")
    list_filter = (*DjangoUserAdmin.list_filter, ("verified_at", admin.EmptyFieldListFilter))
    actions = ("mark_verified",)

    @admin.action(description=_("Mark as verified (one person, one voice)"), permissions=["change"])
    def mark_verified(self, request, queryset):
        """Active accounts not yet verified are, from now, each with an audit event; the
        others are left as they are."""
        now, count = timezone.now(), 0
        with transaction.atomic():
            for user in queryset.filter(is_active=True, verified_at__isnull=True):
                user.verified_at = now
                user.save(update_fields=["verified_at"])
                audit_record(action="accounts.user.verified", recorder=request.user, obj=user)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d person marked as verified.",
                "%(count)d people marked as verified.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    exclude = ("key_hash",)

    def has_add_permission(self, request):
        return False  # tokens are created by their owner, who sees the secret once


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "recorder", "object_type", "object_id")
    list_filter = ("action",)
    readonly_fields = ("created_at", "action", "recorder", "object_type", "object_id", "data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

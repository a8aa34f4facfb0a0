"""Admin pages that only show: what changes through the services (money, pledges, applications,
their history) is read in the admin, never written there."""

from django.contrib import admin


class ReadOnly:
    """View only: no add, change or delete, on a page or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin):
    pass


class ReadOnlyInline(ReadOnly, admin.TabularInline):
    extra = 0
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields  # some are not editable at all (a date set on creation)

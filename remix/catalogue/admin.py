from django.contrib import admin

from remix.catalogue.models import Family


@admin.register(Family)
class FamilyAdmin(admin.ModelAdmin):
    """The families of commons are an editable list; documents and commons are edited on the
    site, where every edit is a revision, so they are not here."""

    list_display = ("code", "label", "position")
    list_editable = ("position",)
    ordering = ("position", "code")

    def has_delete_permission(self, request, obj=None):
        # A family in use cannot go (the commons protect it); an unused one may.
        return super().has_delete_permission(request, obj) and not (obj and obj.commons.exists())

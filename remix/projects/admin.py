"""Mediation projects in the admin: read only, for those who manage projects
(``can_manage_projects``). A project is created and changed through the services (its pages and
the API), each write audited; its fund is made with it."""

from django.contrib import admin

from remix.core.admin_readonly import ReadOnlyAdmin
from remix.core.permissions import can_manage_projects
from remix.projects.models import Project


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["slug", "kind", "status", "starts", "ends", "fund", "budget_minor"]
    list_filter = ["kind", "status"]
    list_select_related = ["fund"]
    search_fields = ["slug"]

    def has_module_permission(self, request):
        return can_manage_projects(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_projects(request.user, project=obj)

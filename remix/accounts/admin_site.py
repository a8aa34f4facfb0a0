from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from remix.accounts.forms import StewardAuthenticationForm


class StewardAdminSite(admin.AdminSite):
    site_header = _("Remix administration")
    site_title = _("Remix")
    index_title = _("Administration of the records")
    login_form = StewardAuthenticationForm

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_authenticated and user.has_role("steward")

from django.contrib.admin.apps import AdminConfig


class RemixAdminConfig(AdminConfig):
    default_site = "remix.accounts.admin_site.StewardAdminSite"

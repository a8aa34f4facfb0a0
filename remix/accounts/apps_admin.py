"""The admin's site, and the names it shows for the third-party apps Remix installs: their own
say nothing to a steward (« Axes », « Otp_Totp »), and django-axes has no Spanish catalogue, so
that its French one showed through on /es/ (``locale/es`` translates its names)."""

from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class RemixAdminConfig(AdminConfig):
    default_site = "remix.accounts.admin_site.StewardAdminSite"


class LogInAttemptsConfig(AxesConfig):
    """django-axes: each log-in attempt, and the lock-outs of too many failed ones."""

    verbose_name = _("Log-in attempts")


class AuthenticatorsConfig(TOTPConfig):
    """django-otp's authenticator apps: the second factor of treasurers and stewards."""

    verbose_name = _("Authenticator apps")


# What django-axes's pages say, translated in ``locale/`` (its own catalogue has no Spanish); its
# "Username" is Django's own, translated everywhere already.
AXES_WORDS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Path"),
    gettext_noop("POST Data"),
    gettext_noop("User Agent"),
)

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from remix.api.router import api
from remix.core.files import protected_file, public_media
from remix.web.language import switch as language_switch
from remix.web.views import favicon

# French pages live at the root; /en/… and /es/… are the same pages in English and Spanish.
urlpatterns = [
    path("api/v1/", api.urls),
    path("hooks/", include("remix.contributions.hook_urls")),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", favicon),
    # The language switcher: remembers the choice, then shows the same page in that language.
    path("language/<slug:language>/", language_switch, name="language_switch"),
    # Every file that is not public catalogue media: after the permission of its page.
    path("files/<slug:kind>/<int:pk>/", protected_file, name="protected_file"),
    *i18n_patterns(
        path("", include("remix.web.urls")),
        path("accounts/", include("remix.accounts.urls")),
        path("allies/", include("remix.allies.urls")),
        path("budget/", include("remix.ledger.urls")),
        path("charter/", include("remix.charter.urls")),
        path("catalogue/", include("remix.catalogue.urls")),
        path("contribute/", include("remix.contributions.urls")),
        path("funding/", include("remix.grants.urls")),
        path("stewardship/", include("remix.stewardship.urls")),
        path("productions/", include("remix.productions.urls")),
        path("projects/", include("remix.projects.urls")),
        path("events/", include("remix.events.urls")),
        path("envelopes/", include("remix.envelopes.urls")),
        path("studio/", include("remix.studio.urls")),
        path("invoices/", include("remix.invoicing.urls")),
        path("sharing/", include("remix.sharing.urls")),
        path("experiments/", include("remix.experiments.urls")),
        path("open-data/", include("remix.portability.urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=False,
    ),
]

handler400 = "remix.web.views.bad_request"
handler404 = "remix.web.views.page_not_found"
handler500 = "remix.web.views.server_error"
handler403 = "remix.web.views.permission_denied"

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Public catalogue media on the machine's own disk: only the files of objects shown to the
    # public (remix/core/files.py), never the whole folder. With an S3-compatible storage the files
    # have the storage's own addresses instead.
    urlpatterns.append(
        re_path(r"^" + re.escape(settings.MEDIA_URL.lstrip("/")) + r"(?P<path>.+)$", public_media)
    )

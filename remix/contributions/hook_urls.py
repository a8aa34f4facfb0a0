"""Payment providers' webhooks (``/hooks/…``): outside the language prefixes, no session."""

from django.urls import path

from remix.contributions.views.hooks import provider_hook

app_name = "hooks"

urlpatterns = [
    path("<str:provider>/", provider_hook, name="provider"),
]

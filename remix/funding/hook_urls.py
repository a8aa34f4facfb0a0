"""Payment providers' webhooks (``/hooks/…``): outside the language prefixes, no session."""

app_name = "hooks"

urlpatterns = []

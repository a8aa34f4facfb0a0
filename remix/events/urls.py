from remix.events.views import app_name, urlpatterns  # noqa: F401

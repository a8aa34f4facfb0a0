"""campaigns pages (being written)."""

urlpatterns = []

"""search pages (being written)."""

urlpatterns = []

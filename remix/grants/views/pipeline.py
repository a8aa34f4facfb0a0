"""pipeline pages (being written)."""

urlpatterns = []

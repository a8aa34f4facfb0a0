"""giving pages (being written)."""

urlpatterns = []

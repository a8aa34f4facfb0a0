"""rounds pages (being written)."""

urlpatterns = []

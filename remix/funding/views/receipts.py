"""receipts pages (being written)."""

urlpatterns = []

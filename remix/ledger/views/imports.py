"""Bank statement import through the web."""

urlpatterns = []

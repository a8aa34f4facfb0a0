"""The public open budget and the sustainability dashboard."""

urlpatterns = []

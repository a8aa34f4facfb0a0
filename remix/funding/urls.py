"""The contribute area: giving, campaigns, matching rounds, receipts (``/contribute/``)."""

from remix.funding.views import campaigns, giving, receipts, rounds

app_name = "contribute"

urlpatterns = [
    *giving.urlpatterns,
    *campaigns.urlpatterns,
    *rounds.urlpatterns,
    *receipts.urlpatterns,
]

"""The contribute area: giving, campaigns, matching rounds, receipts (``/contribute/``)."""

from remix.contributions.views import campaigns, giving, receipts, rounds, unmatched

app_name = "contributions"

urlpatterns = [
    *giving.urlpatterns,
    *campaigns.urlpatterns,
    *rounds.urlpatterns,
    *receipts.urlpatterns,
    *unmatched.urlpatterns,
]

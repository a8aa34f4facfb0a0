"""The contribute area: giving, campaigns, matching rounds, receipts (``/contribute/``)."""

from remix.contributions.views import (
    campaigns,
    checkout,
    giving,
    receipts,
    rounds,
    terms,
    unmatched,
)

app_name = "contributions"

urlpatterns = [
    *giving.urlpatterns,
    *checkout.urlpatterns,
    *terms.urlpatterns,  # before the pages whose slug would take « new »
    *campaigns.urlpatterns,
    *rounds.urlpatterns,
    *receipts.urlpatterns,
    *unmatched.urlpatterns,
]

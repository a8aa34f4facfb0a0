"""The treasurer's pages: accounts, funds, transactions, needs, rates, reports, closing."""

urlpatterns = []

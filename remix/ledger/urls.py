from remix.ledger.views import books, exports, imports, public

app_name = "ledger"

# Public pages at /budget/…; the treasurer's under /budget/books/…
urlpatterns = [
    *public.urlpatterns,
    *books.urlpatterns,
    *imports.urlpatterns,
    *exports.urlpatterns,
]

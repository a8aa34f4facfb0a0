"""Downloads of the books: CSV and XLSX of transactions and reports."""

urlpatterns = []

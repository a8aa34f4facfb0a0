"""The catalogue's pages: each views module lists its own addresses."""

from remix.catalogue.views import contribute, history, open_data, pages, themes

app_name = "catalogue"

# Contribution forms first: `documents/new/` is not a document's slug.
urlpatterns = [
    *contribute.urlpatterns,
    *pages.urlpatterns,
    *history.urlpatterns,
    *themes.urlpatterns,
    *open_data.urlpatterns,
]

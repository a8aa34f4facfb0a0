"""The catalogue's pages: each views module lists its own addresses."""

from remix.catalogue.views import contribute, open_data, pages

app_name = "catalogue"

urlpatterns = [*pages.urlpatterns, *contribute.urlpatterns, *open_data.urlpatterns]

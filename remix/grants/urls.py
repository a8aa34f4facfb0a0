"""The funding search (``/funding/``): opportunities, applications, pipeline, deadlines."""

from remix.grants.views import calendar, pipeline, search

app_name = "grants"

urlpatterns = [
    *search.urlpatterns,
    *pipeline.urlpatterns,
    *calendar.urlpatterns,
]

from django.urls import path

from remix.studio import views

app_name = "studio"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("services/new/", views.service_new, name="service_new"),
    path("services/<slug:slug>/", views.service_detail, name="service"),
    path("services/<slug:slug>/edit/", views.service_edit, name="service_edit"),
    path("quotes/", views.quotes, name="quotes"),
    path("quotes/new/", views.quote_new, name="quote_new"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement"),
    path("engagements/<int:pk>/people/", views.engagement_person, name="engagement_person"),
    path("engagements/<int:pk>/time/", views.time_new, name="time_new"),
    path("engagements/<int:pk>/invoice/", views.engagement_invoice, name="engagement_invoice"),
    path("time/<int:pk>/decide/", views.time_decide, name="time_decide"),
]

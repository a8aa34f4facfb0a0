from django.urls import path

from remix.productions import views

app_name = "productions"

urlpatterns = [
    path("", views.productions, name="list"),
    path("new/", views.production_new, name="new"),
    path("<slug:slug>/", views.production, name="detail"),
    path("<slug:slug>/lines/new/", views.line_new, name="line_new"),
    path("<slug:slug>/costs/new/", views.cost_new, name="cost_new"),
    path("<slug:slug>/funding/new/", views.funding_new, name="funding_new"),
    path("<slug:slug>/documents/new/", views.document_new, name="document_new"),
    path("<slug:slug>/time/new/", views.time_new, name="time_new"),
]

from django.urls import path

from remix.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.projects, name="list"),
    path("new/", views.project_new, name="new"),
    path("<slug:slug>/", views.project, name="detail"),
    path("<slug:slug>/edit/", views.project_edit, name="edit"),
    path("<slug:slug>/links/", views.links_add, name="links"),
]

from django.urls import path

from remix.charter import views

app_name = "charter"

urlpatterns = [
    path("", views.current, name="current"),
    path("<slug:language>/history/", views.history, name="history"),
    path("<slug:language>/compare/", views.diff, name="diff"),
    path("<slug:language>/edit/", views.edit, name="edit"),
    path("<slug:language>/<int:number>/", views.version, name="version"),
]

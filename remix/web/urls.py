from django.urls import path

from remix.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
]

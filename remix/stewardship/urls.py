from django.urls import path

from remix.stewardship import views

app_name = "stewardship"

urlpatterns = [
    path("", views.history, name="history"),
]

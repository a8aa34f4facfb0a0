from django.urls import path

from remix.portability import views

app_name = "portability"

urlpatterns = [
    path("", views.open_data, name="open_data"),
    path("download/", views.open_data_download, name="open_data_download"),
]

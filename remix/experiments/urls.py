from django.urls import path

from remix.experiments import views

app_name = "experiments"

urlpatterns = [
    path("", views.experiments, name="list"),
    path("new/", views.experiment_new, name="new"),
    path("<int:pk>/", views.experiment, name="detail"),
    path("<int:pk>/edit/", views.experiment_edit, name="edit"),
    path("<int:pk>/start/", views.experiment_start, name="start"),
    path("<int:pk>/conclude/", views.experiment_conclude, name="conclude"),
]

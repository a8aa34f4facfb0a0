from django.urls import path

from remix.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.rule_list, name="rules"),
    path("<slug:slug>/", views.rule_detail, name="rule"),
    path("<slug:slug>/distribute/", views.distribute, name="distribute"),
    path(
        "distributions/<int:pk>/reverse/",
        views.distribution_reverse,
        name="distribution_reverse",
    ),
]

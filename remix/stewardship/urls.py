from django.urls import path

from remix.stewardship import views

app_name = "stewardship"

urlpatterns = [
    path("", views.history, name="history"),
    path("handovers/new/", views.handover_new, name="handover_new"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover"),
    path("volunteers/new/", views.volunteer_new, name="volunteer_new"),
    path("volunteers/<int:pk>/withdraw/", views.volunteer_withdraw, name="volunteer_withdraw"),
]

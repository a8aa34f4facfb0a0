from django.urls import path

from remix.envelopes import views

app_name = "envelopes"

urlpatterns = [
    path("", views.envelope_list, name="list"),
    path("new/", views.envelope_new, name="new"),
    path("<int:pk>/", views.envelope_detail, name="envelope"),
    path("<int:pk>/ask/", views.request_ask, name="ask"),
    path("<int:pk>/freeze/", views.envelope_freeze, name="freeze"),
    path("<int:pk>/close/", views.envelope_close, name="close"),
    path("requests/<int:request_pk>/amend/", views.request_amend, name="amend"),
    path("requests/<int:request_pk>/comment/", views.comment_write, name="comment"),
]

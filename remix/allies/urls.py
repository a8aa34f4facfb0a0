from django.urls import path

from remix.allies import views

app_name = "allies"

urlpatterns = [
    path("", views.network_map, name="map"),
    path("network.json", views.network_json, name="network_json"),
    path("actors/", views.actor_list, name="actors"),
    path("actors/new/", views.actor_create, name="actor_create"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("actors/<slug:slug>/edit/", views.actor_edit, name="actor_edit"),
    path("actors/<slug:slug>/relations/", views.relation_add, name="relation_add"),
    path("relations/<int:pk>/end/", views.relation_end, name="relation_end"),
    path("trunk/", views.trunk, name="trunk"),
    path("trunk.json", views.trunk_json, name="trunk_json"),
    path("trunk.csv", views.trunk_csv, name="trunk_csv"),
    path("measures/", views.measures, name="measures"),
    path("themes/", views.themes, name="themes"),
    path("themes/new/", views.theme_edit, name="theme_create"),
    path("themes/<slug:code>/edit/", views.theme_edit, name="theme_edit"),
    path("import/", views.import_file, name="import"),
    path("export/<str:name>", views.export, name="export"),
]

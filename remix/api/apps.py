from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "remix.api"
    label = "api"
    verbose_name = "API"

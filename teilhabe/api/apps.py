from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "teilhabe.api"
    verbose_name = "API"

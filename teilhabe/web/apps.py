from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "teilhabe.web"
    verbose_name = "Web"

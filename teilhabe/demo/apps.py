from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "teilhabe.demo"
    verbose_name = "Demo data"

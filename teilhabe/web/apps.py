from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "teilhabe.web"
    verbose_name = "Web"

    def ready(self):
        from .cache import create_cache_table

        post_migrate.connect(create_cache_table, sender=self)

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "teilhabe.web"
    verbose_name = _("Website")

    def ready(self):
        from . import caching
        from .cache import create_cache_table

        post_migrate.connect(create_cache_table, sender=self)
        caching.connect_signals()

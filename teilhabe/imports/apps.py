from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "teilhabe.imports"
    verbose_name = _("Imports")

    def ready(self):
        from . import tasks  # noqa: F401 - connects settle_failed_import to task_finished

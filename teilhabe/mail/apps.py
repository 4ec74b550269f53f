from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "teilhabe.mail"
    verbose_name = _("E-mails")

    def ready(self):
        from . import tasks  # noqa: F401 - connects settle_failed_delivery to task_finished

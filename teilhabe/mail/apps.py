from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "teilhabe.mail"
    verbose_name = "Mail"

    def ready(self):
        from . import tasks  # noqa: F401 - connects settle_failed_delivery to task_finished

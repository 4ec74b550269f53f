from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class WorkerConfig(AppConfig):
    name = "teilhabe.worker"
    verbose_name = _("Background tasks")


class TaskQueueConfig(TasksAppConfig):
    """django-tasks' database backend under a translated name in the admin."""

    default = False
    verbose_name = _("Task queue")

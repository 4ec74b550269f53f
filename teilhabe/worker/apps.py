from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "teilhabe.worker"
    verbose_name = "Background work"

from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "teilhabe.plan"
    verbose_name = "Action plan"

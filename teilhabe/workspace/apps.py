from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "teilhabe.workspace"
    verbose_name = "Workspace"

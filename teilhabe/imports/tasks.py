"""The imports' background work: checking an uploaded file and importing it."""

from django_tasks import task

from . import services


@task()
def check_import(upload_id):
    """Check every row of an upload, counting the progress (``services.check``)."""
    return services.check(upload_id)


@task()
def run_import(upload_id):
    """Import a confirmed upload, all or nothing (``services.run_import``)."""
    return services.run_import(upload_id)

from django.db import transaction
from django_tasks import task

from teilhabe.tenants.models import Municipality
from teilhabe.worker.liveness import mark_task_done

from . import services


@task(takes_context=True)
def send_status_reminders(context, municipality_id, days=None):
    """Queue reminder mails to the departments with overdue status reports. Once per
    task, even if it runs again after its worker died (the done mark and the mails
    commit together)."""
    with transaction.atomic():
        if not mark_task_done(context):
            return "already done"
        municipality = Municipality.objects.get(pk=municipality_id)
        return services.send_status_reminders(municipality, days)

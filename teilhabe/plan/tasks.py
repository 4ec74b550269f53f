from django_tasks import task

from teilhabe.tenants.models import Municipality

from . import services


@task()
def send_status_reminders(municipality_id, days=None):
    """Queue reminder mails to the departments with overdue status reports."""
    municipality = Municipality.objects.get(pk=municipality_id)
    return services.send_status_reminders(municipality, days)

from django.apps import AppConfig
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _


def _refresh_search_text(sender, instance, action, reverse, **kwargs):
    from .models import Organisation

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Organisation):
        instance.refresh_search_text()


class DirectoryConfig(AppConfig):
    name = "teilhabe.directory"
    verbose_name = _("Directory")

    def ready(self):
        from .models import Organisation

        for through in (Organisation.activities.through, Organisation.languages.through):
            m2m_changed.connect(_refresh_search_text, sender=through, dispatch_uid=str(through))

"""Small workflows shared by the apps: saving and deleting the office's reference data
(see teilhabe.web.reference)."""

from django.db import transaction


def uses(obj):
    """What still refers to ``obj``: [(plural name, count)] of every reverse relation
    with rows (foreign keys and many-to-many, e.g. the events at a venue)."""
    found = []
    for relation in obj._meta.related_objects:
        if relation.related_model._meta.app_label in ("admin", "contenttypes"):
            continue
        related = relation.related_model._base_manager
        count = related.filter(**{relation.field.name: obj}).count()
        if count:
            found.append((relation.related_model._meta.verbose_name_plural, count))
    return found


class InUse(Exception):
    def __init__(self, uses):
        super().__init__(uses)
        self.uses = uses


def save_reference(form):
    """Save the row of a reference form (its instance carries the municipality)."""
    return form.save()


def delete_reference(obj):
    """Delete ``obj`` unless something refers to it; its row is locked for the check."""
    with transaction.atomic():
        locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        found = uses(locked)
        if found:
            raise InUse(found)
        locked.delete()

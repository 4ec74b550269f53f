"""Small workflows shared by the apps: saving and deleting the office's reference data
(see teilhabe.web.reference)."""

from django.db import IntegrityError, transaction


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


def save_checked(form):
    """``form.save()``, or None with an error on the form. The form checked its unique
    rules (a short name per municipality), but another request may have saved a row
    that breaks one since: then the database's constraint refuses the row, the form is
    checked again, now finds the clash and shows it, and nothing is saved. An
    IntegrityError the form's checks do not explain is raised."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        if form.instance._state.adding:
            form.instance.pk = None
        form.full_clean()
        if form.is_valid():
            raise
        return None


def save_reference(form):
    """Save the row of a reference form (its instance carries the municipality); None
    when another request took its short name at the same moment (``save_checked``)."""
    return save_checked(form)


def delete_reference(obj):
    """Delete ``obj`` unless something refers to it; its row is locked for the check."""
    with transaction.atomic():
        locked = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        found = uses(locked)
        if found:
            raise InUse(found)
        locked.delete()

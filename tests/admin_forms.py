"""Helpers for tests that post the Django admin's change forms: the data a browser
would send back for a form as the admin rendered it."""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms import CheckboxInput


def _field_data(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    value = bound_field.value()
    if isinstance(widget, CheckboxInput):
        return {bound_field.html_name: "on"} if value else {}
    context = widget.get_context(bound_field.html_name, value, {})["widget"]
    if context.get("subwidgets"):
        return {sub["name"]: sub["value"] or "" for sub in context["subwidgets"]}
    value = context.get("value")
    if value is None:
        return {bound_field.html_name: ""}
    if isinstance(value, list):
        return {bound_field.html_name: [v for v in value if v not in ("", None)]}
    return {bound_field.html_name: value}


def _form_data(form):
    data = {}
    for bound_field in form:
        if bound_field.field.disabled:
            continue
        data.update(_field_data(bound_field))
    return data


def change_form_data(response, **changes):
    """POST data that saves the admin change form of ``response`` unchanged, except
    for ``changes`` (field name -> posted value)."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    data.update(changes)
    return data

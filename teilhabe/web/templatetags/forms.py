from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()


@register.inclusion_tag("web/includes/field.html")
def field(bound_field):
    """A form field in KERN markup: label, hint, error beside the field."""
    widget = bound_field.field.widget
    input_type = getattr(widget, "input_type", None)
    kind = "text"
    if widget.__class__.__name__ in {"CheckboxSelectMultiple", "RadioSelect"}:
        kind = "choices"
    elif input_type == "checkbox":
        kind = "checkbox"
    elif input_type == "select" or widget.__class__.__name__ in {"Select", "SelectMultiple"}:
        kind = "select"
    elif widget.__class__.__name__ == "Textarea":
        kind = "textarea"
    elif widget.__class__.__name__ == "TranslatedWidget":
        kind = "translated"
    return {"field": bound_field, "kind": kind}


@register.simple_tag
def field_attrs(bound_field, css_class):
    """Render the widget with KERN classes and the describedby ids of hint and error."""
    describedby = []
    if bound_field.help_text:
        describedby.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        describedby.append(f"{bound_field.auto_id}-error")
        css_class += f" {css_class.split()[0]}--error"
    attrs = {"class": css_class}
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


def _focus_target(bound_field):
    """The id of the element a link to ``bound_field`` should move the focus to: the
    field itself, the first of its radio buttons or checkboxes, or its first language."""
    widget = bound_field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        subwidgets = bound_field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else None
    if isinstance(widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or None


def _form_errors(form, in_formset=False):
    # A form of a formset links its own errors to its first field, so the person
    # finds which of the repeated parts is meant.
    first = next((f for f in form if not f.is_hidden), None) if in_formset else None
    target = _focus_target(first) if first is not None else None
    items = [{"text": error, "target": target} for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            if bound_field.is_hidden:
                # Not on the page to be corrected: the message alone.
                items.append({"text": error, "target": None})
            else:
                items.append(
                    {
                        "text": f"{bound_field.label}: {error}",
                        "target": _focus_target(bound_field),
                    }
                )
    return items


@register.simple_tag
def error_summary(*forms_or_formsets):
    """Every error of the given forms and formsets, in page order, as ``{"text",
    "target"}``: the form's own errors first (no field to link to), then each field's
    error linked to the field (web/includes/form_errors.html)."""
    items = []
    for obj in forms_or_formsets:
        if not obj:
            continue
        if isinstance(obj, BaseFormSet):
            items += [{"text": error, "target": None} for error in obj.non_form_errors()]
            for form in obj.forms:
                items += _form_errors(form, in_formset=True)
        else:
            items += _form_errors(obj)
    return items


@register.simple_tag
def choice_attrs(choice, bound_field):
    """One radio button or checkbox of a choice field, with KERN's class (and its error
    class when the field has an error); hint and error are described by the fieldset."""
    kind = "radio" if choice.data["type"] == "radio" else "checkbox"
    css_class = f"kern-form-check__{kind}"
    if bound_field.errors:
        css_class += f" kern-form-check__{kind}--error"
    widget = {**choice.data, "attrs": {**choice.data["attrs"], "class": css_class}}
    return choice.parent_widget._render(
        choice.template_name, {"widget": {**widget, "wrap_label": False}}, choice.renderer
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"

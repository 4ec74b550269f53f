from django import template

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

"""The filters of the consideration table (page and exports): field of action, answer
outcome, source. A value that is not one of the choices is a form error shown on the
page, and that filter is left out; the valid ones still apply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.plan.models import FieldOfAction

from .models import Demand
from .selectors import NOT_ANSWERED, OUTCOME_ORDER


class ConsiderationFilterForm(forms.Form):
    field = forms.ChoiceField(label=_("Field of action"), required=False)
    outcome = forms.ChoiceField(label=_("Answer"), required=False)
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=[("", _("All sources")), *Demand.Source.choices],
    )

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields_by_slug = {f.slug: f for f in fields}
        self.fields["field"].choices = [("", _("All fields of action"))] + [
            (f.slug, f"{f.number}. {f.translated('title')}") for f in fields
        ]
        self.fields["outcome"].choices = [
            ("", _("All answers")),
            *[(o.value, o.label) for o in OUTCOME_ORDER],
            (NOT_ANSWERED, _("not answered yet")),
        ]

    def filters(self):
        """Keyword arguments for ``selectors.consideration_demands``: the valid ones."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "field": self.fields_by_slug.get(data.get("field") or ""),
            "outcome": data.get("outcome") or None,
            "source": data.get("source") or None,
        }

    def chosen(self):
        """The filters that apply as ``{name: value}``: what a PDF of the table stores."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in ("field", "outcome", "source") if data.get(name)}

    def chosen_labels(self):
        """``[(filter label, chosen value's label)]`` of the filters that apply."""
        return [
            (self.fields[name].label, dict(self.fields[name].choices).get(value, value))
            for name, value in self.chosen().items()
        ]

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.base_fields)


def table_filters(consultation, data):
    """The filter form of ``consultation``'s table, bound to ``data`` (the query string,
    or the filters a PDF stored): its fields of action are the cycle's public ones."""
    fields = list(
        FieldOfAction.objects.for_municipality(consultation.municipality_id)
        .public()
        .filter(cycle=consultation.cycle_id)
        .order_by("number")
    )
    return ConsiderationFilterForm(data or None, fields=fields)

"""Forms of statements and position papers: the statement with its organisations and
document, and its demands one row each. Every choice is limited to the municipality
(a foreign id is "not one of the available choices")."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.languages.forms import set_content_languages
from teilhabe.plan.models import ConceptCycle, FieldOfAction

from . import documents
from .models import Consultation, Statement

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def field_label(field):
    """ "3. Bildung (2021–2026)": the cycle's years tell fields of two cycles apart."""
    cycle = field.cycle
    return (
        f"{field.number}. {field.translated('title')} ({cycle.starts_on.year}–{cycle.ends_on.year})"
    )


class StatementForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        help_text=_("The organisation that hands in the statement."),
    )
    cosigners = forms.ModelMultipleChoiceField(
        label=_("Co-signing organisations"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.FileField(
        label=_("Document (PDF or Word)"),
        required=False,
        help_text=_("Optional. The statement as a file, as you sent it."),
    )

    class Meta:
        model = Statement
        fields = [
            "kind",
            "title",
            "organisation",
            "cosigners",
            "submitted_on",
            "basis",
            "summary",
            "cycle",
            "consultation",
            "document",
        ]
        widgets = {"submitted_on": DATE_INPUT, "kind": forms.RadioSelect}

    def __init__(
        self, *args, municipality, organisations, office=False, represented=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        set_content_languages(self, municipality.offered_languages())
        from teilhabe.directory.models import Organisation

        self.fields["organisation"].queryset = organisations
        # A representative signs only for organisations they represent: nobody puts
        # another organisation's name under a statement. The office enters statements
        # signed by any published organisation (e.g. from a letter they all signed).
        cosigners = Organisation.objects.for_municipality(municipality).published()
        if not office:
            represented = organisations if represented is None else represented
            cosigners = cosigners.filter(pk__in=represented.values("pk"))
        self.fields["cosigners"].queryset = cosigners.order_by("name")
        cycles = ConceptCycle.objects.for_municipality(municipality)
        consultations = Consultation.objects.for_municipality(municipality)
        if not office:
            # What the public sees of the plan; unpublished cycles are the office's.
            cycles, consultations = cycles.public(), consultations.public()
        self.fields["cycle"].queryset = cycles.order_by("-starts_on")
        self.fields["cycle"].empty_label = None
        self.fields["cycle"].label_from_instance = lambda c: c.translated("title").text
        self.fields["consultation"].queryset = consultations
        self.fields["consultation"].label_from_instance = lambda c: c.translated("title").text
        if self.instance.pk:
            chosen = list(self.instance.organisations.order_by("name"))
            mine = [o for o in chosen if o in organisations]
            if mine:
                self.initial["organisation"] = mine[0].pk
            self.initial["cosigners"] = [o.pk for o in chosen if not mine or o != mine[0]]

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            documents.check_document(upload)
        return upload

    def clean(self):
        data = super().clean()
        consultation, cycle = data.get("consultation"), data.get("cycle")
        if consultation and cycle and consultation.cycle_id != cycle.pk:
            self.add_error("consultation", _("The consultation belongs to another concept cycle."))
        return data

    def chosen_organisations(self):
        first = self.cleaned_data["organisation"]
        return [first] + [o for o in self.cleaned_data["cosigners"] if o.pk != first.pk]

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard("municipality")
        return exclude


class DemandRowForm(forms.Form):
    """One demand of the statement: its text and the fields of action it is about."""

    demand = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Demand"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, field_choices, demands, **kwargs):
        super().__init__(*args, **kwargs)
        self.demands = demands
        self.fields["fields"].queryset = field_choices
        self.fields["fields"].label_from_instance = field_label

    def clean_demand(self):
        pk = self.cleaned_data.get("demand")
        if pk is None:
            return None
        if pk not in self.demands:
            raise ValidationError(_("This demand belongs to another statement."))
        return self.demands[pk]


class BaseDemandRows(forms.BaseFormSet):
    def __init__(self, *args, field_choices, demands, **kwargs):
        self.field_choices = field_choices
        self.demands = {d.pk: d for d in demands}
        if not kwargs.get("data"):
            kwargs["initial"] = [
                {"demand": d.pk, "text": d.text.text("de"), "fields": list(d.fields.all())}
                for d in demands
            ]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"field_choices": self.field_choices, "demands": self.demands}

    def rows(self, cycle):
        """``(demand, text, fields)`` of every filled or emptied row; a field of another
        cycle is an error on its row (returns None then)."""
        rows, ok = [], True
        for form in self.forms:
            data = form.cleaned_data
            if not data or (data.get("demand") is None and not data.get("text")):
                continue
            fields = list(data.get("fields") or [])
            if any(f.cycle_id != cycle.pk for f in fields):
                form.add_error("fields", _("Choose fields of action of the statement's cycle."))
                ok = False
            rows.append((data.get("demand"), data.get("text", ""), fields))
        return rows if ok else None


DemandRows = forms.formset_factory(DemandRowForm, formset=BaseDemandRows, extra=3, max_num=200)

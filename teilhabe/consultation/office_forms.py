"""Forms of the office's work on demands: the filters of the list, splitting a text into
demands (an error per bad line), merging, a demand's fields and tags, tags, and the
answer. Every choice is limited to the municipality and, where it matters, the
demand's concept cycle: a foreign id is "not one of the available choices"."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Department
from teilhabe.languages.forms import TranslatedFormField
from teilhabe.plan.models import ConceptCycle, FieldOfAction, Goal, Measure

from .models import Answer, Demand, DemandTag

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEMAND_MAX_LENGTH = 2000
DEMAND_MIN_LENGTH = 5
# A list mark at the start of a line: "-", "•", "*", "1.", "2)", "a)".
LIST_MARK = re.compile(r"^\s*(?:[-•*–]|\d{1,3}[.)]|[a-z][)])\s+")


def field_label(field):
    return f"{field.number}. {field.translated('title')}"


def fields_of(cycle):
    return FieldOfAction.objects.filter(cycle=cycle).order_by("number")


class DemandFilterForm(forms.Form):
    """Filters of the office's demand list. Invalid values are ignored."""

    STATES = [
        ("", _("Any answer state")),
        ("new", _("new, not answered")),
        (Answer.State.DRAFT, _("answer drafted")),
        (Answer.State.PROPOSED, _("proposed, waiting for approval")),
        (Answer.State.PUBLISHED, _("answer published")),
    ]
    GROUPS = [("", _("No grouping")), ("field", _("Field of action")), ("tag", _("Tag"))]

    cycle = forms.ModelChoiceField(
        label=_("Concept cycle"),
        queryset=ConceptCycle.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All concept cycles"),
    )
    field = forms.ModelChoiceField(
        label=_("Field of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        empty_label=_("All fields of action"),
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"),
        queryset=DemandTag.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All tags"),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=[("", _("All sources")), *Demand.Source.choices],
    )
    state = forms.ChoiceField(label=_("Answer"), required=False, choices=STATES)
    group = forms.ChoiceField(label=_("Group by"), required=False, choices=GROUPS)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = ConceptCycle.objects.for_municipality(
            municipality
        ).order_by("-starts_on")
        self.fields["cycle"].label_from_instance = lambda c: c.translated("title").text
        self.fields["field"].queryset = (
            FieldOfAction.objects.for_municipality(municipality)
            .select_related("cycle")
            .order_by("-cycle__starts_on", "number")
        )
        self.fields["field"].label_from_instance = lambda f: (
            f"{field_label(f)} ({f.cycle.translated('short_title').text or f.cycle.starts_on.year})"
        )
        self.fields["tag"].queryset = DemandTag.objects.for_municipality(municipality)
        self.fields["tag"].label_from_instance = lambda t: t.translated("name").text

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["cycle"]:
            queryset = queryset.filter(cycle=data["cycle"])
        if data["field"]:
            queryset = queryset.filter(fields=data["field"])
        if data["tag"]:
            queryset = queryset.filter(tags=data["tag"])
        if data["source"]:
            queryset = queryset.filter(source=data["source"])
        if data["state"] == "new":
            queryset = queryset.filter(answer__isnull=True)
        elif data["state"]:
            queryset = queryset.filter(answer__state=data["state"])
        return queryset

    def grouping(self):
        return self.cleaned_data.get("group", "") if self.is_valid() else ""


def split_text(text):
    """The demands in ``text``: its paragraphs (blank lines between), or, without blank
    lines, its lines; list marks at their start dropped. -> [(line number, text)]."""
    text = (text or "").replace("\r\n", "\n")
    lines = text.split("\n")
    has_paragraphs = re.search(r"\n[ \t]*\n", text.strip()) is not None
    parts, current, start = [], [], None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            if current:
                parts.append((start, " ".join(current)))
                current = []
            continue
        if not has_paragraphs:
            parts.append((number, LIST_MARK.sub("", line).strip()))
            continue
        if not current:
            start = number
            line = LIST_MARK.sub("", line)
        current.append(line.strip())
    if current:
        parts.append((start, " ".join(current)))
    return parts


class SplitForm(forms.Form):
    """A long text, one demand per paragraph (or per line), with the fields of action
    all of them are about. Every bad line is an error of its own; none is saved then."""

    text = forms.CharField(
        label=_("Text with the demands"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=100_000,
        help_text=_(
            "One demand per paragraph; without empty lines between them, one per line. "
            "List marks at the start (-, •, 1.) are left out."
        ),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional: given to every new demand; each can be changed later."),
    )
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = fields_of(cycle)
        self.fields["fields"].label_from_instance = field_label

    def clean_text(self):
        parts = split_text(self.cleaned_data["text"])
        errors = []
        for line, text in parts:
            if len(text) < DEMAND_MIN_LENGTH:
                errors.append(
                    ValidationError(
                        _("Line %(line)s: “%(text)s” is too short for a demand."),
                        params={"line": line, "text": text},
                    )
                )
            elif len(text) > DEMAND_MAX_LENGTH:
                errors.append(
                    ValidationError(
                        _(
                            "Line %(line)s: the demand has %(length)s characters; "
                            "at most %(limit)s are allowed. Split it."
                        ),
                        params={"line": line, "length": len(text), "limit": DEMAND_MAX_LENGTH},
                    )
                )
        if errors:
            raise ValidationError(errors)
        if not parts:
            raise ValidationError(_("The text holds no demand."))
        self.parts = [text for _line, text in parts]
        return self.cleaned_data["text"]


class StationDemandsForm(SplitForm):
    """A station's results as demands of one concept cycle of the municipality."""

    cycle = forms.ModelChoiceField(
        label=_("Concept cycle"), queryset=ConceptCycle.objects.none(), empty_label=None
    )
    field_order = ["cycle", "text", "fields"]

    def __init__(self, *args, municipality, **kwargs):
        cycles = ConceptCycle.objects.for_municipality(municipality).order_by("-starts_on")
        super().__init__(*args, cycle=None, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["cycle"].label_from_instance = lambda c: c.translated("title").text
        self.fields["fields"].queryset = (
            FieldOfAction.objects.for_municipality(municipality)
            .select_related("cycle")
            .order_by("-cycle__starts_on", "number")
        )

    def clean(self):
        data = super().clean()
        cycle = data.get("cycle")
        if cycle and any(f.cycle_id != cycle.pk for f in data.get("fields") or []):
            self.add_error("fields", _("Choose fields of action of the chosen cycle."))
        return data


class CommentDemandForm(forms.Form):
    """A published comment as a demand: its text (shortened or corrected by the office)
    and fields of action of the consultation's cycle."""

    text = forms.CharField(
        label=_("Demand"), widget=forms.Textarea(attrs={"rows": 6}), max_length=DEMAND_MAX_LENGTH
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = fields_of(cycle)
        self.fields["fields"].label_from_instance = field_label


class DemandForm(forms.Form):
    """A demand's text (in the content languages), fields of action and tags."""

    text = TranslatedFormField(label=_("Demand"), multiline=True, max_length=DEMAND_MAX_LENGTH)
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        queryset=DemandTag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, demand, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "text": demand.text,
                "fields": list(demand.fields.all()),
                "tags": list(demand.tags.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["text"].set_languages(demand.municipality.offered_languages())
        self.fields["fields"].queryset = fields_of(demand.cycle)
        self.fields["fields"].label_from_instance = field_label
        self.fields["tags"].queryset = DemandTag.objects.for_municipality(demand.municipality)
        self.fields["tags"].label_from_instance = lambda t: t.translated("name").text


class TagForm(forms.ModelForm):
    class Meta:
        model = DemandTag
        fields = ["name", "slug"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].set_languages(municipality.offered_languages())
        self.municipality = municipality

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = DemandTag.objects.for_municipality(self.municipality).filter(slug=slug)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("Another tag already uses this short name."))
        return slug

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.add("slug")
        return exclude


class MergeForm(forms.Form):
    """The duplicates to merge into the demand shown: other demands of its cycle that
    were not merged before."""

    duplicates = forms.ModelMultipleChoiceField(
        label=_("Duplicates of this demand"),
        queryset=Demand.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one other demand to merge.")},
    )
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, demand, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = (
            Demand.objects.in_work()
            .filter(cycle=demand.cycle)
            .exclude(pk=demand.pk)
            .order_by("number")
        )
        self.fields["duplicates"].label_from_instance = lambda d: f"{d.number}: {str(d.text)[:160]}"


class AnswerForm(forms.Form):
    """The answer to a demand. Goals and measures only of the demand's municipality and
    cycle; a department editor answers for their own departments only."""

    outcome = forms.ChoiceField(
        label=_("Answer"), choices=Answer.Outcome.choices, widget=forms.RadioSelect
    )
    reason = TranslatedFormField(label=_("Reason"), multiline=True, max_length=10_000)
    department = forms.ModelChoiceField(
        label=_("Answering department"), queryset=Department.objects.none(), required=False
    )
    answered_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.ModelMultipleChoiceField(
        label=_("Measures"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, demand, answer=None, departments=None, **kwargs):
        if answer is not None:
            kwargs.setdefault(
                "initial",
                {
                    "outcome": answer.outcome,
                    "reason": answer.reason,
                    "department": answer.department_id,
                    "answered_on": answer.answered_on,
                    "goals": list(answer.goals.all()),
                    "measures": list(answer.measures.all()),
                },
            )
        super().__init__(*args, **kwargs)
        municipality = demand.municipality
        self.fields["reason"].set_languages(municipality.offered_languages())
        if departments is None:
            departments = Department.objects.for_municipality(municipality)
        self.fields["department"].queryset = departments.order_by("number", "name")
        self.fields["department"].label_from_instance = lambda d: (
            f"{d.number} – {d.translated('name')}" if d.number else d.translated("name").text
        )
        self.fields["goals"].queryset = (
            Goal.objects.for_municipality(municipality)
            .filter(field__cycle=demand.cycle)
            .order_by("code")
        )
        self.fields["goals"].label_from_instance = lambda g: f"{g.code} {g.translated('title')}"
        self.fields["measures"].queryset = (
            Measure.objects.for_municipality(municipality)
            .filter(cycle=demand.cycle)
            .order_by("code")
        )
        self.fields["measures"].label_from_instance = lambda m: f"{m.code} {m.translated('title')}"


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should be changed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The department sees this note with its proposal."),
    )

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.rules import edited_department_ids
from teilhabe.directory.models import Department, Organisation
from teilhabe.languages.forms import set_content_languages

from .models import (
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingAmount,
    FundingLine,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    OpenItem,
    Phase,
    Status,
    StatusReport,
    TargetGroup,
)


class StatusReportForm(forms.ModelForm):
    """A department's report on one measure. Status and progress are required;
    progress is a whole percentage from 0 to 100."""

    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("A whole number from 0 to 100."),
    )
    # New for every rendering of the form: sending the same form twice files one report.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = StatusReport
        fields = [
            "reported_on",
            "status",
            "progress",
            "text",
            "evidence_url",
            "is_highlight",
            "author_department",
        ]
        widgets = {
            "reported_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "status": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "text": _("What happened since the last report? Write for residents: short and clear."),
            "evidence_url": _("Optional: a link to a document or page that shows the result."),
        }

    def __init__(self, *args, measure, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["status"].choices = Status.choices
        self.fields["reported_on"].initial = timezone.localdate()
        self.fields["submission_key"].initial = uuid.uuid4()
        departments = measure.lead_departments.all()
        if not user.has_perm("plan.manage_plan", measure):
            departments = departments.filter(pk__in=edited_department_ids(user))
        self.fields["author_department"].queryset = departments
        self.fields["author_department"].required = True
        self.fields["author_department"].empty_label = None
        if measure.latest_report:
            self.fields["progress"].initial = measure.latest_report.progress
            self.fields["status"].initial = measure.latest_report.status


class WithdrawalForm(forms.Form):
    """Why a status report is withdrawn: shown beside the report from then on."""

    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown publicly beside the withdrawn report."),
        error_messages={"required": _("Please say why the report is withdrawn.")},
    )


class MeasureFilterForm(forms.Form):
    """Filters of the public measure list. Invalid values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    field = forms.ChoiceField(label=_("Field of action"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=_("All departments"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        required=False,
        queryset=TargetGroup.objects.all(),
        to_field_name="code",
        empty_label=_("All target groups"),
    )

    def __init__(self, *args, cycle, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields of action"))] + [
            (f.slug, f"{f.number}. {f.translated('title')}") for f in fields
        ]
        self.fields["department"].queryset = (
            Department.objects.filter(led_measures__cycle=cycle)
            .distinct()
            .order_by("number", "name")
        )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["field"]:
            queryset = queryset.filter(goal__field__slug=data["field"])
        if data["department"]:
            queryset = queryset.filter(lead_departments=data["department"])
        if data["status"]:
            queryset = queryset.with_status(data["status"])
        if data["target_group"]:
            queryset = queryset.filter(target_groups=data["target_group"])
        return queryset


class RevisionForm(forms.ModelForm):
    """The office starts the next cycle (Fortschreibung). Its title is written in German
    here; translations follow with the rest of the new plan."""

    title = forms.CharField(label=_("Title (German)"), max_length=250)

    class Meta:
        model = ConceptCycle
        fields = ["title", "slug", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if ConceptCycle.objects.filter(municipality=self.municipality, slug=slug).exists():
            raise forms.ValidationError(_("Another cycle already uses this short name."))
        return slug

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        return data

    def _post_clean(self):
        # The municipality is set by the service, not by the form.
        pass


def measure_choices_for(user, municipality):
    """Measures of the running cycles a user may report on (for "my measures")."""
    queryset = Measure.objects.for_municipality(municipality).running()
    if user.has_perm("plan.manage_plan", municipality):
        return queryset
    return queryset.filter(lead_departments__in=edited_department_ids(user)).distinct()


# --- The office edits the plan --------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanObjectForm(forms.ModelForm):
    """An object of one municipality's plan. The view sets ``municipality`` and ``cycle``
    on the instance; every choice offered is limited to them (a foreign id is "not one
    of the available choices"), and the constraints that name them still apply."""

    def __init__(self, *args, municipality, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.cycle = cycle
        set_content_languages(self, municipality.offered_languages())
        fields = FieldOfAction.objects.filter(cycle=cycle).order_by("number")
        departments = Department.objects.for_municipality(municipality).order_by("number")
        choices = {
            "field": fields,
            "goal": Goal.objects.filter(field__cycle=cycle).select_related("field"),
            "department": departments,
            "lead_departments": departments,
            "partner_departments": departments,
            "partner_organisations": Organisation.objects.for_municipality(municipality).order_by(
                "name"
            ),
            "target_groups": TargetGroup.objects.all(),
        }
        for name, queryset in choices.items():
            if name in self.fields:
                self.fields[name].queryset = queryset

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        exclude.discard("cycle")
        exclude.discard("municipality")
        return exclude


class CycleForm(PlanObjectForm):
    class Meta:
        model = ConceptCycle
        fields = ["title", "short_title", "slug", "summary", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}


class FieldOfActionForm(PlanObjectForm):
    class Meta:
        model = FieldOfAction
        fields = ["number", "slug", "title", "situation", "developments", "challenges", "is_draft"]


class GoalForm(PlanObjectForm):
    class Meta:
        model = Goal
        fields = ["field", "code", "title", "description", "is_draft"]


class MeasureForm(PlanObjectForm):
    """A measure. A department editor (not the office) keeps its texts, dates, partners
    and money up to date; where it sits in the plan and who leads it is the office's."""

    OFFICE_ONLY = ["goal", "code", "lead_departments", "is_draft"]

    class Meta:
        model = Measure
        fields = [
            "goal",
            "code",
            "title",
            "description",
            "lead_departments",
            "partner_departments",
            "partner_organisations",
            "target_groups",
            "starts_on",
            "ends_on",
            "budget",
            "funding_source",
            "priority",
            "intercultural_opening",
            "is_draft",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "lead_departments": forms.CheckboxSelectMultiple,
            "partner_departments": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, office=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not office:
            for name in self.OFFICE_ONLY:
                del self.fields[name]


class IndicatorForm(PlanObjectForm):
    class Meta:
        model = Indicator
        fields = [
            "title",
            "description",
            "field",
            "unit",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
            "intercultural_opening",
            "shown_in_directory_statistics",
        ]


class FundingLineForm(PlanObjectForm):
    class Meta:
        model = FundingLine
        fields = ["title", "description", "field", "department"]


class OpenItemForm(PlanObjectForm):
    """A need for action the cycle leaves open, and the measure that takes it up: one
    of this municipality's measures in this cycle or a later one."""

    class Meta:
        model = OpenItem
        fields = ["text", "order", "taken_up_by"]
        labels = {"order": _("Position in the list")}
        help_texts = {
            "order": _("The needs for action are listed by this number, the smallest first."),
            "taken_up_by": _("The measure of this or a later cycle that takes it up."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        measures = self.fields["taken_up_by"]
        measures.queryset = (
            Measure.objects.for_municipality(self.municipality)
            .filter(cycle__starts_on__gte=self.cycle.starts_on)
            .select_related("cycle")
            .order_by("cycle__starts_on", "code")
        )
        measures.label_from_instance = lambda measure: (
            f"{measure.code} {measure.translated('title')} "
            f"({measure.cycle.starts_on.year}–{measure.cycle.ends_on.year})"
        )


class PhaseNoteForm(PlanObjectForm):
    """The note on one step of a cycle's timeline; its phase and dates are set by the
    phase change."""

    class Meta:
        model = CyclePhase
        fields = ["note"]
        help_texts = {"note": _("Shown with the phase on the public timeline of the cycle.")}


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["year", "value", "note"]


class FundingAmountForm(forms.ModelForm):
    class Meta:
        model = FundingAmount
        fields = ["year", "amount", "is_estimate"]


class YearlyFormSet(forms.BaseInlineFormSet):
    """Rows by year: a year twice is refused by ``validate_unique`` with a clear error."""

    def validate_unique(self):
        years = [
            form.cleaned_data.get("year")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        repeated = sorted({y for y in years if y is not None and years.count(y) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Each year can be entered only once: %(years)s")
                % {"years": ", ".join(str(y) for y in repeated)}
            )
        super().validate_unique()


IndicatorValueFormSet = forms.inlineformset_factory(
    Indicator, IndicatorValue, form=IndicatorValueForm, formset=YearlyFormSet, extra=2
)
FundingAmountFormSet = forms.inlineformset_factory(
    FundingLine, FundingAmount, form=FundingAmountForm, formset=YearlyFormSet, extra=2
)


class PhaseChangeForm(forms.Form):
    """The next phase of a cycle and, on adoption, the council's decision."""

    phase = forms.ChoiceField(label=_("New phase"), widget=forms.RadioSelect)
    council_decision_number = forms.CharField(
        label=_("Council decision number"),
        max_length=60,
        required=False,
        help_text=_("e.g. V0815/21. Needed when the plan is adopted."),
    )
    council_decision_date = forms.DateField(
        label=_("Council decision date"), required=False, widget=DATE_INPUT
    )

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [(p.value, p.label) for p in phases]

    def chosen_phase(self):
        return Phase(self.cleaned_data["phase"])

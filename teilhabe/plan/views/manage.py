"""The office edits its plan without the admin: cycles, fields of action, goals,
measures, indicators and funding lines with their yearly rows, the needs for action a
cycle leaves open, a cycle's phases with their notes and its publication. Department
editors edit the measures their departments lead."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin

from .. import forms, services
from ..models import (
    CLOSED_PHASES,
    RUNNING_PHASES,
    ConceptCycle,
    CyclePhase,
    FieldOfAction,
    FundingLine,
    Goal,
    Indicator,
    Measure,
    OpenItem,
    Phase,
)


def manage_url(cycle):
    return reverse(
        "plan:manage", kwargs={"municipality": cycle.municipality.slug, "cycle": cycle.slug}
    )


class OfficeMixin(LoginRequiredMixin, MunicipalityMixin):
    """A page of the office about one cycle of its municipality (``self.cycle``; none for
    a new cycle). Another municipality's cycle is not found; a person without the
    permission is refused."""

    needs_cycle = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.cycle = None
        if self.needs_cycle:
            self.cycle = get_object_or_404(
                ConceptCycle.objects.for_municipality(self.municipality).select_related(
                    "municipality"
                ),
                slug=kwargs["cycle"],
            )
        if not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def allowed(self):
        return self.request.user.has_perm("plan.manage_plan", self.cycle or self.municipality)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cycle": self.cycle}


class ManageCycleView(OfficeMixin, TemplateView):
    """Everything of one cycle with links to edit it and to add to it."""

    template_name = "plan/manage/cycle.html"

    def get_context_data(self, **kwargs):
        cycle = self.cycle
        return {
            **super().get_context_data(**kwargs),
            "fields": FieldOfAction.objects.filter(cycle=cycle).order_by("number"),
            "goals": Goal.objects.filter(field__cycle=cycle)
            .select_related("field")
            .order_by("field__number", "code"),
            "measures": Measure.objects.filter(cycle=cycle).order_by("code"),
            "indicators": Indicator.objects.filter(cycle=cycle),
            "funding_lines": FundingLine.objects.filter(cycle=cycle),
            "open_items": OpenItem.objects.filter(cycle=cycle).order_by("order", "pk"),
            "phases": CyclePhase.objects.filter(cycle=cycle).order_by("starts_on", "pk"),
            "can_publish": not cycle.is_published,
            "can_change_phase": bool(services.next_phases(cycle)),
            "can_revise": not ConceptCycle.objects.filter(predecessor=cycle).exists(),
        }


class EditView(OfficeMixin, TemplateView):
    """Create (no ``pk`` in the address) or edit one object of a cycle, with its yearly
    rows where it has them; all saved together or nothing."""

    template_name = "plan/manage/edit.html"
    model = None
    form_class = None
    formset_class = None
    cycle_lookup = "cycle"
    title_new = title_edit = ""

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def allowed(self):
        if "pk" in self.kwargs:
            self.object = get_object_or_404(
                self.model.objects.for_municipality(self.municipality).filter(
                    **{self.cycle_lookup: self.cycle}
                ),
                pk=self.kwargs["pk"],
            )
        return super().allowed()

    def new_object(self):
        return self.model(municipality=self.municipality, cycle=self.cycle)

    def form_kwargs(self):
        return {"municipality": self.municipality, "cycle": self.cycle}

    def forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        instance = self.object or self.new_object()
        form = self.form_class(data, instance=instance, **self.form_kwargs())
        formsets = []
        if self.formset_class:
            formsets.append(self.formset_class(data, instance=instance, prefix="years"))
        return form, formsets

    def get(self, request, *args, **kwargs):
        form, formsets = self.forms()
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def post(self, request, *args, **kwargs):
        form, formsets = self.forms()
        if form.is_valid() and all(f.is_valid() for f in formsets):
            saved = services.save_plan_object(form, formsets)
            messages.success(request, _("Saved."))
            return redirect(self.success_url(saved))
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def success_url(self, saved):
        return manage_url(saved.cycle if self.cycle is None else self.cycle)

    def get_context_data(self, **kwargs):
        heading = self.title_edit if self.object else self.title_new
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "heading": heading % {"name": self.object} if self.object else heading,
            "back_url": manage_url(self.cycle) if self.cycle else None,
        }


class CycleCreateView(EditView):
    model = ConceptCycle
    form_class = forms.CycleForm
    needs_cycle = False
    title_new = gettext_lazy("New concept cycle")

    def new_object(self):
        # A new cycle starts unpublished, in preparation; its phases move on its own page.
        return ConceptCycle(municipality=self.municipality, is_published=False)

    def success_url(self, saved):
        return manage_url(saved)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["back_url"] = reverse(
            "plan:cycles", kwargs={"municipality": self.municipality.slug}
        )
        return context


class CycleEditView(EditView):
    model = ConceptCycle
    form_class = forms.CycleForm
    title_edit = gettext_lazy("Edit the cycle “%(name)s”")

    def allowed(self):
        self.object = self.cycle
        return super().allowed()

    def success_url(self, saved):
        return manage_url(saved)


class FieldEditView(EditView):
    model = FieldOfAction
    form_class = forms.FieldOfActionForm
    title_new = gettext_lazy("New field of action")
    title_edit = gettext_lazy("Edit field of action %(name)s")


class GoalEditView(EditView):
    model = Goal
    form_class = forms.GoalForm
    cycle_lookup = "field__cycle"
    title_new = gettext_lazy("New goal")
    title_edit = gettext_lazy("Edit goal %(name)s")

    def new_object(self):
        return Goal(municipality=self.municipality)


class MeasureEditView(EditView):
    """The office creates and edits measures; an editor of a lead department edits its
    measure (not where it sits in the plan, nor who leads it)."""

    model = Measure
    form_class = forms.MeasureForm
    title_new = gettext_lazy("New measure")
    title_edit = gettext_lazy("Edit measure %(name)s")

    def allowed(self):
        if "pk" not in self.kwargs:
            return super().allowed()
        self.object = get_object_or_404(
            Measure.objects.for_municipality(self.municipality)
            .filter(cycle=self.cycle)
            .prefetch_related("lead_departments"),
            pk=self.kwargs["pk"],
        )
        return self.request.user.has_perm("plan.edit_measure", self.object)

    def is_office(self):
        return self.request.user.has_perm("plan.manage_plan", self.cycle)

    def form_kwargs(self):
        return {**super().form_kwargs(), "office": self.is_office()}

    def success_url(self, saved):
        return manage_url(self.cycle) if self.is_office() else saved.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_office():
            context["back_url"] = self.object.get_absolute_url()
        return context


class IndicatorEditView(EditView):
    model = Indicator
    form_class = forms.IndicatorForm
    formset_class = forms.IndicatorValueFormSet
    title_new = gettext_lazy("New indicator")
    title_edit = gettext_lazy("Edit the indicator “%(name)s”")


class FundingLineEditView(EditView):
    model = FundingLine
    form_class = forms.FundingLineForm
    formset_class = forms.FundingAmountFormSet
    title_new = gettext_lazy("New funding line")
    title_edit = gettext_lazy("Edit the funding line “%(name)s”")


class OpenItemEditView(EditView):
    model = OpenItem
    form_class = forms.OpenItemForm
    title_new = gettext_lazy("New need for action")
    title_edit = gettext_lazy("Edit the need for action “%(name)s”")


class OpenItemDeleteView(OfficeMixin, TemplateView):
    """Delete a need for action, after a page that says what goes with it."""

    template_name = "plan/manage/delete_open_item.html"

    def allowed(self):
        self.object = get_object_or_404(
            OpenItem.objects.for_municipality(self.municipality)
            .filter(cycle=self.cycle)
            .select_related("taken_up_by"),
            pk=self.kwargs["pk"],
        )
        return super().allowed()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.object}

    def post(self, request, *args, **kwargs):
        services.delete_open_item(self.object)
        messages.success(request, _("The need for action is deleted."))
        return redirect(manage_url(self.cycle))


class PhaseNoteEditView(EditView):
    """The note on one phase of the cycle's timeline."""

    model = CyclePhase
    form_class = forms.PhaseNoteForm
    title_edit = gettext_lazy("Note on the phase “%(name)s”")

    def allowed(self):
        self.object = get_object_or_404(
            CyclePhase.objects.filter(cycle=self.cycle), pk=self.kwargs["pk"]
        )
        return self.request.user.has_perm("plan.manage_plan", self.cycle)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.title_edit % {"name": self.object.get_phase_display()}
        return context


def phase_consequences(cycle, phase):
    """What a move to ``phase`` means for the plan, in sentences for the confirmation."""
    if phase in RUNNING_PHASES:
        text = _(
            "The plan becomes the plan in force: the departments report on its measures, "
            "and measures without a recent report are listed as overdue."
        )
        if not cycle.is_published:
            text += " " + _("It is not published yet: publish it so that all can see it.")
        return text
    if phase in CLOSED_PHASES:
        return _("The plan is closed: its record is final and its measures take no new reports.")
    return _("The plan is still being prepared: nobody reports on its measures yet.")


class PhaseChangeView(OfficeMixin, TemplateView):
    """Move a cycle to a later phase: a form, then a page saying what will happen."""

    template_name = "plan/manage/phase.html"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return forms.PhaseChangeForm(data, phases=services.next_phases(self.cycle))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        # Any phase is accepted here: which phase may follow is the service's rule,
        # checked again under the cycle's lock (two tabs may confirm at once).
        form = forms.PhaseChangeForm(request.POST, phases=list(Phase))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        phase = form.chosen_phase()
        decision = {
            "council_decision_number": form.cleaned_data["council_decision_number"],
            "council_decision_date": form.cleaned_data["council_decision_date"],
        }
        try:
            if request.POST.get("confirm") == "yes":
                services.change_phase(self.cycle, phase, **decision)
                messages.success(
                    request,
                    _("The cycle is now in the phase “%(phase)s”.") % {"phase": phase.label},
                )
                return redirect(manage_url(self.cycle))
            services.validate_phase_change(self.cycle, phase, **decision)
        except services.PhaseError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(
            self.get_context_data(
                form=form,
                confirming=True,
                phase=phase,
                records_decision=services.needs_council_decision(self.cycle, phase),
                consequences=phase_consequences(self.cycle, phase),
                **decision,
            )
        )


class PublishView(OfficeMixin, TemplateView):
    """Publish an unpublished cycle (the draft a revision starts), after a confirmation."""

    template_name = "plan/manage/publish.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "drafts": services.draft_summary(self.cycle)}

    def post(self, request, *args, **kwargs):
        try:
            services.publish_cycle(self.cycle)
        except services.PlanError as error:
            messages.info(request, error.message)
            return redirect(manage_url(self.cycle))
        messages.success(request, _("The cycle is published."))
        return redirect(self.cycle.get_absolute_url())

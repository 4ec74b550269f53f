"""Pages of department editors (my measures, status reports) and of the integration
office (overdue reports and reminders, revision into the next cycle)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, FormView, ListView

from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.forms import ReminderForm

from .. import services
from ..forms import RevisionForm, StatusReportForm, WithdrawalForm, measure_choices_for
from ..models import ConceptCycle, Measure, StatusReport


class MyMeasuresView(LoginRequiredMixin, MunicipalityMixin, ListView):
    """A department editor's measures, overdue ones first."""

    template_name = "plan/staff/my_measures.html"
    context_object_name = "measures"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        if not user.has_perm("tenants.view_staff_area", self.municipality):
            raise PermissionDenied
        return (
            measure_choices_for(user, self.municipality)
            .select_related("cycle", "latest_report", "municipality")
            .prefetch_related("lead_departments")
            .order_by("latest_report__reported_on", "code")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue_ids"] = set(
            services.stale_measures(self.municipality).values_list("pk", flat=True)
        )
        return context


class StatusReportCreateView(LoginRequiredMixin, MunicipalityMixin, CreateView):
    template_name = "plan/staff/report_form.html"
    form_class = StatusReportForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.measure = get_object_or_404(
            Measure.objects.for_municipality(self.municipality)
            .filter(is_draft=False)
            .select_related("cycle", "latest_report", "municipality")
            .prefetch_related("lead_departments"),
            cycle__slug=kwargs["cycle"],
            code=kwargs["code"],
        )
        if not request.user.has_perm("plan.report_status", self.measure):
            raise PermissionDenied
        if not self.measure.cycle.takes_reports:
            messages.error(
                request,
                _("This measure belongs to a closed plan period: it takes no new status reports."),
            )
            return redirect(self.measure.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "measure": self.measure, "user": self.request.user}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        department = data.pop("author_department")
        submission_key = data.pop("submission_key")
        try:
            report, created = services.file_status_report(
                measure=self.measure,
                author=self.request.user,
                department=department,
                data=data,
                submission_key=submission_key,
            )
        except services.ReportError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("Thank you. The status report has been published."))
        else:
            messages.info(self.request, _("This report had already been filed; it is shown below."))
        return redirect(f"{self.measure.get_absolute_url()}#report-{report.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measure"] = self.measure
        context["history"] = self.measure.reports.all()[:5]
        return context


class WithdrawReportView(LoginRequiredMixin, MunicipalityMixin, FormView):
    """Withdraw a wrong status report, after a page that says what will happen."""

    template_name = "plan/staff/withdraw_report.html"
    form_class = WithdrawalForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.report = get_object_or_404(
            StatusReport.objects.for_municipality(self.municipality).select_related(
                "measure__cycle", "measure__municipality", "author_department"
            ),
            pk=kwargs["report"],
            measure__cycle__slug=kwargs["cycle"],
            measure__code=kwargs["code"],
        )
        self.measure = self.report.measure
        if not request.user.has_perm("plan.withdraw_report", self.report):
            raise PermissionDenied
        if self.report.is_withdrawn:
            messages.info(request, _("This report has already been withdrawn."))
            return redirect(self.measure.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.withdraw_status_report(
                self.report, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.ReportError as error:
            messages.info(self.request, error.message)
            return redirect(self.measure.get_absolute_url())
        messages.success(self.request, _("The status report has been withdrawn."))
        return redirect(f"{self.measure.get_absolute_url()}#report-{self.report.pk}")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "report": self.report,
            "measure": self.measure,
            "status_after": services.latest_report_of(self.measure, excluding=self.report),
        }


class OverdueView(LoginRequiredMixin, MunicipalityMixin, ListView):
    """The office's view of measures whose last report is too old, and the button that
    sends reminders to the responsible departments."""

    template_name = "plan/staff/overdue.html"
    context_object_name = "measures"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "plan.send_reminders", self.municipality
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return services.stale_measures(self.municipality)

    def get_context_data(self, **kwargs):
        from django.conf import settings

        context = super().get_context_data(**kwargs)
        context["settings_days"] = settings.TEILHABE_STATUS_REPORT_DAYS
        return context

    def post(self, request, *args, **kwargs):
        # The button once sent at once; reminders mail people: confirmation page first.
        return redirect("plan:remind_overdue", municipality=self.municipality.slug)


class RemindOverdueView(LoginRequiredMixin, MunicipalityMixin, FormView):
    """Send reminders to the departments with overdue reports: GET says who gets a
    mail and when reminders last went out; POST queues them."""

    template_name = "plan/staff/confirm_reminders.html"
    form_class = ReminderForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "plan.send_reminders", self.municipality
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        sent_at = self.municipality.status_reminders_sent_at
        return {"last_sent": sent_at.isoformat() if sent_at else ""}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "preview": services.reminder_preview(self.municipality),
        }

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        if services.queue_status_reminders(
            self.municipality, last_sent=form.cleaned_data["last_sent"]
        ):
            messages.success(
                self.request, _("Reminders are being sent to the responsible departments.")
            )
        else:
            messages.info(self.request, _("These reminders have already been sent."))
        return redirect("plan:overdue", municipality=self.municipality.slug)


class RevisionView(LoginRequiredMixin, MunicipalityMixin, FormView):
    """Start the next cycle from this one (Fortschreibung)."""

    template_name = "plan/staff/revision_form.html"
    form_class = RevisionForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.cycle = get_object_or_404(
            ConceptCycle.objects.for_municipality(self.municipality), slug=kwargs["cycle"]
        )
        if not request.user.has_perm("plan.start_revision", self.cycle):
            raise PermissionDenied
        if ConceptCycle.objects.filter(predecessor=self.cycle).exists():
            messages.info(request, _("This cycle has already been revised."))
            return redirect(self.cycle.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def form_valid(self, form):
        if self.request.POST.get("confirm") != "yes":
            # First the page that says what will be copied; nothing is written yet.
            return self.render_to_response(
                self.get_context_data(
                    form=form, confirming=True, summary=services.revision_summary(self.cycle)
                )
            )
        try:
            new_cycle = services.start_revision(self.cycle, **form.cleaned_data)
        except services.RevisionError as error:
            messages.error(self.request, error.message)
            return redirect(self.cycle.get_absolute_url())
        messages.success(
            self.request,
            _("The new cycle has been started as an unpublished draft."),
        )
        return redirect(new_cycle.get_absolute_url())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cycle": self.cycle}

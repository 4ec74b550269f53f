"""The office's pages: ask for a report's PDF (the worker lays it out), follow its
progress (the page asks again every few seconds with htmx), download it, try a failed
one again, and publish a finished one after a confirmation."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.plan.models import ConceptCycle
from teilhabe.tenants.scoping import MunicipalityMixin

from .. import services
from ..forms import ReportForm
from ..models import Report
from .public import pdf_response


class OfficeMixin(LoginRequiredMixin, MunicipalityMixin):
    """A page of the office about one cycle of its municipality; another
    municipality's cycle is not found, a person without the permission refused."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.cycle = get_object_or_404(
            ConceptCycle.objects.for_municipality(self.municipality).select_related("municipality"),
            slug=kwargs["cycle"],
        )
        if not request.user.has_perm("reports.manage", self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_report(self):
        return get_object_or_404(
            Report.objects.filter(cycle=self.cycle, municipality=self.municipality),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cycle": self.cycle}


class ReportsView(OfficeMixin, TemplateView):
    """The cycle's reports, newest first, and the form to ask for a new one."""

    template_name = "reports/office/reports.html"

    def form(self, data=None):
        language = get_language()
        offered = self.municipality.offered_languages()
        initial = {
            "starts_on": self.cycle.starts_on,
            "ends_on": self.cycle.ends_on,
            "language": language if language in offered else offered[0],
        }
        return ReportForm(data, initial=initial, municipality=self.municipality)

    def get_context_data(self, **kwargs):
        reports = Report.objects.filter(cycle=self.cycle).select_related("requested_by")
        return {
            **super().get_context_data(**kwargs),
            "form": kwargs.get("form") or self.form(),
            "reports": [(r, services.state(r)) for r in reports[:50]],
            "keep_days": services.KEEP_DRAFTS_FOR.days,
        }

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            report = services.request_report(
                self.cycle, data["starts_on"], data["ends_on"], data["language"], request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return redirect(
            "reports:state",
            municipality=self.municipality.slug,
            cycle=self.cycle.slug,
            pk=report.pk,
        )


class ReportStateView(OfficeMixin, TemplateView):
    """One report's state; htmx asks for the state alone until it is settled."""

    template_name = "reports/office/report.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["reports/includes/state.html"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        state = services.state(report)
        settled = state in (Report.Status.DONE, Report.Status.FAILED)
        status = 286 if settled and request.headers.get("HX-Request") else 200
        return self.render_to_response(
            self.get_context_data(report=report, state=state), status=status
        )

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        services.try_again(report)
        return redirect(request.path)


class ReportDownloadView(OfficeMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        report = self.get_report()
        if services.state(report) != Report.Status.DONE:
            return HttpResponse(status=404)
        return pdf_response(report)


class PublishView(OfficeMixin, TemplateView):
    """Asks before publishing; publishing cannot be undone."""

    template_name = "reports/office/publish.html"

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        if services.state(report) != Report.Status.DONE:
            raise PermissionDenied
        return self.render_to_response(self.get_context_data(report=report))

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        try:
            report = services.publish(report, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(
                "reports:state",
                municipality=self.municipality.slug,
                cycle=self.cycle.slug,
                pk=report.pk,
            )
        messages.success(request, _("The report is published."))
        return redirect(report.get_absolute_url())

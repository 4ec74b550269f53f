"""The public pages of implementation reports: the live report of a published cycle
for a period (from the current data), and each published, frozen version (its
snapshot and its stored PDF)."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.generic import TemplateView, View

from teilhabe.plan.models import ConceptCycle
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import public_page

from .. import documents, selectors
from ..forms import PeriodForm
from ..models import Report


class CycleMixin(MunicipalityMixin):
    def get_cycle(self):
        return get_object_or_404(
            ConceptCycle.objects.public()
            .for_municipality(self.municipality)
            .select_related("municipality"),
            slug=self.kwargs["cycle"],
        )


@public_page
class LiveReportView(CycleMixin, TemplateView):
    """The report from today's data, for the cycle's period or the one asked for."""

    template_name = "reports/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = self.get_cycle()
        initial = {"starts_on": cycle.starts_on, "ends_on": cycle.ends_on}
        form = PeriodForm(self.request.GET if self.request.GET else initial)
        report = None
        if form.is_valid():
            period = form.cleaned_data
            report = documents.present(
                selectors.build(cycle, period["starts_on"], period["ends_on"])
            )
        published = Report.objects.published().filter(cycle=cycle).order_by("-published_at")
        context.update(cycle=cycle, form=form, report=report, published=published, live=True)
        return context


@public_page
class PublishedReportView(CycleMixin, TemplateView):
    """A published version: its snapshot, in its language."""

    template_name = "reports/report.html"

    def get_published(self):
        cycle = self.get_cycle()
        report = get_object_or_404(
            Report.objects.published().filter(cycle=cycle), pk=self.kwargs["pk"]
        )
        return cycle, report

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle, version = self.get_published()
        with translation.override(version.language):
            report = documents.present(version.snapshot)
        context.update(cycle=cycle, report=report, version=version, live=False)
        return context


@public_page
class PublishedPdfView(PublishedReportView, View):
    def get(self, request, *args, **kwargs):
        cycle, version = self.get_published()
        return pdf_response(version)


def pdf_response(report):
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"umsetzungsbericht-{report.cycle.slug}-{report.pk}.pdf",
        content_type="application/pdf",
    )

"""The public trail: a demand's page (source → answer → measures and their status), the
consideration table of a consultation with its exports, and an organisation's demands.

Public pages for everyone (no drafts for the office either: the office works on its own
pages); reads in ``selectors.py``, a fixed number of queries per page."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from teilhabe.directory.models import Organisation
from teilhabe.plan.models import FieldOfAction
from teilhabe.tenants.scoping import MunicipalityMixin, active_municipality
from teilhabe.web import caching
from teilhabe.web.caching import public_page
from teilhabe.web.ratelimit import is_limited, per_minute, too_many_requests

from .. import charts, exports, selectors
from ..filters import ConsiderationFilterForm
from ..selectors import OUTCOME_LABELS

PAGE_SIZE = 25


def demand_url(request, municipality):
    """``demand -> absolute address of its page`` for exports, without a query."""

    def url(demand):
        return request.build_absolute_uri(
            reverse(
                "consultation:demand",
                kwargs={
                    "municipality": municipality.slug,
                    "cycle": demand.cycle.slug,
                    "number": demand.number,
                },
            )
        )

    return url


def outcome_counts_of(request, consultation):
    """The consultation's public demands by outcome (a dict), one grouped query per
    content version: the table's summary and its chart share it."""
    return caching.cached(
        request,
        ("consideration-counts", consultation.pk),
        lambda: dict(selectors.outcome_counts(selectors.consideration_demands(consultation))),
    )


def label_outcomes(demands):
    """Each demand's ``outcome`` (of its published answer, or "open") and its label."""
    for demand in demands:
        demand.outcome = selectors.outcome_of(demand)
        demand.outcome_label = OUTCOME_LABELS[demand.outcome]


@public_page
class DemandView(MunicipalityMixin, TemplateView):
    """One demand: its text, source, fields and tags, duplicates merged into it (or the
    demand it was merged into), the published answer and the goals and measures it led
    to, each measure with its latest status."""

    template_name = "consultation/demand_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        demand = selectors.demand_page(
            self.municipality, self.kwargs["cycle"], self.kwargs["number"]
        )
        answer = demand.public_answer
        context.update(
            demand=demand,
            cycle=demand.cycle,
            answer=answer,
            outcome_label=OUTCOME_LABELS[selectors.outcome_of(demand)],
            goals=list(answer.goals.all()) if answer else [],
            measures=list(answer.measures.all()) if answer else [],
        )
        return context


class ConsiderationMixin(MunicipalityMixin):
    """The consultation in the address and the filtered demands of its table."""

    def filtered(self):
        self.consultation = selectors.public_consultation(
            self.municipality, self.kwargs["consultation"]
        )
        fields = list(
            FieldOfAction.objects.for_municipality(self.municipality)
            .public()
            .filter(cycle=self.consultation.cycle_id)
            .order_by("number")
        )
        self.filter_form = ConsiderationFilterForm(self.request.GET or None, fields=fields)
        return selectors.consideration_demands(self.consultation, **self.filter_form.filters())


@public_page
class ConsiderationView(ConsiderationMixin, ListView):
    """The consideration table of a consultation: every public demand with its source,
    fields of action, answer and measures; filters, pages of 25, counts by answer."""

    template_name = "consultation/consideration_table.html"
    context_object_name = "demands"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return self.filtered()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        label_outcomes(context["demands"])
        summary = selectors.outcome_rows(outcome_counts_of(self.request, self.consultation))
        context.update(
            consultation=self.consultation,
            cycle=self.consultation.cycle,
            filter_form=self.filter_form,
            summary=summary,
            summary_total=sum(row["count"] for row in summary),
            query=self.request.GET.urlencode(),
            formats=EXPORT_FORMATS,
            pdf_max=exports.PDF_MAX_DEMANDS,
        )
        return context


EXPORT_FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@public_page
class ConsiderationExportView(ConsiderationMixin, TemplateView):
    """The table with the page's filters as CSV, XLSX or PDF (every page, not one)."""

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in EXPORT_FORMATS:
            raise Http404
        # A PDF or workbook costs seconds of a server process: counted per address like
        # the public forms (a page-cached copy is answered before this view).
        if fmt != "csv" and is_limited(request, "consideration-export", rate=per_minute()):
            return too_many_requests(request)
        demands = self.filtered()
        if fmt == "pdf" and demands.count() > exports.PDF_MAX_DEMANDS:
            raise BadRequest("too many demands for a PDF")
        url = demand_url(request, self.municipality)
        title = self.consultation.translated("title").text
        if fmt == "csv":
            content = exports.as_csv(demands, url)
        elif fmt == "xlsx":
            content = exports.as_xlsx(demands, url, title)
        else:
            content = exports.as_pdf(
                demands,
                url,
                {
                    "consultation": self.consultation,
                    "municipality": self.municipality,
                    "filters": [
                        (self.filter_form.fields[name].label, value)
                        for name, value in self.filter_labels()
                    ],
                    "exported_on": timezone.localdate(),
                },
            )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="abwaegung-{self.consultation.slug}.{fmt}"'
        )
        return response

    def filter_labels(self):
        """(field name, chosen label) of the filters that apply."""
        data = getattr(self.filter_form, "cleaned_data", {})
        for name in ("field", "outcome", "source"):
            value = data.get(name)
            if value:
                yield name, dict(self.filter_form.fields[name].choices).get(value, value)


@public_page
class OrganisationDemandsView(MunicipalityMixin, ListView):
    """The public demands of the statements a published organisation signed."""

    template_name = "consultation/demand_organisation_list.html"
    context_object_name = "demands"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.organisation = get_object_or_404(
            Organisation.objects.for_municipality(self.municipality).published(),
            slug=self.kwargs["organisation"],
        )
        return (
            selectors.organisation_demands(self.organisation)
            .select_related("cycle", "answer", "statement")
            .order_by("-cycle__starts_on", "number")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        label_outcomes(context["demands"])
        return context


# pygal's SVG carries its own <style> element: allowed for this response only.
@public_page
@csp_replace({"style-src": [UNSAFE_INLINE], "script-src": [NONE]})
def consideration_chart(request, municipality, consultation):
    """The numbers of the consideration table's summary as an SVG bar chart."""
    consultation = selectors.public_consultation(active_municipality(municipality), consultation)

    def draw():
        counts = outcome_counts_of(request, consultation)
        return charts.outcome_chart(selectors.outcome_rows(counts), consultation.pk)

    # Drawn once per content version and language.
    svg = caching.cached(request, ("consideration-chart", consultation.pk), draw)
    return HttpResponse(svg, content_type="image/svg+xml")

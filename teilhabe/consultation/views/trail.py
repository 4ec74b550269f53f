"""The public trail: a demand's page (source → answer → measures and their status), the
consideration table of a consultation with its exports, and an organisation's demands.

Public pages for everyone (no drafts for the office either: the office works on its own
pages); reads in ``selectors.py``, a fixed number of queries per page."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import ListView, TemplateView

from teilhabe.directory.models import Organisation
from teilhabe.exports import files
from teilhabe.tenants.scoping import MunicipalityMixin, active_municipality
from teilhabe.web import caching
from teilhabe.web.caching import public_page
from teilhabe.web.ratelimit import is_limited, per_minute, too_many_requests

from .. import charts, exports, pdfs, selectors
from ..filters import table_filters
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
        self.filter_form = table_filters(self.consultation, self.request.GET)
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
        )
        return context


EXPORT_FORMATS = ("csv", "xlsx", "json", "pdf")


def attachment(content, fmt, consultation):
    response = HttpResponse(content, content_type=files.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="abwaegung-{consultation.slug}.{fmt}"'
    return response


@public_page
class ConsiderationExportView(ConsiderationMixin, TemplateView):
    """The table with the page's filters as CSV, XLSX or JSON (every page, not one); the
    PDF has a view of its own (``ConsiderationPdfView``)."""

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in ("csv", "xlsx", "json"):
            raise Http404
        demands = self.filtered()
        # A workbook costs seconds of a server process: counted per address like the
        # public forms (a page-cached copy is answered before this view).
        if fmt == "xlsx" and is_limited(request, "consideration-export", rate=per_minute()):
            return too_many_requests(request)
        url = demand_url(request, self.municipality)
        if fmt == "csv":
            return attachment(exports.as_csv(demands, url), fmt, self.consultation)
        title = self.consultation.translated("title").text
        if fmt == "json":
            return attachment(exports.as_json(demands, url, title), fmt, self.consultation)
        return attachment(exports.as_xlsx(demands, url, title), fmt, self.consultation)


@public_page
class ConsiderationPdfView(ConsiderationMixin, TemplateView):
    """The table's PDF: the file once the worker made it; until then a page with its
    state that asks again every few seconds (htmx: only the state), and a button to try
    again when it failed. Asking for a new PDF and trying again are counted per address
    like the public forms."""

    template_name = "consultation/consideration_pdf.html"

    def find(self):
        self.filtered()
        filters = self.filter_form.chosen()
        key = pdfs.pdf_key(
            self.consultation,
            filters,
            get_language(),
            caching.request_version(self.request),
        )
        return self.consultation.pdfs.filter(key=key).first(), filters

    def get(self, request, *args, **kwargs):
        pdf, filters = self.find()
        asks_state = bool(request.headers.get("HX-Request"))
        if pdf is not None and pdfs.state(pdf) == pdfs.Status.DONE and not asks_state:
            with pdf.file.open("rb") as file:
                return attachment(file.read(), "pdf", self.consultation)
        caching.keep_private(request)  # the state changes while the reader waits
        if asks_state:
            if pdf is None:
                raise Http404
            # 286 tells htmx to stop asking: the PDF is ready or failed.
            settled = pdfs.state(pdf) in (pdfs.Status.DONE, pdfs.Status.FAILED)
            return self.render_to_response(
                self.get_context_data(pdf=pdf), status=286 if settled else 200
            )
        if pdf is None:
            if self.over_limit():
                return too_many_requests(request)
            if self.filtered_count() > pdfs.MAX_DEMANDS:
                return self.render_to_response(self.get_context_data(too_large=True), status=400)
            pdf, _ = pdfs.request_pdf(
                self.consultation,
                filters,
                language=get_language(),
                version=caching.request_version(request),
            )
        return self.render_to_response(self.get_context_data(pdf=pdf), status=202)

    def post(self, request, *args, **kwargs):
        pdf, _ = self.find()
        caching.keep_private(request)
        if pdf is None:
            raise Http404
        if pdfs.state(pdf) == pdfs.Status.FAILED:
            if self.over_limit():
                return too_many_requests(request)
            pdf = pdfs.try_again(pdf)
        return redirect(request.get_full_path())

    def over_limit(self):
        return is_limited(self.request, "consideration-export", rate=per_minute())

    def filtered_count(self):
        filters = self.filter_form.filters()
        return selectors.consideration_demands(self.consultation, **filters).count()

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["consultation/includes/consideration_pdf_state.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pdf = kwargs.get("pdf")
        context.update(
            consultation=self.consultation,
            cycle=self.consultation.cycle,
            filters=self.filter_form.chosen_labels(),
            state=pdfs.state(pdf) if pdf else None,
            Status=pdfs.Status,
            max_demands=pdfs.MAX_DEMANDS,
        )
        return context


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

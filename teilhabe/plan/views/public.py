"""The public plan portal: the cycles of the integration concept, each cycle's
overview and timeline, its fields of action, the measure list and every measure with
its history of status reports; and the SVG charts of indicators and funding lines.

The public sees published cycles and the fields, goals and measures that are not
drafts; the integration office (``plan.view_unpublished``) sees drafts too, marked as
such. Every page runs a fixed number of queries whatever the size of the plan
(tests/plan/test_portal.py counts them): lists are fetched with select_related and
prefetch_related, and the status counts are one grouped query.
"""

import json
from collections import Counter

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView

from teilhabe.consultation import selectors as consultation_selectors
from teilhabe.directory.models import Organisation
from teilhabe.languages.content import translated
from teilhabe.tenants.scoping import MunicipalityMixin, active_municipality
from teilhabe.web import caching
from teilhabe.web.caching import public_page

from .. import charts
from ..forms import MeasureFilterForm
from ..models import (
    ConceptCycle,
    FieldOfAction,
    FundingLine,
    Goal,
    Indicator,
    Measure,
    OpenItem,
    Status,
    StatusReport,
)

# The order in which statuses are counted, drawn and listed.
STATUS_ORDER = [Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.DELAYED, Status.STOPPED]

# schema.org's action status for a measure's status.
ACTION_STATUS = {
    Status.PLANNED: "PotentialActionStatus",
    Status.IN_PROGRESS: "ActiveActionStatus",
    Status.DELAYED: "ActiveActionStatus",
    Status.DONE: "CompletedActionStatus",
    Status.STOPPED: "FailedActionStatus",
}


# --- Who sees what ------------------------------------------------------------------------


class PlanMixin(MunicipalityMixin):
    """Querysets of what the visitor may see in this municipality's plan."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.sees_drafts = request.user.has_perm("plan.view_unpublished", self.municipality)

    def visible(self, queryset):
        """Everything of this municipality for the office, what is public for the rest."""
        queryset = queryset.for_municipality(self.municipality)
        return queryset if self.sees_drafts else queryset.public()

    def visible_cycles(self):
        return self.visible(ConceptCycle.objects)

    def visible_fields(self):
        return self.visible(FieldOfAction.objects)

    def visible_goals(self):
        return self.visible(Goal.objects)

    def visible_measures(self):
        return self.visible(Measure.objects)

    def get_cycle(self, queryset=None):
        """The cycle named in the address, or 404 if the visitor may not see it."""
        queryset = queryset if queryset is not None else self.visible_cycles()
        return get_object_or_404(queryset, slug=self.kwargs["cycle"])

    def is_visible(self, obj):
        """For links to another cycle or measure (carried over from/to, taken up by); a
        measure needs its cycle and goal with its field selected."""
        return obj is not None and (self.sees_drafts or obj.is_public())

    def absolute(self, path):
        return self.request.build_absolute_uri(path)

    def publisher(self):
        municipality = self.municipality
        return {
            "@type": "GovernmentOrganization",
            "name": municipality.official_name or municipality.name,
            "url": self.absolute(
                reverse("web:municipality", kwargs={"municipality": municipality.slug})
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sees_drafts"] = self.sees_drafts
        return context


def successor_of(obj):
    """The reverse one-to-one ``successor`` or None (selected with select_related)."""
    try:
        return obj.successor
    except type(obj).successor.RelatedObjectDoesNotExist:
        return None


def json_ld(data):
    """JSON-LD for a ``<script type="application/ld+json">`` block, escaped so that the
    text can never close the script element."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


# --- Status counts ------------------------------------------------------------------------


def status_counts_by_field(measures):
    """``{field id: Counter(status -> number of measures)}`` in one grouped query; a
    measure without a report counts as planned."""
    rows = (
        measures.order_by()
        .values("goal__field_id", "latest_report__status")
        .annotate(number=Count("id"))
    )
    counts = {}
    for row in rows:
        status = row["latest_report__status"] or Status.PLANNED
        counts.setdefault(row["goal__field_id"], Counter())[status] += row["number"]
    return counts


def status_summary(counter):
    """The numbers of measures per status and their shares in whole percent that add up
    to 100 (largest remainder), for the stacked status bar."""
    total = sum(counter.values())
    shares = {s: (counter.get(s, 0) * 100 / total if total else 0) for s in STATUS_ORDER}
    percents = {s: int(share) for s, share in shares.items()}
    missing = 100 - sum(percents.values()) if total else 0
    by_remainder = sorted(STATUS_ORDER, key=lambda s: shares[s] - percents[s], reverse=True)
    for status in by_remainder[:missing]:
        percents[status] += 1
    return {
        "total": total,
        "parts": [
            {
                "status": status.value,
                "label": status.label,
                "count": counter.get(status, 0),
                "percent": percents[status],
            }
            for status in STATUS_ORDER
        ],
    }


def indicators_of(municipality, cycle, field=None):
    return (
        Indicator.objects.for_municipality(municipality)
        .filter(cycle=cycle, field=field)
        .prefetch_related("values")
        .order_by("title")
    )


def funding_lines_of(municipality, cycle, field=None):
    return (
        FundingLine.objects.for_municipality(municipality)
        .filter(cycle=cycle, field=field)
        .select_related("department")
        .prefetch_related("amounts")
        .order_by("title")
    )


# --- Pages --------------------------------------------------------------------------------


@public_page
class CycleListView(PlanMixin, ListView):
    """All cycles of the integration concept, newest first."""

    template_name = "plan/cycle_list.html"
    context_object_name = "cycles"

    def get_queryset(self):
        return self.visible_cycles().order_by("-starts_on")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.user.has_perm("plan.manage_plan", self.municipality)
        return context


def published_reports_of(cycle):
    """The cycle's published implementation reports, newest first (teilhabe.reports)."""
    from teilhabe.reports.models import Report

    return list(
        Report.objects.published()
        .filter(cycle=cycle)
        .select_related("municipality", "cycle")
        .order_by("-published_at")
    )


@public_page
class CycleView(PlanMixin, TemplateView):
    """A cycle's overview: summary, adoption, fields of action with the status of their
    measures, cycle-wide indicators and funding, needs for action."""

    template_name = "plan/cycle_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cycle = self.get_cycle(self.visible_cycles().select_related("predecessor", "successor"))
        fields = list(self.visible_fields().filter(cycle=cycle).order_by("number"))
        # The status bars' counts: one grouped query per content version.
        counts = caching.cached(
            self.request,
            ("status-counts", cycle.pk, self.sees_drafts),
            lambda: status_counts_by_field(self.visible_measures().filter(cycle=cycle)),
        )
        for field in fields:
            field.status_summary = status_summary(counts.get(field.pk, Counter()))
        successor = successor_of(cycle)
        open_items = (
            OpenItem.objects.for_municipality(self.municipality)
            .filter(cycle=cycle)
            .select_related("taken_up_by__cycle", "taken_up_by__goal__field")
            .order_by("order", "pk")
        )
        for item in open_items:
            item.measure_is_visible = self.is_visible(item.taken_up_by)
        context.update(
            cycle=cycle,
            can_manage=self.request.user.has_perm("plan.manage_plan", cycle),
            predecessor=cycle.predecessor if self.is_visible(cycle.predecessor) else None,
            successor=successor if self.is_visible(successor) else None,
            fields=fields,
            overall=status_summary(sum(counts.values(), Counter())),
            indicators=indicators_of(self.municipality, cycle),
            funding_lines=funding_lines_of(self.municipality, cycle),
            open_items=open_items,
            published_reports=published_reports_of(cycle),
            json_ld=json_ld(self.cycle_json_ld(cycle, fields)),
        )
        return context

    def cycle_json_ld(self, cycle, fields):
        def field_url(field):
            return self.absolute(
                reverse(
                    "plan:field",
                    kwargs={
                        "municipality": self.municipality.slug,
                        "cycle": cycle.slug,
                        "field": field.slug,
                    },
                )
            )

        data = {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": translated(cycle, "title").text,
            "url": self.absolute(self.request.path),
            "inLanguage": translation.get_language(),
            "temporalCoverage": f"{cycle.starts_on.isoformat()}/{cycle.ends_on.isoformat()}",
            "publisher": self.publisher(),
            "hasPart": [
                {"@type": "CreativeWork", "name": translated(f, "title").text, "url": field_url(f)}
                for f in fields
            ],
        }
        summary = translated(cycle, "summary").text
        if summary:
            data["abstract"] = summary
        if cycle.council_decision_date:
            data["dateCreated"] = cycle.council_decision_date.isoformat()
        return data


@public_page
class TimelineView(PlanMixin, TemplateView):
    """The dated phases of a cycle's revision process and the cycles before and after it."""

    template_name = "plan/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # All visible cycles in one query: the chain is walked in memory.
        cycles = {c.pk: c for c in self.visible_cycles()}
        cycle = next((c for c in cycles.values() if c.slug == self.kwargs["cycle"]), None)
        if cycle is None:
            raise Http404
        successors = {c.predecessor_id: c for c in cycles.values() if c.predecessor_id}
        chain = [cycle]
        while chain[0].predecessor_id in cycles and cycles[chain[0].predecessor_id] not in chain:
            chain.insert(0, cycles[chain[0].predecessor_id])
        while chain[-1].pk in successors and successors[chain[-1].pk] not in chain:
            chain.append(successors[chain[-1].pk])
        context.update(
            cycle=cycle, phases=list(cycle.phases.order_by("starts_on", "pk")), chain=chain
        )
        return context


@public_page
class FieldView(PlanMixin, TemplateView):
    """A field of action: its analysis, goals with their measures, indicators, funding."""

    template_name = "plan/field_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = get_object_or_404(
            self.visible_fields().select_related("cycle"),
            cycle__slug=self.kwargs["cycle"],
            slug=self.kwargs["field"],
        )
        measures = (
            self.visible_measures()
            .select_related("latest_report")
            .prefetch_related("lead_departments")
            .order_by("code")
        )
        goals = list(
            self.visible_goals()
            .filter(field=field)
            .prefetch_related(Prefetch("measures", queryset=measures))
            .order_by("code")
        )
        counter = Counter(m.status for goal in goals for m in goal.measures.all())
        context.update(
            cycle=field.cycle,
            field=field,
            can_manage=self.request.user.has_perm("plan.manage_plan", field.cycle),
            goals=goals,
            summary=status_summary(counter),
            indicators=indicators_of(self.municipality, field.cycle, field),
            funding_lines=funding_lines_of(self.municipality, field.cycle, field),
        )
        return context


@public_page(htmx=True)
class MeasureListView(PlanMixin, ListView):
    """All measures of a cycle with filters and search, 25 to a page. An htmx request
    gets only the results."""

    template_name = "plan/measure_list.html"
    context_object_name = "measures"
    paginate_by = 25

    def get_queryset(self):
        self.cycle = self.get_cycle()
        fields = list(self.visible_fields().filter(cycle=self.cycle).order_by("number"))
        self.filter_form = MeasureFilterForm(
            self.request.GET or None, cycle=self.cycle, fields=fields
        )
        measures = self.visible_measures().filter(cycle=self.cycle)
        return (
            self.filter_form.filter(measures)
            .select_related("goal__field", "latest_report")
            .prefetch_related("lead_departments")
            .order_by("code", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cycle"] = self.cycle
        context["filter_form"] = self.filter_form
        context["is_filtered"] = any(self.request.GET.get(k) for k in MeasureFilterForm.base_fields)
        return context

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["plan/includes/measure_results.html"]
        return [self.template_name]


@public_page
class MeasureView(PlanMixin, DetailView):
    """Everything about one measure, with the full history of its status reports."""

    template_name = "plan/measure_detail.html"
    context_object_name = "measure"

    def get_object(self, queryset=None):
        organisations = Organisation.objects.order_by("name")
        open_items = OpenItem.objects.select_related("cycle").order_by("cycle__starts_on", "order")
        if not self.sees_drafts:
            organisations = organisations.filter(is_published=True)
            open_items = open_items.filter(cycle__is_published=True)
        measures = (
            self.visible_measures()
            .select_related("cycle", "goal__field", "latest_report")
            .prefetch_related(
                "lead_departments",
                "partner_departments",
                "target_groups",
                Prefetch("partner_organisations", queryset=organisations),
                Prefetch(
                    "reports", queryset=StatusReport.objects.select_related("author_department")
                ),
                Prefetch("open_items", queryset=open_items),
            )
        )
        return get_object_or_404(
            measures, cycle__slug=self.kwargs["cycle"], code=self.kwargs["code"]
        )

    def carried_over(self, measure):
        """(predecessor, successor) of ``measure``, each None if there is none, in a query
        of their own: joined to the measure's query they made 13 tables, and PostgreSQL
        took ten times longer to plan that query than to run both."""
        predecessor = successor = None
        neighbours = (
            Measure.objects.for_municipality(self.municipality)
            .filter(Q(pk=measure.predecessor_id) | Q(predecessor=measure))
            .select_related("cycle", "goal__field")
        )
        for neighbour in neighbours:
            if neighbour.pk == measure.predecessor_id:
                predecessor = neighbour
            else:
                successor = neighbour
        return predecessor, successor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        measure = self.object
        predecessor, successor = self.carried_over(measure)
        context.update(
            cycle=measure.cycle,
            field=measure.goal.field,
            predecessor=predecessor if self.is_visible(predecessor) else None,
            successor=successor if self.is_visible(successor) else None,
            can_edit=self.request.user.has_perm("plan.edit_measure", measure),
            can_report=measure.cycle.takes_reports
            and self.request.user.has_perm("plan.report_status", measure),
            withdrawable={
                report.pk
                for report in measure.reports.all()
                if not report.is_withdrawn
                and self.request.user.has_perm("plan.withdraw_report", report)
            },
            json_ld=json_ld(self.measure_json_ld(measure)),
            # The public demands whose published answer links this measure: one query.
            answered_demands=list(consultation_selectors.demands_answered_by(measure)),
        )
        return context

    def measure_json_ld(self, measure):
        data = {
            "@context": "https://schema.org",
            "@type": "Action",
            "identifier": measure.code,
            "name": translated(measure, "title").text,
            "url": self.absolute(self.request.path),
            "actionStatus": ACTION_STATUS[Status(measure.status)],
            "agent": [
                {"@type": "GovernmentOrganization", "name": translated(d, "name").text}
                for d in measure.lead_departments.all()
            ]
            or self.publisher(),
            "provider": self.publisher(),
        }
        description = translated(measure, "description").text
        if description:
            data["description"] = description
        if measure.starts_on:
            data["startTime"] = measure.starts_on.isoformat()
        if measure.ends_on:
            data["endTime"] = measure.ends_on.isoformat()
        partners = [
            {"@type": "GovernmentOrganization", "name": translated(d, "name").text}
            for d in measure.partner_departments.all()
        ] + [{"@type": "Organization", "name": o.name} for o in measure.partner_organisations.all()]
        if partners:
            data["participant"] = partners
        return data


# --- Charts -------------------------------------------------------------------------------


# pygal's SVG carries its own <style> element: allowed for this response only.
@public_page
@csp_replace({"style-src": [UNSAFE_INLINE], "script-src": [NONE]})
def chart(request, municipality, cycle, kind, pk):
    """An indicator's (``kind`` "indicator") or a funding line's ("funding") chart as SVG."""
    municipality = active_municipality(municipality)
    sees_drafts = request.user.has_perm("plan.view_unpublished", municipality)
    cycles = ConceptCycle.objects.for_municipality(municipality)
    cycle = get_object_or_404(cycles if sees_drafts else cycles.public(), slug=cycle)
    if kind == "indicator":
        model, draw = Indicator, charts.indicator_chart
    elif kind == "funding":
        model, draw = FundingLine, charts.funding_chart
    else:
        raise Http404
    objects = model.objects.for_municipality(municipality).filter(cycle=cycle)
    if not sees_drafts:
        objects = objects.exclude(field__is_draft=True)
    obj = get_object_or_404(objects, pk=pk)
    # Drawn once per content version and language (the values are read only then).
    svg = caching.cached(request, ("chart", kind, obj.pk), lambda: draw(obj))
    return HttpResponse(svg, content_type="image/svg+xml")

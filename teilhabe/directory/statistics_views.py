"""The directory's public statistics page and its charts (``statistics.py``)."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.http import Http404, HttpResponse
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin, active_municipality
from teilhabe.web import caching
from teilhabe.web.caching import public_page

from . import charts, statistics


@public_page
class StatisticsView(MunicipalityMixin, TemplateView):
    """Counts of the published organisations, each table with its chart, and the plan's
    indicators that count organisations from another source."""

    template_name = "directory/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(statistics.directory_statistics(self.municipality))
        for table in context["tables"]:
            table.chart_height = charts.chart_height(table)
        return context


# pygal's SVG carries its own <style> element: allowed for this response only.
@public_page
@csp_replace({"style-src": [UNSAFE_INLINE], "script-src": [NONE]})
def statistics_chart(request, municipality, kind):
    """One table of the statistics page as an SVG bar chart."""
    if kind not in statistics.TABLES:
        raise Http404
    municipality = active_municipality(municipality)

    def draw():
        return charts.statistics_chart(statistics.table(municipality, kind), kind)

    # Drawn once per content version and language.
    svg = caching.cached(request, ("directory-chart", municipality.pk, kind), draw)
    return HttpResponse(svg, content_type="image/svg+xml")

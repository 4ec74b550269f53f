"""The report's charts, drawn from its data (a snapshot draws the same charts again)
with the plan's pygal settings (teilhabe.plan.charts): vectors (SVG) without script,
embedded as data addresses so that the web page and WeasyPrint need nothing else.
Each chart stands beside a table with the same numbers."""

import base64
from decimal import Decimal

import pygal
from django.utils.translation import gettext as _

from teilhabe.plan import charts as plan_charts

# The status colours of the plan's status bar (plan/static), in STATUS_ORDER.
STATUS_COLOURS = ("#8e93b1", "#006b8c", "#007155", "#925400", "#c31c13")


def data_url(svg):
    if isinstance(svg, str):
        svg = svg.encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def status_chart(report):
    """Measures per status and field of action, stacked horizontally."""
    fields = report["fields"]
    config = plan_charts._config(
        _("Measures by status and field of action"),
        style=plan_charts._style(*STATUS_COLOURS),
        show_legend=True,
        legend_at_bottom=True,
        value_formatter=lambda v: plan_charts.format_number(v or 0, 0),
        height=max(300, 120 + 40 * len(fields)),
    )
    chart = pygal.HorizontalStackedBar(config)
    chart.uuid = "report-status"
    chart.add_xml_filter(plan_charts._drop_scripts)
    chart.x_labels = [str(f["number"]) for f in fields]
    for index, status in enumerate(report["statuses"]):
        chart.add(status["label"], [f["status_counts"][index] for f in fields])
    return data_url(chart.render())


def funding_chart(line, index):
    """A funding line's yearly amounts as bars."""
    amounts = line["amounts"]
    config = plan_charts._config(
        line["title"],
        value_formatter=plan_charts.format_euros,
        style=plan_charts._style(plan_charts.TURQUOISE),
        x_title=_("* interpolated between known years")
        if any(a["is_estimate"] for a in amounts)
        else None,
        height=300,
    )
    chart = pygal.Bar(config)
    chart.uuid = f"report-funding-{index}"
    chart.add_xml_filter(plan_charts._drop_scripts)
    chart.x_labels = [f"{a['year']}*" if a["is_estimate"] else str(a["year"]) for a in amounts]
    chart.add(_("Amount"), [float(Decimal(a["amount"])) for a in amounts])
    return data_url(chart.render())


def outcome_chart(report):
    consultation = report["consultation"]
    config = plan_charts._config(
        _("Demands by answer"),
        value_formatter=lambda v: plan_charts.format_number(v or 0, 0),
        height=300,
    )
    chart = pygal.Bar(config)
    chart.uuid = "report-outcomes"
    chart.add_xml_filter(plan_charts._drop_scripts)
    chart.x_labels = [row["outcome"] for row in consultation["by_outcome"]] + [_("not answered")]
    chart.add(
        _("Demands"),
        [row["number"] for row in consultation["by_outcome"]] + [consultation["open"]],
    )
    return data_url(chart.render())


# A chart per funding line up to this many lines; beyond, their tables and one chart of
# the yearly totals (each chart costs WeasyPrint a quarter of a second: README).
LINE_CHARTS = 8


def totals_chart(report):
    totals = {}
    for line in report["funding"]["lines"]:
        for amount in line["amounts"]:
            totals[amount["year"]] = totals.get(amount["year"], 0) + Decimal(amount["amount"])
    config = plan_charts._config(
        _("Funding per year, all funding lines"),
        value_formatter=plan_charts.format_euros,
        style=plan_charts._style(plan_charts.TURQUOISE),
        height=300,
    )
    chart = pygal.Bar(config)
    chart.uuid = "report-funding-total"
    chart.add_xml_filter(plan_charts._drop_scripts)
    years = sorted(totals)
    chart.x_labels = [str(y) for y in years]
    chart.add(_("Amount"), [float(totals[y]) for y in years])
    return data_url(chart.render()), [{"year": y, "amount": str(totals[y])} for y in years]


def draw(report):
    """The charts of ``report`` (its data), keyed by name."""
    lines = report["funding"]["lines"]
    many = len(lines) > LINE_CHARTS
    return {
        "status": status_chart(report) if report["fields"] else None,
        "funding": [None if many else funding_chart(line, i) for i, line in enumerate(lines)],
        "funding_total": totals_chart(report) if many else (None, []),
        "outcomes": outcome_chart(report) if report["consultation"]["demands"] else None,
    }

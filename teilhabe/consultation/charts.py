"""The chart of the consideration table: how many demands got which answer, a
horizontal bar chart drawn with pygal in the style of the plan's charts
(``teilhabe/plan/charts.py``: no script, nothing loaded from elsewhere, text in the
active language). The page shows it as ``<img>`` beside a table of the same numbers."""

import math

import pygal
from django.utils.translation import gettext as _

from teilhabe.plan.charts import DARK_BLUE, _config, _drop_scripts, _style, format_number


def outcome_chart(rows, key):
    """``rows``: ``selectors.outcome_rows``; ``key``: a stable id for the SVG."""
    config = _config(
        _("Number of demands by answer"),
        value_formatter=format_number,
        style=_style(DARK_BLUE),
        print_values=True,
        height=320,
    )
    chart = pygal.HorizontalBar(config)
    chart.uuid = f"outcomes-{key}"  # not random: the same chart, the same bytes
    chart.add_xml_filter(_drop_scripts)
    # Drawn from the bottom up: reversed, the first outcome is on top, as in the table.
    rows = list(reversed(rows))
    chart.x_labels = [str(row["label"]) for row in rows]
    # Whole numbers on the axis: demands are counted, not measured.
    largest = max([row["count"] for row in rows] + [1])
    step = max(1, math.ceil(largest / 5))
    chart.y_labels = list(range(0, largest + step, step))
    chart.add(_("Demands"), [row["count"] for row in rows])
    return chart.render()

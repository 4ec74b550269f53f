"""Charts of the directory's statistics page, in the style of the plan's
(``teilhabe/plan/charts.py``: no script, nothing loaded from elsewhere, text in the
active language). The page shows each as ``<img>`` beside a table of the same numbers."""

import math

import pygal
from django.utils.translation import gettext as _

from teilhabe.plan.charts import DARK_BLUE, TURQUOISE, _config, _drop_scripts, _style, format_number

ROW_HEIGHT = 32
MIN_HEIGHT = 240


def chart_height(table):
    """The height of the table's chart: a bar per row for categories, fixed for years."""
    if table.over_time:
        return 360
    return max(MIN_HEIGHT, 120 + ROW_HEIGHT * len(table.rows))


def statistics_chart(table, key):
    """``table``: a ``statistics.Table``; ``key``: a stable id for the SVG."""
    config = _config(
        str(table.title),
        value_formatter=format_number,
        style=_style(TURQUOISE if table.over_time else DARK_BLUE),
        print_values=True,
        height=chart_height(table),
    )
    rows = list(table.rows)
    if table.over_time:
        chart = pygal.Bar(config)
    else:
        chart = pygal.HorizontalBar(config)
        # Drawn from the bottom up: reversed, the first row is on top, as in the table.
        rows.reverse()
    chart.uuid = f"directory-{key}"  # not random: the same chart, the same bytes
    chart.add_xml_filter(_drop_scripts)
    chart.x_labels = [str(label) for label, _count in rows]
    # Whole numbers on the axis: organisations are counted.
    largest = max([count for _label, count in rows] + [1])
    step = max(1, math.ceil(largest / 5))
    chart.y_labels = list(range(0, largest + step, step))
    chart.add(_("Organisations"), [count for _label, count in rows])
    return chart.render()

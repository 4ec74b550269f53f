"""Server-side SVG charts of the plan: an indicator's yearly values and a funding line's
yearly amounts, drawn with pygal.

The charts are shown as ``<img>`` beside a data table that carries the same numbers, so
they hold no script and load nothing from elsewhere: pygal's tooltip script is left
out (``js=[]``) and its inline configuration script is removed before rendering. Text
in the chart (title, labels, numbers) follows the active language.
"""

from decimal import Decimal

import pygal
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pygal.style import Style

from teilhabe.languages.content import translated

WIDTH = 720
HEIGHT = 400

# KERN UX colours (light theme), as pygal needs plain values.
DARK_BLUE = "#2044aa"
TURQUOISE = "#007155"
TEXT = "#1d2131"
SUBTLE = "#454b6b"


def _style(*colors):
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=TEXT,
        foreground_strong=TEXT,
        foreground_subtle=SUBTLE,
        font_family='"Fira Sans", Arial, sans-serif',
        title_font_size=18,
        label_font_size=14,
        major_label_font_size=14,
        legend_font_size=14,
        value_font_size=13,
        no_data_font_size=24,
        opacity=".9",
        opacity_hover=".9",
        colors=colors,
        transition="0ms",
        stroke_width="3",
        stroke_width_hover="3",
    )


def _drop_scripts(root):
    """pygal always writes its configuration as an inline script; an image needs none."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def format_number(value, decimals=None):
    """A number in the active language's notation, with grouping (36.800 / 36,800)."""
    if value is None:
        return ""
    value = Decimal(value)
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_euros(value):
    return _("%(amount)s €") % {"amount": format_number(value, 0 if value == int(value) else 2)}


def _config(title, **extra):
    """The settings every chart shares: fixed size, no script, no external resources."""
    config = pygal.Config()
    config.title = title
    config.width = WIDTH
    config.height = HEIGHT
    config.explicit_size = True
    config.disable_xml_declaration = False
    config.js = []
    config.style = _style(DARK_BLUE)
    config.show_legend = False
    config.print_values = False
    config.truncate_label = -1
    config.truncate_legend = -1
    config.margin = 16
    config.max_scale = 8
    config.no_data_text = _("No data yet")
    for key, value in extra.items():
        setattr(config, key, value)
    return config


def indicator_reference_text(indicator):
    """Baseline and target as one line, e.g. "Baseline 2014: 120 · Target 2026: 200"."""
    parts = []
    if indicator.baseline is not None:
        value = format_number(indicator.baseline)
        if indicator.baseline_year:
            parts.append(
                _("Baseline %(year)s: %(value)s")
                % {"year": indicator.baseline_year, "value": value}
            )
        else:
            parts.append(_("Baseline: %(value)s") % {"value": value})
    if indicator.target is not None:
        value = format_number(indicator.target)
        if indicator.target_year:
            parts.append(
                _("Target %(year)s: %(value)s") % {"year": indicator.target_year, "value": value}
            )
        else:
            parts.append(_("Target: %(value)s") % {"value": value})
    return " · ".join(parts)


def indicator_chart(indicator):
    """A line chart of the yearly values (a bar chart when there is only one year).
    ``indicator.values`` should be prefetched."""
    values = list(indicator.values.all())
    title = f"{translated(indicator, 'title').text} ({indicator.unit})"
    chart_class = pygal.Line if len(values) > 1 else pygal.Bar
    config = _config(
        title,
        x_title=indicator_reference_text(indicator) or None,
        value_formatter=format_number,
        dots_size=5,
    )
    chart = chart_class(config)
    chart.uuid = f"indicator-{indicator.pk}"  # not random: the same chart, the same bytes
    chart.add_xml_filter(_drop_scripts)
    chart.x_labels = [str(v.year) for v in values]
    chart.add(translated(indicator, "title").text, [float(v.value) for v in values])
    return chart.render()


def funding_chart(line):
    """A bar chart of the yearly amounts in euros. ``line.amounts`` should be prefetched."""
    amounts = list(line.amounts.all())
    config = _config(
        translated(line, "title").text,
        value_formatter=format_euros,
        x_title=_("* interpolated between known years")
        if any(a.is_estimate for a in amounts)
        else None,
        style=_style(TURQUOISE),
    )
    chart = pygal.Bar(config)
    chart.uuid = f"funding-{line.pk}"  # not random: the same chart, the same bytes
    chart.add_xml_filter(_drop_scripts)
    chart.x_labels = [f"{a.year}*" if a.is_estimate else str(a.year) for a in amounts]
    chart.add(_("Amount"), [float(a.amount) for a in amounts])
    return chart.render()

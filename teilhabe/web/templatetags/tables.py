"""Tables that stay readable on a phone: ``{% table "stacked" %}<table>…</table>{% endtable %}``.

Every table of the site goes through this tag, in one of two layouts (as KERN UX and
GOV.UK do it):

``stacked`` (lists: participants, my measures, invitations …)
    Below 48em each row becomes a block and each cell a line under its column's
    header, which the tag copies into the cell as ``data-label`` (the header's ``abbr``
    if it has one, else its visible text). site.css draws the label; the table, its
    caption and its header cells stay in the markup for screen readers. Cells with
    nothing in them are marked ``data-empty`` and not shown stacked.

``scroll`` (wide data: statistics, funding, the mail log …)
    The table keeps its columns; words never break inside a cell, and the table
    scrolls sideways inside a region that is named by its visible caption and can be
    reached and scrolled by keyboard. ``label="some-id"`` names the region by another
    visible element (a heading) instead; the caption may then be visually hidden.

The tag only adds attributes to the table it wraps; the table itself keeps its
``<caption>``, ``<th scope>`` and KERN classes as written in the template.
"""

import itertools
import re
from html import unescape

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

LAYOUTS = ("stacked", "scroll")
_COUNTER = "teilhabe.web.tables.counter"
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


# A tag of the rendered table: comment, end tag or start tag with its attributes (quoted
# values may hold ">"). The tables are our own templates' output, escaped by Django, so
# one regular expression reads them; html.parser did the same job several times slower
# (it was a quarter of the time of a page with many tables).
_TAG = re.compile(
    r"""<(?:!--.*?-->|(/)?([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>)""", re.DOTALL
)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?""")


def _attributes(text):
    attributes = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2)
        if value is not None:
            value = unescape(value[1:-1] if value[:1] in ("'", '"') else value)
        attributes[match.group(1).lower()] = value
    return attributes


class _TableReader:
    """Reads the wrapped table: header labels, body cells, the caption.

    Records where attributes are to be inserted (offsets in the source) rather than
    writing the markup anew, so everything else stays byte for byte as rendered."""

    def __init__(self, source):
        self.source = source
        self.labels = []  # one per column of the header row
        self.cells = []  # [offset after tag name, column, has_content, is_row_header]
        self.caption = None  # (offset after tag name, attrs, visually hidden)
        self._section = None
        self._header_cell = None  # {parts, abbr, span}
        self._hidden_depth = 0
        self._column = 0
        self._cell = None

    def read(self):
        source, position = self.source, 0
        for match in _TAG.finditer(source):
            if match.start() > position:
                self._data(unescape(source[position : match.start()]))
            position = match.end()
            closing, tag, rest = match.groups()
            if tag is None:  # a comment
                continue
            tag = tag.lower()
            if closing:
                self._end(tag)
            elif rest.rstrip().endswith("/"):
                # <br/>, <img/>: content of a cell, never a nesting level.
                if self._cell is not None and tag != "br":
                    self._cell[2] = True
            else:
                self._start(tag, _attributes(rest), match.start())
        if position < len(source):
            self._data(unescape(source[position:]))
        return self

    def _start(self, tag, attributes, offset):
        if tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "caption":
            hidden = "sr-only" in (attributes.get("class") or "").split()
            self.caption = (offset + len("<caption"), attributes, hidden)
        elif tag == "tr":
            self._column = 0
        elif tag in ("td", "th"):
            span = int(attributes.get("colspan") or 1)
            if self._section == "thead":
                self._header_cell = {"parts": [], "abbr": attributes.get("abbr"), "span": span}
                self._hidden_depth = 0
            elif self._section in ("tbody", "tfoot"):
                is_row_header = tag == "th"
                self._cell = [offset + 1 + len(tag), self._column, False, is_row_header]
                self.cells.append(self._cell)
            self._column += span
        else:
            if self._cell is not None:
                self._cell[2] = True
            if self._header_cell is not None and tag not in _VOID:
                classes = (attributes.get("class") or "").split()
                if self._hidden_depth or "sr-only" in classes:
                    self._hidden_depth += 1

    def _end(self, tag):
        if tag in ("td", "th"):
            if self._header_cell is not None:
                text = " ".join("".join(self._header_cell["parts"]).split())
                label = self._header_cell["abbr"] if self._header_cell["abbr"] is not None else text
                self.labels.extend([label] * self._header_cell["span"])
                self._header_cell = None
            self._cell = None
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = None
        elif self._header_cell is not None and self._hidden_depth:
            self._hidden_depth -= 1

    def _data(self, data):
        if self._cell is not None and data.strip():
            self._cell[2] = True
        if self._header_cell is not None and not self._hidden_depth:
            self._header_cell["parts"].append(data)


def _insert(source, insertions):
    """``source`` with each (offset, text) inserted, from the end backwards."""
    for offset, text in sorted(insertions, reverse=True):
        source = source[:offset] + text + source[offset:]
    return source


def _next_id(context):
    counter = context.render_context.get(_COUNTER)
    if counter is None:
        counter = context.render_context[_COUNTER] = itertools.count(1)
    return f"table-caption-{next(counter)}"


class TableNode(template.Node):
    def __init__(self, nodelist, layout, label):
        self.nodelist, self.layout, self.label = nodelist, layout, label

    def render(self, context):
        layout = self.layout.resolve(context)
        if layout not in LAYOUTS:
            raise template.TemplateSyntaxError(f"table layout must be one of {LAYOUTS}")
        source = self.nodelist.render(context)
        reader = _TableReader(source).read()
        if reader.caption is None:
            raise template.TemplateSyntaxError("a table needs a <caption>")
        if layout == "stacked":
            insertions = []
            for offset, column, has_content, is_row_header in reader.cells:
                if not has_content:
                    insertions.append((offset, " data-empty"))
                elif not is_row_header and column < len(reader.labels) and reader.labels[column]:
                    insertions.append((offset, f' data-label="{escape(reader.labels[column])}"'))
            # The rendered template with escaped attributes inserted.
            source = mark_safe(_insert(source, insertions))  # noqa: S308
            return format_html('<div class="table-stacked">{}</div>', source)
        label = self.label.resolve(context) if self.label else None
        if not label:
            offset, attributes, hidden = reader.caption
            if hidden:
                raise template.TemplateSyntaxError(
                    "a scrolling table is named by its caption, which must be visible "
                    "(or give label= the id of a visible heading)"
                )
            label = attributes.get("id")
            if not label:
                label = _next_id(context)
                source = mark_safe(_insert(source, [(offset, f' id="{label}"')]))  # noqa: S308
        return format_html(
            '<div class="table-scroll" role="region" aria-labelledby="{}" tabindex="0">{}</div>',
            label,
            source,
        )


@register.tag
def table(parser, token):
    """``{% table "stacked" %}`` or ``{% table "scroll" %}`` / ``{% table "scroll" label="id" %}``
    around one ``<table>``; see the module's docstring."""
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError('usage: {% table "stacked"|"scroll" [label="id"] %}')
    layout = parser.compile_filter(bits[1])
    label = None
    if len(bits) == 3:
        name, _, value = bits[2].partition("=")
        if name != "label" or not value:
            raise template.TemplateSyntaxError('usage: {% table "scroll" label="id" %}')
        label = parser.compile_filter(value)
    nodelist = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(nodelist, layout, label)

"""The markup behind "Tables on a phone": the {% table %} tag (web/templatetags/tables.py)
and the error summary (web/includes/form_errors.html). What a person sees of them is
tested in the browser (tests/browser/test_tables_on_a_phone.py)."""

import pytest
from django import forms
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

TABLE = """{% load tables %}{% table LAYOUT %}<table class="kern-table">
<caption CAPTION>Anmeldungen</caption>
<thead><tr><th scope="col">Name</th>
<th scope="col" abbr="Bedarf">Bedarf <span class="kern-badge">sensibel</span></th>
<th scope="col">Status &amp; Ort</th>
<th scope="col"><span class="sr-only">Aktionen</span></th></tr></thead>
<tbody><tr><th scope="row">Anna</th><td>Rollstuhl</td><td>bestätigt</td>
<td><a href="#">Absagen</a></td></tr>
<tr><th scope="row">Bao</th><td>
 </td><td>wartet</td><td></td></tr></tbody></table>{% endtable %}"""


def render(layout, caption='class="sr-only"', extra=""):
    source = TABLE.replace("LAYOUT", f'"{layout}"{extra}').replace("CAPTION", caption)
    return Template(source).render(Context({}))


def test_stacked_cells_carry_their_column_header():
    html = render("stacked")
    assert html.startswith('<div class="table-stacked"><table class="kern-table">')
    # The header's abbr, else its visible text; nothing for a column whose header is
    # for screen readers only; row headers are the row's title and carry no label.
    assert '<td data-label="Bedarf">Rollstuhl</td>' in html
    assert '<td data-label="Status &amp; Ort">bestätigt</td>' in html
    assert '<td><a href="#">Absagen</a></td>' in html
    assert '<th scope="row">Anna</th>' in html
    # Empty cells are marked, so that a stacked row does not show empty labels.
    assert html.count("<td data-empty") == 2
    # The table itself is as written: caption and header row stay.
    assert '<caption class="sr-only">Anmeldungen</caption>' in html
    assert html.count('<th scope="col"') == 4


def test_a_scrolling_table_is_a_region_named_by_its_caption():
    html = render("scroll", caption='class="kern-title"')
    assert html.startswith(
        '<div class="table-scroll" role="region" aria-labelledby="table-caption-1" tabindex="0">'
    )
    assert '<caption id="table-caption-1" class="kern-title">Anmeldungen</caption>' in html
    assert "data-label" not in html
    # A caption with its own id keeps it; or a visible heading names the region.
    html = render("scroll", caption='id="eigene" class="kern-title"')
    assert 'aria-labelledby="eigene"' in html
    html = render("scroll", extra=' label="ueberschrift"')
    assert 'aria-labelledby="ueberschrift"' in html


def test_each_scrolling_table_of_a_page_gets_its_own_caption_id():
    page = Template(
        '{% load tables %}{% for i in "ab" %}{% table "scroll" %}<table><caption>T</caption>'
        "<tbody><tr><td>1</td></tr></tbody></table>{% endtable %}{% endfor %}"
    ).render(Context({}))
    assert 'aria-labelledby="table-caption-1"' in page
    assert 'aria-labelledby="table-caption-2"' in page


@pytest.mark.parametrize(
    "layout, caption, message",
    [
        ("scroll", 'class="sr-only"', "must be visible"),
        ("wide", 'class="kern-title"', "layout must be one of"),
    ],
)
def test_the_tag_refuses_what_would_not_work(layout, caption, message):
    with pytest.raises(TemplateSyntaxError, match=message):
        render(layout, caption=caption)
    with pytest.raises(TemplateSyntaxError, match="needs a <caption>"):
        Template('{% load tables %}{% table "stacked" %}<table></table>{% endtable %}').render(
            Context({})
        )


class EventForm(forms.Form):
    name = forms.CharField(label="Name")
    format = forms.ChoiceField(
        label="Format", choices=[("a", "vor Ort"), ("b", "online")], widget=forms.RadioSelect
    )
    groups = forms.MultipleChoiceField(
        label="Gruppen", choices=[("x", "X")], widget=forms.CheckboxSelectMultiple
    )
    step = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Beginn liegt nach dem Ende.")


SUMMARY = Template('{% include "web/includes/form_errors.html" %}')


def test_the_error_summary_links_each_field_error_to_its_field():
    form = EventForm(data={})
    with translation.override("de"):
        html = SUMMARY.render(Context({"form": form}))
    assert 'id="form-errors" tabindex="-1" autofocus' in html
    # The form's own error first, as text (no field to go to); then each field's error
    # as a link to the field, a group's first option, in the reader's language.
    assert "<li>Beginn liegt nach dem Ende.</li>" in html
    assert (
        '<a class="kern-link" href="#id_name">Name: Dieses Feld ist zwingend erforderlich.' in html
    )
    assert '<a class="kern-link" href="#id_format_0">Format:' in html
    assert '<a class="kern-link" href="#id_groups_0">Gruppen:' in html
    # An error of a hidden field has nothing on the page to link to.
    assert "<li>Dieses Feld ist zwingend erforderlich.</li>" in html
    assert html.index("Beginn liegt") < html.index("#id_name") < html.index("#id_format_0")


def test_a_formsets_errors_link_to_the_part_they_concern():
    formset = forms.formset_factory(EventForm, extra=0)(
        # The first part left empty (not validated), the second started.
        data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-1-step": "x"}
    )
    with translation.override("de"):
        html = SUMMARY.render(Context({"form": None, "formset": formset}))
    # The second part's own error links to its first field.
    assert '<a class="kern-link" href="#id_form-1-name">Beginn liegt nach dem Ende.</a>' in html
    assert '<a class="kern-link" href="#id_form-1-format_0">Format:' in html


def test_no_errors_no_summary():
    assert SUMMARY.render(Context({"form": EventForm()})).strip() == ""

"""The consideration table of a consultation: every public demand with source, fields,
answer and measures; filters (bad values: a message, not a 500), pages, counts by
answer, and the same number of queries for 3 demands as for 60."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.consultation.models import Consultation

from .trail import build_trail


@pytest.fixture
def trail(municipality):
    return build_trail(municipality)


def table_url(language="en", consultation="analyse", municipality="dresden", **params):
    with translation.override(language):
        address = reverse(
            "consultation:consideration",
            kwargs={"municipality": municipality, "consultation": consultation},
        )
    if params:
        address += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return address


def page(client, address, status=200):
    response = client.get(address)
    assert response.status_code == status, address
    return response.content.decode()


def numbers(content):
    """The demand numbers listed in the table, in order."""
    body = content[content.index('class="kern-table kern-table--striped consideration-table"') :]
    return [int(n) for n in re.findall(r">Demand (\d+)</a>", body)]


def summary(content):
    body = content[content.index("consideration-summary") : content.index("</table>")]
    rows = re.findall(r"</span>([^<]+)</span></span>\s*</th><td[^>]*>(\d+)</td>", body)
    return {label: int(count) for label, count in rows}


def test_table_lists_every_public_demand_with_its_trail(client, trail):
    content = page(client, table_url())
    # Merged (6) is answered by 1 and not listed on its own.
    assert numbers(content) == [1, 2, 3, 4, 5]
    assert "5 demands" in content
    assert "More language courses." in content
    assert "Positionspapier der Migrantenorganisationen" in content
    assert "Sprache und Bildung" in content  # the comment's section
    assert "Integrationskonferenz" in content  # the station's event
    assert "/en/dresden/plan/ik/massnahmen/1.1.1/" in content
    assert "1.1.9" not in content  # a draft measure
    assert "Geheime Begründung" not in content and "Vorgeschlagene" not in content


def test_table_counts_demands_by_answer(client, trail):
    counts = summary(page(client, table_url()))
    assert counts == {
        "adopted": 1,
        "partly adopted": 1,
        "not adopted": 0,
        "noted": 0,
        "not answered yet": 3,  # no answer, a draft, a proposal
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "sprache"}, [1, 2]),
        ({"field": "arbeit"}, [3]),
        ({"outcome": "adopted"}, [1]),
        ({"outcome": "partly"}, [2]),
        ({"outcome": "open"}, [3, 4, 5]),
        ({"outcome": "not_adopted"}, []),
        ({"source": "statement"}, [1, 4, 5]),
        ({"source": "comment"}, [2]),
        ({"source": "station"}, [3]),
        ({"field": "sprache", "outcome": "open"}, []),
        ({"source": "statement", "outcome": "open"}, [4, 5]),
    ],
)
def test_filters(client, trail, params, expected):
    content = page(client, table_url(**params))
    assert (numbers(content) if expected else []) == expected
    if not expected:
        assert "No demand matches these filters." in content
    assert 'id="form-errors"' not in content


@pytest.mark.parametrize(
    "params",
    [
        {"outcome": "vielleicht"},
        {"field": "gibtsnicht"},
        {"source": "%3Cscript%3E"},
        {"page": "999"},
        {"page": "abc"},
    ],
)
def test_bad_filter_values_get_a_message_not_a_500(client, trail, params):
    response = client.get(table_url(**params))
    if "page" in params:
        assert response.status_code == 404
        return
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="form-errors"' in content
    assert "Select a valid choice." in content
    assert 'aria-invalid="true"' in content
    assert "<script>" not in content
    # The bad filter is left out: every demand is listed.
    assert numbers(content) == [1, 2, 3, 4, 5]


def test_a_bad_filter_leaves_the_good_ones_in_force(client, trail):
    content = page(client, table_url(outcome="vielleicht", source="comment"))
    assert 'id="form-errors"' in content
    assert numbers(content) == [2]


def test_table_is_paginated(client, municipality):
    build_trail(municipality, extra=50)
    first = page(client, table_url())
    assert len(numbers(first)) == 25
    assert "55 demands" in first
    last = page(client, table_url(page=3))
    assert numbers(last) == [52, 53, 54, 55, 56]


def test_export_links_carry_the_filters(client, trail):
    content = page(client, table_url(outcome="adopted", source="statement"))
    for fmt in ("csv", "xlsx", "pdf"):
        assert (
            f"/en/dresden/beteiligung/analyse/abwaegung.{fmt}?outcome=adopted&amp;source=statement"
            in content
        )


def test_unpublished_or_foreign_consultation_is_not_found(client, trail, other_municipality):
    page(client, table_url(municipality="leipzig"), status=404)
    page(client, table_url(consultation="gibtsnicht"), status=404)
    Consultation.objects.filter(pk=trail.consultation.pk).update(is_published=False)
    page(client, table_url(), status=404)


def test_demands_of_another_consultation_are_not_listed(client, trail, municipality):
    other = build_trail(municipality, slug="ik2", consultation_slug="andere")
    assert numbers(page(client, table_url())) == [1, 2, 3, 4, 5]
    assert other.adopted.consultation.slug == "andere"


def count_queries(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200, address
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"field": "sprache", "source": "statement"}, {"page": 2}])
def test_query_count_is_the_same_for_3_and_60_demands(client, municipality, params):
    build_trail(municipality, slug="klein", consultation_slug="klein", extra=0)
    build_trail(municipality, slug="gross", consultation_slug="gross", extra=55)
    if params.get("page"):
        small = count_queries(client, table_url(consultation="gross", page=1))
    else:
        small = count_queries(client, table_url(consultation="klein", **params))
    large = count_queries(client, table_url(consultation="gross", **params))
    assert small == large


def chart_url(consultation="analyse", municipality="dresden"):
    """The chart's address in German (no language prefix)."""
    with translation.override("de"):
        return reverse(
            "consultation:consideration_chart",
            kwargs={"municipality": municipality, "consultation": consultation},
        )


def test_chart_draws_the_counts_by_answer_without_scripts(client, trail):
    response = client.get("/en" + chart_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert "<svg" in svg and "<script" not in svg
    for label in ("adopted", "partly adopted", "not adopted", "noted", "not answered yet"):
        assert f">{label}<" in svg
    content = page(client, table_url())
    assert f'src="/en{chart_url()}"' in content
    assert 'alt="Chart: number of demands by answer.' in content


def test_chart_of_a_foreign_or_unpublished_consultation_is_not_found(
    client, trail, other_municipality
):
    assert client.get(chart_url(municipality="leipzig")).status_code == 404
    Consultation.objects.filter(pk=trail.consultation.pk).update(is_published=False)
    assert client.get(chart_url()).status_code == 404

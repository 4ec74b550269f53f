"""Rendered fragments cached by content version (teilhabe.web.caching.cached and
Django's {% cache %} on ``content_version``): reused while nothing changed, renewed
after a change is committed; a fixed number of queries with a cold and with a warm
fragment cache. The test settings switch fragment caching off (a test's transaction
never commits, so nothing would be renewed); here it is on, in the shared cache's table."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from teilhabe.plan.models import IndicatorValue, Status
from tests import factories
from tests.plan.factories import StatusReportFactory
from tests.plan.test_portal import build_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def municipality(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.MunicipalityFactory(name="Dresden", slug="dresden")


def committed(django_capture_on_commit_callbacks, change):
    with django_capture_on_commit_callbacks(execute=True):
        return change()


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    queries.last = [q["sql"] for q in captured]
    return len(captured), response.content.decode()


def cold(client, url):
    cache.clear()  # no fragments, no versions, no remembered ETags
    return queries(client, url)


def test_a_chart_is_drawn_once_per_version(
    client, municipality, django_capture_on_commit_callbacks
):
    plan = committed(
        django_capture_on_commit_callbacks, lambda: build_plan(municipality, "ik", 1, 1, 1, 0)
    )
    indicator = plan.indicators.filter(field__isnull=False).first()
    url = f"/dresden/plan/ik/diagramme/indicator-{indicator.pk}.svg"
    _count, svg = cold(client, url)
    assert any("plan_indicatorvalue" in sql for sql in queries.last)
    _count, again = queries(client, url)
    assert again == svg
    assert not any("plan_indicatorvalue" in sql for sql in queries.last)  # not drawn again

    committed(
        django_capture_on_commit_callbacks,
        lambda: IndicatorValue.objects.create(indicator=indicator, year=2030, value=777),
    )
    _count, changed = queries(client, url)
    assert "2030" in changed and "2030" not in svg


def test_the_status_bars_are_counted_once_per_version(
    client, municipality, django_capture_on_commit_callbacks
):
    committed(
        django_capture_on_commit_callbacks, lambda: build_plan(municipality, "ik", 2, 1, 2, 1)
    )
    url = "/dresden/plan/ik/"
    _count, before = queries(client, url)
    measure = municipality_measure(municipality)
    committed(
        django_capture_on_commit_callbacks,
        lambda: StatusReportFactory(
            measure=measure, status=Status.STOPPED, progress=0, reported_on=date(2026, 11, 1)
        ),
    )
    _count, after = queries(client, url)
    assert stopped(after) == stopped(before) + 2  # overall and in the measure's field


def stopped(page):
    """The stopped measures in the status legends of a page, added up."""
    legend = r'status-swatch status--stopped" aria-hidden="true"></span>[^<:]+: (\d+)'
    return sum(int(n) for n in re.findall(legend, page))


def municipality_measure(municipality):
    from teilhabe.plan.models import Measure

    return Measure.objects.filter(municipality=municipality).order_by("code").first()


@pytest.mark.parametrize("page", ["cycle", "chart"])
def test_query_counts_are_fixed_with_a_cold_and_with_a_warm_fragment_cache(
    client, municipality, django_capture_on_commit_callbacks, page
):
    def make():
        small = build_plan(municipality, "klein", 2, 2, 2, 2, extras=1)
        large = build_plan(municipality, "gross", 4, 3, 5, 6, extras=4)
        return small, large

    small, large = committed(django_capture_on_commit_callbacks, make)

    def url(plan):
        if page == "cycle":
            return f"/dresden/plan/{plan.slug}/"
        indicator = plan.indicators.order_by("pk").last()
        return f"/dresden/plan/{plan.slug}/diagramme/indicator-{indicator.pk}.svg"

    counts = {}
    for plan in (small, large):
        cold_count, _page = cold(client, url(plan))
        warm_count, _page = queries(client, url(plan))
        counts[plan.slug] = (cold_count, warm_count)
    assert counts["klein"] == counts["gross"]
    cold_count, warm_count = counts["klein"]
    assert warm_count < cold_count  # the fragment and the versions were found


def test_the_cache_tag_keys_on_the_content_version(
    municipality, django_capture_on_commit_callbacks
):
    template = Template(
        '{% load cache %}{% cache 600 "probe" municipality.pk content_version %}'
        "{{ municipality.name }}{% endcache %}"
    )

    def render():
        from teilhabe.web.context_processors import site

        request = RequestFactory().get("/")
        request.municipality = municipality
        return template.render(Context(site(request)))

    assert render() == "Dresden"
    type(municipality).objects.filter(pk=municipality.pk).update(name="Dresden (neu)")
    municipality.name = "Dresden (neu)"
    assert render() == "Dresden"  # no signal, no new version: the stored fragment
    committed(django_capture_on_commit_callbacks, municipality.save)
    assert render() == "Dresden (neu)"

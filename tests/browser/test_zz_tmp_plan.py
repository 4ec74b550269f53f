import pytest
from playwright.sync_api import expect
from .helpers import LANGUAGE_PREFIXES
from .test_accessibility import _check_reflow, _check_skip_link

pytestmark = pytest.mark.browser

@pytest.fixture
def plan_data(transactional_db):
    from tests import factories
    from tests.plan.test_portal import build_plan
    m = factories.MunicipalityFactory(name="Dresden", slug="dresden")
    c = build_plan(m, "ik", 2, 2, 2, 3, extras=2)
    f = c.fields.get(number=1); f.situation_en = "English."; f.save()
    return c

PATHS = ["/dresden/plan/", "/dresden/plan/ik/", "/dresden/plan/ik/zeitplan/", "/dresden/plan/ik/handlungsfelder/feld-1/",
         "/dresden/plan/ik/massnahmen/", "/dresden/plan/ik/massnahmen/?q=xyzxyz", "/dresden/plan/ik/massnahmen/1.1.1/", "/dresden/"]

@pytest.mark.parametrize("language", ["de", "en", "de-x-simple"])
def test_plan_pages(page, base_url, plan_data, axe_check, language):
    for path in PATHS:
        page.set_viewport_size({"width": 1280, "height": 900})
        r = page.goto(base_url + LANGUAGE_PREFIXES[language] + path)
        assert r.status == 200
        axe_check(page)
        expect(page.locator("h1")).to_have_count(1)
        _check_skip_link(page)
        _check_reflow(page)
        assert not page.console_errors, (path, page.console_errors)

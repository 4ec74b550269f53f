"""The API documentation page passes axe and reads at 360 px."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_api_docs_are_accessible(page, base_url, directory_data, axe_check):
    page.goto(f"{base_url}/dresden/")
    page.locator("footer a[href='/api/v1/docs']").click()
    page.wait_for_url(f"{base_url}/api/v1/docs")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main table tbody tr").first).to_be_visible()
    axe_check(page)
    page.set_viewport_size({"width": 360, "height": 640})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []

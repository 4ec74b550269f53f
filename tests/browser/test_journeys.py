"""Journeys a person takes: with the keyboard alone from the landing page to an
organisation's profile, and switching the language of a profile."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import tab_to

pytestmark = pytest.mark.browser


def test_keyboard_only_from_landing_page_to_profile(page, base_url, directory_data):
    organisation = directory_data.kulturverein
    page.goto(f"{base_url}/")
    page.wait_for_load_state()
    expect(page.locator("main a[href='/dresden/']")).to_be_visible()

    # Landing page: the card of Dresden.
    tab_to(page, "a[href='/dresden/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Landeshauptstadt Dresden")

    # Municipality home: the directory of organisations.
    tab_to(page, "a[href='/dresden/verzeichnis/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/dresden/verzeichnis/")
    page.wait_for_load_state()

    # The search field, reached by Tab; Enter submits the search.
    tab_to(page, "input[name=q]")
    page.keyboard.type("Kulturverein")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dresden/verzeichnis/\?(.*&)?q=Kulturverein"))
    results = page.locator("#results")
    result_link = results.locator(f"a[href='{organisation.get_absolute_url()}']")
    expect(result_link).to_be_visible()
    expect(results.locator("h3 a")).to_have_count(1)
    # The search field keeps focus after the results were updated, so the user
    # can go on tabbing from there to the results.
    expect(page.locator("input[name=q]")).to_be_focused()
    expect(page.locator("input[name=q]")).to_have_value("Kulturverein")

    tab_to(page, f"#results a[href='{organisation.get_absolute_url()}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}{organisation.get_absolute_url()}")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(organisation.name)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert not page.console_errors, page.console_errors


def test_language_switch_on_profile_shows_german_fallback_note(page, base_url, directory_data):
    organisation = directory_data.gemeinde  # German description only
    page.goto(f"{base_url}{organisation.get_absolute_url()}")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".fallback-note")).to_have_count(0)

    switch = page.locator("nav.language-switch")
    english = switch.locator("a[hreflang=en]")
    expect(english).to_have_text("English")
    expect(english).to_have_attribute("lang", "en")
    # The current language is marked, not linked.
    expect(switch.locator("[aria-current=true]")).to_have_attribute("lang", "de")

    english.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/en{organisation.get_absolute_url()}")
    page.wait_for_load_state()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(organisation.name)
    note = page.locator(".fallback-note")
    expect(note).to_be_visible()
    expect(note).to_have_text("This text is only available in German.")
    # The German text is marked as German, so screen readers pronounce it correctly.
    german_text = page.locator(".translated-text")
    expect(german_text).to_have_attribute("lang", "de")
    expect(german_text).to_contain_text("Geflüchteten aus der Ukraine")
    expect(switch.locator("[aria-current=true]")).to_have_attribute("lang", "en")

    # Back to German with the switcher: no note any more.
    switch.locator("a[hreflang=de]").click()
    page.wait_for_url(f"{base_url}{organisation.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".fallback-note")).to_have_count(0)


def test_translated_description_has_no_fallback_note(page, base_url, directory_data):
    organisation = directory_data.kulturverein  # has an English description
    page.goto(f"{base_url}/en{organisation.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".translated-text")).to_contain_text("language courses, festivals")
    expect(page.locator(".translated-text")).not_to_have_attribute("lang", "de")
    expect(page.locator(".fallback-note")).to_have_count(0)


LIVE_REGIONS_JS = """() => [...document.querySelectorAll(
    'main [aria-live]:not([aria-live=off]), main [role=status], main [role=alert], main output'
  )]"""


def test_updated_search_results_are_announced(page, base_url, directory_data):
    """htmx replaces the results without a page load. Screen readers learn of it only
    through a live region that was already in the page and whose text changes (WCAG
    4.1.3); a live region that is itself swapped in is not announced."""
    page.goto(f"{base_url}/dresden/verzeichnis/")
    page.wait_for_load_state()
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate(
        f"""() => {{
          window.__sameDocument = true;
          ({LIVE_REGIONS_JS})().forEach((el) => {{ el.__liveRegionBefore = true; }});
        }}"""
    )

    tab_to(page, "input[name=q]")
    page.keyboard.type("Kulturverein")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?(.*&)?q=Kulturverein"))
    expect(page.locator("#results h3 a")).to_have_count(1)
    assert page.evaluate("() => window.__sameDocument === true"), "htmx did not update in place"

    announced = page.evaluate(
        f"""() => ({LIVE_REGIONS_JS})()
              .filter((el) => el.__liveRegionBefore !== undefined)
              .map((el) => el.textContent.replace(/\\s+/g, ' ').trim())"""
    )
    assert any("1" in text for text in announced), (
        "no live region that was in the page before the search announces the new result "
        f"count; persistent live regions now read: {announced}"
    )

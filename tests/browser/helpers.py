"""Constants and helpers shared by the browser tests (fixtures are in conftest.py)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]

LANGUAGES = ["de", "en", "de-x-simple"]
# URL prefix per interface language: German has none.
LANGUAGE_PREFIXES = {"de": "", "en": "/en", "de-x-simple": "/de-x-simple"}
BROWSER_LOCALES = {"de": "de-DE", "en": "en-GB", "de-x-simple": "de-DE"}
DEFAULT_VIEWPORT = {"width": 1280, "height": 900}

# The other interface languages (settings.LANGUAGES): swept on SQLite only, see
# test_every_language.py; Arabic and Persian are written right to left.
OTHER_LANGUAGES = ["ar", "fa", "ru", "tr", "uk", "vi"]
RIGHT_TO_LEFT_LANGUAGES = ["ar", "fa"]
LANGUAGE_PREFIXES.update({code: f"/{code}" for code in OTHER_LANGUAGES})
BROWSER_LOCALES.update(
    {"ar": "ar-EG", "fa": "fa-IR", "ru": "ru-RU", "tr": "tr-TR", "uk": "uk-UA", "vi": "vi-VN"}
)

PASSWORD = "richtig-geheim-123"  # tests.factories.PASSWORD

# WCAG 2.4.7: a focused element shows an outline or a box shadow, on itself or on
# a pseudo-element (KERN's stretched card links draw the outline around the whole
# card with ::after).
FOCUS_INDICATOR_JS = """(el) => {
  const visible = (s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
    || (s.boxShadow && s.boxShadow !== 'none');
  return [null, '::before', '::after'].some((p) => visible(getComputedStyle(el, p)));
}"""

DESCRIBE_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('href') ? '[href=' + el.getAttribute('href') + ']' : '')
    + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';
}"""


def format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def run_axe(page, source):
    """Run axe-core (WCAG 2.0 A/AA and 2.1 AA rules) on the page; return the violations.

    axe is evaluated through the DevTools protocol, which the site's Content Security
    Policy does not govern, so the tests need not switch CSP off."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return result["violations"]


def assert_focus_visible(page):
    focused = page.locator(":focus")
    expect(focused).to_have_count(1)
    description = page.evaluate(DESCRIBE_FOCUS_JS)
    assert focused.evaluate(FOCUS_INDICATOR_JS), f"no visible focus indicator on {description}"
    expect(focused).to_be_in_viewport()


def tab_to(page, selector, max_tabs=60):
    """Press Tab until the focused element matches ``selector``; every element passed
    on the way must show its focus."""
    visited = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            visited.append("body")
            continue
        visited.append(page.evaluate(DESCRIBE_FOCUS_JS))
        assert_focus_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with {max_tabs} Tabs; focus went: {visited}")

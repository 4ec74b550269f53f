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

# The other interface languages (settings.LANGUAGES), swept with the three above by
# test_accessibility.py; Arabic and Persian are written right to left.
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


# Focus on a part of a form control that the browser draws itself (the calendar button
# of a date input, in its closed shadow tree): the control is the active element but
# not :focus.
INSIDE_A_CONTROL_JS = """() => {
  const el = document.activeElement;
  return !!el && !el.matches(':focus') && el.matches(':focus-within');
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
        # Only the violations are wanted: axe then skips describing every rule passed.
        """async (tags) => await axe.run(document, {
             runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        AXE_TAGS,
    )
    return result["violations"]


def translated(language, message, **values):
    """The interface text ``message`` (an English msgid) as the page shows it in
    ``language``: what a person reads, for asserting visible outcomes in any language."""
    from django.utils import translation

    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


# Chromium draws <input type=datetime-local> in the browser's own format, whatever the
# page's language: Debian's Chromium uses "mm/dd/yyyy, hh:mm AM/PM", another build may
# use "dd.mm.yyyy, hh:mm". Each is typed segment by segment; the year takes up to six
# digits, so Tab moves on to the time.
DATETIME_KEYS = {
    "month first, 12 hours": lambda m: [
        m.strftime("%m%d%Y"),
        "Tab",
        m.strftime("%I%M"),
        "A" if m.hour < 12 else "P",
    ],
    "day first, 24 hours": lambda m: [m.strftime("%d%m%Y"), "Tab", m.strftime("%H%M")],
}


def _press_keys(page, keys):
    for key in keys:
        if key == "Tab":
            page.keyboard.press("Tab")
        else:
            page.keyboard.type(key)


def datetime_format(browser):
    """Which of DATETIME_KEYS this browser's datetime-local input takes (tried on a
    page of its own)."""
    from datetime import datetime

    probe = datetime(2027, 1, 31, 22, 30)
    context = browser.new_context()
    try:
        page = context.new_page()
        for name, keys in DATETIME_KEYS.items():
            page.set_content('<input type="datetime-local" id="probe" autofocus>')
            page.locator("#probe").focus()
            _press_keys(page, keys(probe))
            if page.locator("#probe").input_value() == "2027-01-31T22:30":
                return name
    finally:
        context.close()
    pytest.fail("this Chromium's datetime-local input takes none of the known key orders")


def type_datetime(page, moment, key_order):
    """Type ``moment`` (local time) into the focused datetime-local input, as a person
    does with the keyboard (``key_order``: the ``datetime_format`` fixture)."""
    field = page.locator(":focus")
    _press_keys(page, DATETIME_KEYS[key_order](moment))
    expect(field).to_have_value(moment.strftime("%Y-%m-%dT%H:%M"))


def assert_focus_visible(page):
    if page.evaluate(INSIDE_A_CONTROL_JS):
        return  # e.g. a date input's calendar button: the browser draws it and its focus
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


# Tables on a phone (issue "Tables on a phone"): every rendered table cell is at least as
# wide as its widest word, measured as the browser draws it. A cell visually hidden by
# clipping (a stacked table's header row, kept for screen readers) is not drawn and not
# measured; nor is text in .sr-only.
NARROW_CELLS_JS = """() => {
  const clippedUpToTable = (cell) => {
    for (let el = cell; el && el.tagName !== 'TABLE'; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (s.clipPath !== 'none' || s.clip !== 'auto' || s.display === 'none') return true;
    }
    return false;
  };
  const problems = [];
  for (const cell of document.querySelectorAll('main table th, main table td')) {
    if (!cell.getClientRects().length || clippedUpToTable(cell)) continue;
    const s = getComputedStyle(cell);
    const content = cell.getBoundingClientRect().width
      - parseFloat(s.paddingInlineStart) - parseFloat(s.paddingInlineEnd)
      - parseFloat(s.borderInlineStartWidth) - parseFloat(s.borderInlineEndWidth);
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      const node = texts.currentNode, parent = node.parentElement;
      if (!parent.getClientRects().length || parent.closest('.sr-only')) continue;
      for (const word of node.data.split(/\\s+/).filter(Boolean)) {
        // The word alone, unbroken, in the same font as in the cell.
        const probe = document.createElement('span');
        probe.textContent = word;
        probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
        parent.appendChild(probe);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        if (width > content + 0.5) {
          problems.push(`${cell.tagName.toLowerCase()} "${word}": ${width.toFixed(1)}px`
            + ` in a cell of ${content.toFixed(1)}px`);
        }
      }
    }
  }
  return problems;
}"""

# Sideways scrolling happens only inside a region named by a visible element and
# reachable by keyboard (WCAG 1.4.10, 2.1.1).
UNLABELLED_SCROLLING_JS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`the page: ${root.scrollWidth}px`);
  for (const el of document.querySelectorAll('body *')) {
    const overflow = getComputedStyle(el).overflowX;
    if (!['auto', 'scroll'].includes(overflow) || el.scrollWidth <= el.clientWidth + 1) continue;
    const label = document.getElementById(el.getAttribute('aria-labelledby') || '');
    const labelShown = label && label.getClientRects().length
      && label.getBoundingClientRect().width > 1 && label.innerText.trim();
    const named = el.getAttribute('role') === 'region' && el.getAttribute('tabindex') === '0';
    if (!named || !labelShown) {
      problems.push(`${el.tagName.toLowerCase()}.${el.className}: scrolls without a visible label`);
    }
  }
  return problems;
}"""

# WCAG 2.5.5: a 44 x 44 px square from the box of each radio button and checkbox on
# (towards the label, in the reading direction) activates it wherever it is tapped: each
# of 5 x 5 points in it hits the input or its label.
SMALL_TARGETS_JS = """() => {
  const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
  const problems = [];
  const inputs = [...document.querySelectorAll('main input:is([type=radio], [type=checkbox])')];
  for (const input of inputs.filter((i) => i.getClientRects().length)) {
    input.scrollIntoView({block: 'center', behavior: 'instant'});
    const box = input.getBoundingClientRect();
    const label = input.labels && input.labels[0];
    const start = rtl ? box.right - 44 : box.left;
    let misses = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const hit = document.elementFromPoint(start + 1 + i * 10.5, box.top + 1 + j * 10.5);
        if (!(hit === input || (label && label.contains(hit)))) misses++;
      }
    }
    if (misses) {
      problems.push(`#${input.id} (${box.width}x${box.height}px): ${misses} of 25 points miss`);
    }
  }
  return problems;
}"""

"""Arabic and Persian pages, right to left, at 360 and 1280 CSS pixels.

What is checked, and why this way:

- The page says ``<html dir="rtl" lang="ar">``; the main navigation and the header start
  at the right.
- No horizontal scrolling, no text cut off, no text over other text. Not by pixels: the
  browser lists every visible text fragment (``Range.getClientRects``); each must lie
  inside the page (unless it sits in a scrollable table box), no element that clips its
  overflow may hold more than it shows, and no two fragments of different text may
  cover each other. Fragments are compared by the middle half of their height, because
  a tall script's glyph boxes (Arabic) reach into the neighbouring line without
  covering its letters.
- Noto Sans Arabic is served from our static files and is the font the browser actually
  draws the Arabic navigation with (DevTools: ``CSS.getPlatformFontsForNode``), which
  ``document.fonts.check`` alone cannot tell (it is true when no such font is declared).
- "Screenshot-compared": each page is taken in German and in Arabic at the same width.
  Reference images in the repository would break with every font or Chromium update, so
  the Arabic page is compared with the German page mirrored: the start edge of each
  landmark (flag, site title, first navigation item, first breadcrumb, h1, first footer
  link) must lie where the mirrored German one lies, within 2 px; in the screenshots
  (Pillow) the flag's pixels must be mirrored too, and the breadcrumb separator must
  point left in Arabic and right in German (its ink's tip, not its glyph). Text widths
  differ between languages, so only start edges are compared. The screenshots, with the
  mirrored German one beside the Arabic one, are saved under var/screenshots/rtl/ for
  people to look at.
- KERN's select arrow sits at the end of the field (the mirrored KERN style sheet).
- Mixed text: a German organisation name, a phone number and a measure code inside
  Arabic text keep their own order (checked by where the browser draws their first and
  last characters).
- The check-in page on a phone, in Arabic, by keyboard and by touch.

Right-to-left rendering does not depend on the database: marked ``once`` (SQLite run).
"""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import BROWSER_LOCALES, LANGUAGE_PREFIXES
from .test_accessibility import PAGES, _ensure_events, _ensure_plan

# On CI's PostgreSQL run, so that its two runs take about as long (tests/conftest.py).
pytestmark = [pytest.mark.browser, pytest.mark.once(database="postgresql")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "rtl"
WIDTHS = [360, 1280]
TOLERANCE = 2  # CSS pixels

# The landmarks whose start edge must mirror (first visible match of each selector).
LANDMARKS = {
    "flag": ".kern-kopfzeile__flagge",
    "site title": ".site-title",
    "first navigation item": ".main-nav li:first-child",
    "first breadcrumb": ".breadcrumbs li:first-child",
    "h1": "main h1",
    "first footer link": ".site-footer li:first-child",
}

BOXES_JS = """(landmarks) => {
  // The page's own width: the scroll bar's reserved gutter (KERN: scrollbar-gutter:
  // stable) stays on the right in both directions and is no part of the mirror.
  const out = {width: document.documentElement.getBoundingClientRect().width};
  for (const [name, selector] of Object.entries(landmarks)) {
    const el = document.querySelector(selector);
    if (!el || !el.checkVisibility()) continue;
    const r = el.getBoundingClientRect();
    out[name] = {left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY};
  }
  return out;
}"""

TEXT_PROBLEMS_JS = r"""() => {
  const width = document.documentElement.clientWidth;
  const skipped = (el) => el.closest(
    '.sr-only, .kern-sr-only, .skip-link, script, style, template, noscript, select, option');
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
       ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const scroller = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll') return e;
    }
    return null;
  };
  const problems = [];
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.trim();
    const el = node.parentElement;
    if (!text || !el || skipped(el)) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = scroller(el);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      if (!box && (r.left < -0.5 || r.right > width + 0.5)) {
        problems.push(`outside the page: ${describe(el)} "${text.slice(0, 40)}"`
          + ` from ${Math.round(r.left)} to ${Math.round(r.right)} of ${width}px`);
      }
      boxes.push({node, el, text: text.slice(0, 40), box, left: r.left, right: r.right,
                  top: r.top + r.height / 4, bottom: r.bottom - r.height / 4});
    }
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (skipped(el) || !el.checkVisibility() || !el.clientWidth) continue;
    if (!(el.innerText || '').trim()) continue;
    const s = getComputedStyle(el);
    if (['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`cut off: ${describe(el)} shows ${el.clientWidth} of ${el.scrollWidth}px`);
    }
    if (['hidden', 'clip'].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1) {
      problems.push(`cut off: ${describe(el)} shows ${el.clientHeight} of ${el.scrollHeight}px`);
    }
  }
  boxes.sort((a, b) => a.top - b.top);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].top < a.bottom; j++) {
      const b = boxes[j];
      if (a.node === b.node || a.box !== b.box) continue;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 1) {
        problems.push(`overlap: ${describe(a.el)} "${a.text}" and ${describe(b.el)} "${b.text}"`);
      }
    }
  }
  return problems.slice(0, 25);
}"""

# Where the browser draws the first and the last character of ``text`` inside an element
# (found in one text node, whatever markup surrounds it).
CHARACTER_EDGES_JS = """(el, text) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(text);
    if (i < 0) continue;
    const rect = (k) => { const r = document.createRange(); r.setStart(n, k);
      r.setEnd(n, k + 1); return r.getBoundingClientRect(); };
    const a = rect(i), b = rect(i + text.length - 1);
    return {firstX: a.left + a.width / 2, lastX: b.left + b.width / 2,
            sameLine: Math.abs(a.top - b.top) < 2};
  }
  return null;
}"""


SELECT_ARROW_JS = """(el) => {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el, '::after');
  const center = r.left + parseFloat(s.left) + parseFloat(s.width) / 2;
  return (center - r.left) / r.width;
}"""


def _check_in(page, base_url, prefix, data, log_in):
    """The staff check-in page of the workshop, logged in as the integration office."""
    from datetime import timedelta

    from django.utils import timezone

    from teilhabe.accounts.models import Role, User
    from teilhabe.events.models import Event
    from tests import factories
    from tests.events.factories import RegistrationFactory

    _ensure_events(data)
    office = User.objects.filter(email="einlass@example.org").first()
    if office is None:
        office = factories.RoleFactory(
            municipality=data.dresden,
            kind=Role.Kind.OFFICE_ADMIN,
            user__email="einlass@example.org",
        ).user
        workshop = Event.objects.get(slug="werkstatt")
        workshop.capacity = 5
        # Check-in is open on the day of the event only: the event runs now.
        workshop.starts_at = timezone.now() - timedelta(hours=1)
        workshop.ends_at = timezone.now() + timedelta(hours=2)
        workshop.save()
        data.anna = RegistrationFactory(event=workshop, name="Anna Ankunft")
        data.boris = RegistrationFactory(
            event=workshop, name="Boris Beispiel", organisation_name="Ukrainische Gemeinde e. V."
        )
    log_in(page, office, prefix)
    return page.goto(f"{base_url}{prefix}/dresden/veranstaltungen/werkstatt/einlass/")


LAYOUT_PAGES = {
    "landing": PAGES["landing"],
    "plan-cycle": PAGES["plan-cycle"],
    "plan-measure": PAGES["plan-measure"],
    "plan-measures": PAGES["plan-measures"],
    "event": PAGES["event"],
    "event-register": PAGES["event-register"],
    "check-in": _check_in,
}


@pytest.fixture
def fresh(context, page):
    """Visit a page with a clean session and a given window width."""

    def visit(page_type, language, width, base_url, data, log_in):
        context.clear_cookies()
        page.set_viewport_size({"width": width, "height": 800})
        response = LAYOUT_PAGES[page_type](
            page, base_url, LANGUAGE_PREFIXES[language], data, log_in
        )
        page.wait_for_load_state()
        if response is not None:
            assert response.status == 200, page.url
        page.evaluate("async () => { await document.fonts.ready; }")
        return page

    return visit


def _image(page):
    from PIL import Image

    return Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")


def _save(name, arabic, german):
    """The Arabic page, and beside it the German one mirrored, for people to compare."""
    from PIL import Image, ImageOps

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    arabic.save(SCREENSHOTS / f"{name}-ar.png")
    german.save(SCREENSHOTS / f"{name}-de.png")
    mirrored = ImageOps.mirror(german)
    gap = 16
    both = Image.new(
        "RGB",
        (arabic.width + gap + mirrored.width, max(arabic.height, mirrored.height)),
        "white",
    )
    both.paste(arabic, (0, 0))
    both.paste(mirrored, (arabic.width + gap, 0))
    both.save(SCREENSHOTS / f"{name}-ar-beside-de-mirrored.png")


def flag_columns(image, top, bottom):
    """First and last pixel column of the flag's red stripe (#D00) between two rows."""
    columns = [
        x
        for x in range(image.width)
        for y in range(int(top), int(bottom) + 1, 2)
        if _near(image.getpixel((x, y)), (221, 0, 0))
    ]
    return (min(columns), max(columns)) if columns else None


def _near(pixel, colour, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def pointing(image, box):
    """Which way a chevron in ``box`` (left, top, right, bottom) points: its tip is the
    ink that reaches furthest out in the middle rows compared with the top and bottom."""
    crop = image.crop(tuple(round(v) for v in box)).convert("L")
    ink = [
        (x, y) for x in range(crop.width) for y in range(crop.height) if crop.getpixel((x, y)) < 128
    ]
    assert ink, f"no ink in the separator box {box}"
    top = min(y for _, y in ink)
    bottom = max(y for _, y in ink)
    third = (bottom - top) / 3
    middle = [x for x, y in ink if top + third <= y <= bottom - third]
    outer = [x for x, y in ink if y < top + third or y > bottom - third]
    assert middle and outer, f"the separator in {box} is not a chevron"
    return "right" if sum(middle) / len(middle) > sum(outer) / len(outer) else "left"


SEPARATOR_BOX_JS = """() => {
  const li = document.querySelector('.breadcrumbs li + li');
  if (!li) return null;
  const item = li.getBoundingClientRect();
  const r = document.createRange();
  r.selectNodeContents(li);
  const content = [...r.getClientRects()].filter(b => b.width > 0)[0];
  const rtl = getComputedStyle(li).direction === 'rtl';
  // The ::before separator lies between the item's start edge and its content.
  return rtl ? [content.right + 1, item.top + scrollY, item.right, item.bottom + scrollY]
             : [item.left, item.top + scrollY, content.left - 1, item.bottom + scrollY];
}"""


def check_right_to_left(page, language):
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", language)
    width = page.evaluate("() => innerWidth")
    scroll_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"horizontal scrolling on {page.url}: {scroll_width} > {width}"
    problems = page.evaluate(TEXT_PROBLEMS_JS)
    assert not problems, f"text problems on {page.url} at {width}px:\n" + "\n".join(problems)
    # The main navigation starts at the right: its first item right of its second when
    # they share a row.
    items = page.locator(".main-nav li")
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    if abs(first["y"] - second["y"]) < 2:
        assert first["x"] > second["x"], "the main navigation does not start at the right"
    for wrapper in page.locator(".kern-form-input__select-wrapper").all():
        share = wrapper.evaluate(SELECT_ARROW_JS)
        assert share < 0.5, f"the select arrow sits at {share:.0%} of the field, not at its end"
    assert not page.console_errors, page.console_errors


def check_arabic_font(page):
    """Noto Sans Arabic comes from our static files and draws the Arabic navigation."""
    loaded = page.evaluate(
        """() => performance.getEntriesByType('resource')
              .filter(e => e.name.includes('/static/vendor/noto-sans-arabic/')
                           && e.name.endsWith('.woff2') && e.responseStatus === 200)
              .map(e => e.name)"""
    )
    assert loaded, "Noto Sans Arabic was not loaded from our static files"
    assert page.evaluate(
        """() => document.fonts.check('16px "Noto Sans Arabic"', 'العربية')
                 && [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Noto Sans Arabic'
                                                  && f.status === 'loaded')"""
    )
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": ".main-nav a"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    # Spaces come from Fira Sans (the Arabic subset has none); the letters must not.
    glyphs = {f["familyName"]: f["glyphCount"] for f in fonts}
    arabic = glyphs.get("Noto Sans Arabic", 0)
    assert arabic > sum(glyphs.values()) / 2, f"the Arabic navigation is drawn with {glyphs}"


def compare_with_mirrored_german(german_boxes, arabic_boxes, german_image, arabic_image):
    width = german_boxes["width"]
    assert arabic_boxes["width"] == width
    compared = 0
    for name in LANDMARKS:
        if name not in german_boxes or name not in arabic_boxes:
            continue
        german_start = german_boxes[name]["left"]
        arabic_start = width - arabic_boxes[name]["right"]
        assert abs(german_start - arabic_start) <= TOLERANCE, (
            f"{name}: starts {german_start:.0f}px from the left in German but "
            f"{arabic_start:.0f}px from the right in Arabic"
        )
        compared += 1
    assert compared >= 4, f"only {compared} landmarks to compare"

    flag = german_boxes["flag"]
    german_flag = flag_columns(german_image, flag["top"], flag["bottom"])
    arabic_flag = flag_columns(arabic_image, flag["top"], flag["bottom"])
    assert german_flag and arabic_flag, "the flag was not found in the screenshots"
    assert abs(german_flag[0] - (width - 1 - arabic_flag[1])) <= TOLERANCE, (
        f"flag pixels at {german_flag} in German, {arabic_flag} in Arabic: not mirrored"
    )


@pytest.fixture
def browser_locale():
    return BROWSER_LOCALES["ar"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_type", list(LAYOUT_PAGES))
def test_arabic_page_mirrors_the_german_one(
    fresh, base_url, directory_data, log_in, axe_check, page_type, width
):
    page = fresh(page_type, "de", width, base_url, directory_data, log_in)
    german_boxes = page.evaluate(BOXES_JS, LANDMARKS)
    german_separator = page.evaluate(SEPARATOR_BOX_JS)
    german_image = _image(page)

    fresh(page_type, "ar", width, base_url, directory_data, log_in)
    check_right_to_left(page, "ar")
    check_arabic_font(page)
    axe_check(page)
    arabic_boxes = page.evaluate(BOXES_JS, LANDMARKS)
    arabic_separator = page.evaluate(SEPARATOR_BOX_JS)
    arabic_image = _image(page)
    _save(f"{page_type}-{width}", arabic_image, german_image)

    compare_with_mirrored_german(german_boxes, arabic_boxes, german_image, arabic_image)
    assert (german_separator is None) == (arabic_separator is None)
    if german_separator:
        assert pointing(german_image, german_separator) == "right"
        assert pointing(arabic_image, arabic_separator) == "left", (
            "the breadcrumb separator does not point the reading direction in Arabic"
        )


@pytest.mark.parametrize("page_type", ["plan-measure", "event-register", "check-in"])
def test_persian_page_on_a_phone(fresh, base_url, directory_data, log_in, axe_check, page_type):
    page = fresh(page_type, "fa", 360, base_url, directory_data, log_in)
    check_right_to_left(page, "fa")
    check_arabic_font(page)
    axe_check(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{page_type}-360-fa.png", full_page=True)


def _reads_left_to_right(locator, text):
    edges = locator.evaluate(CHARACTER_EDGES_JS, text)
    assert edges, f"{text!r} not found in one piece"
    assert edges["sameLine"], f"{text!r} is broken over lines: {edges}"
    assert edges["firstX"] < edges["lastX"], f"{text!r} is drawn right to left: {edges}"


def test_names_codes_and_phone_numbers_keep_their_order_in_arabic(
    page, base_url, directory_data, log_in
):
    _ensure_plan(directory_data)
    _ensure_events(directory_data)
    page.set_viewport_size({"width": 1280, "height": 800})

    # A German organisation name inside an Arabic sentence: the closing full stop of
    # "e. V." stays after the V instead of jumping to the sentence's other end.
    log_in(page, directory_data.representative, "/ar")
    link = page.locator("main a[href$='/kulturverein/bearbeiten/']")
    assert link.evaluate("el => getComputedStyle(el).direction") == "rtl"
    _reads_left_to_right(link, "Dresden e. V.")

    # A German event title in an Arabic heading.
    page.goto(f"{base_url}/ar/dresden/veranstaltungen/werkstatt/anmelden/")
    expect(page.locator("main h1 bdi")).to_have_text("Werkstatt Ankommen")

    # A phone number: its groups stay in order.
    page.goto(f"{base_url}/ar/dresden/verzeichnis/organisationen/kulturverein/")
    _reads_left_to_right(page.locator("main dd", has_text="0351"), "0351 1234567")

    # A measure code in an Arabic sentence, left to right.
    page.goto(f"{base_url}/ar/dresden/plan/ik/massnahmen/1.1.1/")
    code = page.locator("main .kern-preline bdi[dir=ltr]")
    expect(code).to_have_text("1.1.1")
    assert code.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert not page.console_errors, page.console_errors


def test_check_in_on_a_phone_in_arabic_by_keyboard_and_touch(
    browser, base_url, directory_data, log_in, axe_check
):
    """The door staff's page on a phone, in Arabic: search, check in by keyboard,
    check in by tapping, undo; the page stays right to left and within the screen."""
    from teilhabe.events.models import Registration

    phone = browser.new_context(
        locale=BROWSER_LOCALES["ar"],
        viewport={"width": 360, "height": 740},
        has_touch=True,
        is_mobile=True,
    )
    try:
        page = phone.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        _check_in(page, base_url, "/ar", directory_data, log_in)
        anna, boris = directory_data.anna, directory_data.boris
        check_right_to_left(page, "ar")
        axe_check(page)
        # The name column starts at the right, the buttons are on its left.
        name_cell = page.locator(f"#check-in-{anna.pk} th").bounding_box()
        button_cell = page.locator(f"#check-in-{anna.pk} td").bounding_box()
        assert name_cell["x"] > button_cell["x"]

        # By keyboard: search for Anna, Tab to her button, Enter.
        page.locator("#check-in-q").focus()
        page.keyboard.type("Anna")
        expect(page.locator("#check-in-list tbody tr")).to_have_count(1)
        button = page.locator(f"#check-in-{anna.pk} button[value=check_in]")
        for _ in range(6):
            page.keyboard.press("Tab")
            if button.evaluate("el => el === document.activeElement"):
                break
        expect(button).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator(f"#check-in-{anna.pk} button[value=undo]")).to_be_visible()
        expect(page.locator("#check-in-count")).to_contain_text("1")

        # By touch: show everyone again and tap Boris's button.
        page.locator("#check-in-q").fill("")
        expect(page.locator("#check-in-list tbody tr")).to_have_count(2)
        page.locator(f"#check-in-{boris.pk} button[value=check_in]").tap()
        expect(page.locator(f"#check-in-{boris.pk} button[value=undo]")).to_be_visible()
        expect(page.locator("#check-in-count")).to_contain_text("2")
        check_right_to_left(page, "ar")
        axe_check(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "check-in-360-ar-after.png", full_page=True)
        checked_in = Registration.objects.filter(checked_in_at__isnull=False)
        assert set(checked_in.values_list("pk", flat=True)) == {anna.pk, boris.pk}
    finally:
        phone.close()

"""The integration office adds Ukrainian without a deploy, sees what is missing, exports
the texts as XLIFF, imports the translated file (preview, then confirmation) and finds
the Ukrainian text on the public page, with axe on each page (every page of the
workflow, in every language checked, is swept in test_accessibility.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def office(directory_data):
    from teilhabe.accounts.models import Role
    from tests import factories

    return factories.RoleFactory(
        municipality=directory_data.dresden,
        kind=Role.Kind.OFFICE_ADMIN,
        user__email="buero@example.org",
        user__full_name="Bea Büro",
    ).user


def translate(xliff_text):
    """What the agency does: a Ukrainian target for every German source."""

    def add_target(match):
        source = match.group(1)
        return f'{match.group(0)}<target xml:space="preserve">UK: {source}</target>'

    return re.sub(
        r'<source xml:space="preserve">(.*?)</source>', add_target, xliff_text, flags=re.S
    )


def test_office_adds_ukrainian_translates_and_publishes(
    page, base_url, log_in, office, directory_data, axe_check, tmp_path
):
    log_in(page, office)
    page.locator("main a[href$='/dresden/uebersetzungen/sprachen/']").click()
    expect(page.locator("h1")).to_have_text("Inhaltssprachen")
    axe_check(page)

    # German cannot be switched off: a clear error, nothing saved.
    page.locator("input[name=languages][value=de]").uncheck()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Deutsch ist die Sprache")
    axe_check(page)

    page.locator("input[name=languages][value=de]").check()
    page.locator("input[name=languages][value=uk]").check()
    page.locator("select[name=fallback_uk]").select_option("en")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/dresden/uebersetzungen/")
    expect(page.locator(".kern-alert, [role=status]").first).to_contain_text("gespeichert")
    ukrainian = page.locator("main table tr", has=page.locator("a[href$='/uebersetzungen/uk/']"))
    missing = int(ukrainian.locator("td").nth(1).inner_text())
    assert missing > 0
    axe_check(page)

    # The public pages offer Ukrainian at once.
    page.goto(f"{base_url}/dresden/")
    expect(page.locator(".language-switch a[hreflang=uk]")).to_have_count(1)
    expect(page.locator("link[rel=alternate][hreflang=uk]")).to_have_count(1)

    page.goto(f"{base_url}/dresden/uebersetzungen/uk/")
    expect(page.locator("main")).to_contain_text("Zu übersetzende Texte")
    axe_check(page)
    page.locator("input[name=include][value=missing]").check()
    page.locator("input[name=format][value=xliff]").check()
    with page.expect_download() as download_info:
        page.locator("main form[action$='/export/'] button[type=submit]").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlf")
    exported = tmp_path / "export.xlf"
    download.save_as(exported)
    text = exported.read_text(encoding="utf-8")
    assert text.count("<unit ") == missing
    returned = tmp_path / "returned.xlf"
    returned.write_text(translate(text), encoding="utf-8")

    page.goto(f"{base_url}/dresden/uebersetzungen/import/")
    axe_check(page)
    page.locator("input[type=file][name=file]").set_input_files(str(returned))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/uebersetzungen/import/\d+/$"))
    expect(page.locator("main table tbody tr")).to_have_count(missing)
    expect(page.locator("main")).to_contain_text("neue Übersetzung")
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/dresden/uebersetzungen/uk/")
    expect(page.locator("main")).to_contain_text("Jeder Text ist übersetzt und aktuell.")

    page.goto(f"{base_url}/uk/dresden/")
    expect(page.locator("main")).to_contain_text(
        "UK: Dresden ist eine Stadt, in der Menschen aus über 150 Ländern leben."
    )
    assert page.console_errors == []


@pytest.mark.parametrize("width, beside", [(1280, True), (360, False)])
def test_staff_form_shows_each_language_beside_its_german_source(
    page, base_url, log_in, directory_data, width, beside
):
    """The organisation's profile form: on a desktop the German source stands beside
    each translation's input, on a phone above it; German comes first either way."""
    from teilhabe.languages import services

    services.change_content_languages(directory_data.dresden, ["de", "en", "ar"], {})
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, directory_data.representative)
    page.goto(f"{base_url}/dresden/verzeichnis/organisationen/kulturverein/bearbeiten/")
    rows = page.locator(".translated-field").first.locator(".translated-field__row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("label")).to_contain_text("Deutsch")
    arabic = rows.nth(2)
    expect(arabic.locator("textarea, input")).to_have_attribute("lang", "ar")
    source = arabic.locator(".translated-field__source").bounding_box()
    field = arabic.locator("textarea, input").bounding_box()
    if beside:
        assert source["x"] + source["width"] <= field["x"]
        assert abs(source["y"] - field["y"]) < field["height"]
    else:
        assert source["y"] + source["height"] <= field["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width

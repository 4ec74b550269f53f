"""Bodies in the browser (issue 12), one lean journey on the Dresden demo: a visitor
opens FAG 1 and finds seed 004's member list (0 axe violations); the office adds a
member with a period that ends before it starts, is told so beside the field, corrects
it and finds the member on the body's page."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.once(database="postgresql")]


def test_a_fag_page_lists_seed_004s_members_and_the_office_adds_one(
    page, base_url, transactional_db, log_in, axe_check
):
    from teilhabe.accounts.models import Role
    from teilhabe.demo.loader import load_dresden
    from teilhabe.tenants.models import Municipality
    from tests import factories

    load_dresden()
    office = factories.RoleFactory(
        municipality=Municipality.objects.get(slug="dresden"), kind=Role.Kind.OFFICE_ADMIN
    ).user

    page.goto(f"{base_url}/dresden/gremien/")
    page.get_by_role("link", name="FAG 1: Wirtschaft, Arbeit, Berufsausbildung").click()
    expect(page.locator("h1")).to_have_text("FAG 1: Wirtschaft, Arbeit, Berufsausbildung")
    members = page.locator("#former-members > li")
    expect(members).to_have_count(15)  # 11 organisations, Ämter 10, 15, 51 and 80
    expect(page.locator("#former-members")).to_contain_text("Technische Universität Dresden")
    expect(page.locator("#former-members")).to_contain_text("80 – Amt für Wirtschaftsförderung")
    expect(page.locator("#former-members")).to_contain_text(
        "Verein der Vietnamesen in Dresden e. V. (zugleich Vertreter des Ausländerbeirats)"
    )
    expect(page.locator("#body-period")).to_have_text("Juli 2009 bis Mai 2013")
    axe_check(page)

    log_in(page, office)
    page.goto(f"{base_url}/dresden/gremien/fag-1/")
    page.locator("#manage-links").get_by_role("link", name="Mitglieder verwalten").click()
    page.locator("#id_person_name").fill("Vertreterin der Handwerkskammer")
    page.locator("#id_starts_on").fill("2012-01-01")
    page.locator("#id_ends_on").fill("2011-12-31")
    page.get_by_role("button", name="Mitglied hinzufügen").click()
    expect(page.locator("#form-errors")).to_be_focused()
    expect(page.locator("#id_ends_on-error")).to_contain_text(
        "Der Zeitraum kann nicht enden, bevor er beginnt."
    )
    axe_check(page)
    page.locator("#id_ends_on").fill("2013-05-31")
    page.get_by_role("button", name="Mitglied hinzufügen").click()
    expect(page.locator("#former-members")).to_contain_text("Vertreterin der Handwerkskammer")
    page.get_by_role("link", name="Zurück zum Gremium").click()
    expect(page.locator("#former-members > li")).to_have_count(16)
    expect(page.locator("#former-members")).to_contain_text("Vertreterin der Handwerkskammer")

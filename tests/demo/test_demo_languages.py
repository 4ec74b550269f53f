"""The Dresden demo in the languages of the people its plan is for: eight content
languages; the landing text, the 2021–2026 field titles and goals and the upcoming
sample event in Arabic, Ukrainian and Russian, marked as sample translations; every
other text falls back to German visibly."""

import pytest

from teilhabe.events.models import Event
from teilhabe.plan.models import ConceptCycle, FieldOfAction, Goal
from teilhabe.tenants.models import Municipality

SAMPLE = ["ar", "uk", "ru"]


@pytest.fixture
def dresden(db, dresden_demo):
    return Municipality.objects.get(slug="dresden")


def test_dresden_offers_eight_content_languages(dresden):
    assert dresden.offered_languages() == ["de", "de-x-simple", "en", "ar", "fa", "ru", "uk", "vi"]


def test_plan_landing_text_and_upcoming_event_have_sample_translations(dresden):
    cycle = ConceptCycle.objects.get(municipality=dresden, slug="2021-2026")
    fields = FieldOfAction.objects.filter(cycle=cycle)
    goals = Goal.objects.filter(field__cycle=cycle)
    event = Event.objects.get(municipality=dresden, slug="austausch-aktionsplan")
    texts = [dresden.introduction, cycle.title, event.title, event.description]
    texts += [field.title for field in fields] + [goal.title for goal in goals]
    assert len(fields) == 5 and len(goals) == 5
    for value in texts:
        for code in SAMPLE:
            assert value.text(code), (value.text("de"), code)
            assert value.is_sample(code), (value.text("de"), code)
            assert not value.is_outdated(code)
        # Translations that exist in the seeds are not samples.
        assert not value.is_sample("en")
    assert "خطة عمل الاندماج" in cycle.title.text("ar")


def test_other_texts_have_no_arabic(dresden):
    cycle = ConceptCycle.objects.get(municipality=dresden, slug="2021-2026")
    assert not cycle.summary.text("ar")
    older = FieldOfAction.objects.exclude(cycle=cycle)
    assert older.exists()
    assert not any(field.title.text("ar") for field in older)


def test_arabic_field_page_shows_samples_and_marks_german_fallbacks(client, dresden):
    page = client.get("/ar/dresden/plan/2021-2026/handlungsfelder/sprache-bildung/")
    content = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="ar"' in content
    assert '<h1 class="kern-heading-x-large">اللغة والتعليم</h1>' in content
    assert "تعزيز تعدد اللغات كنقطة قوة" in content
    # The situation has no Arabic text: German, marked, with a visible note in Arabic.
    assert '<div class="translated-text" lang="de" dir="auto">' in content
    assert "هذا النص متاح باللغة الألمانية فقط." in content
    # Measure titles in the table fall back too, each marked inline.
    assert '<small class="fallback-marker">(بالألمانية)</small>' in content


def test_arabic_landing_text_says_it_is_a_sample_translation(client, dresden):
    content = client.get("/ar/dresden/").content.decode()
    assert '<div class="translated-text" lang="ar" dir="auto">' in content
    assert "تعمل مدينة دريسدن بمفهوم للاندماج منذ عام 2009." in content
    assert "ترجمة نموذجية للعرض التوضيحي، لم يراجعها مترجم." in content
    english = client.get("/en/dresden/").content.decode()
    assert "The City of Dresden has worked with an integration concept" in english
    assert "sample-translation-note" not in english

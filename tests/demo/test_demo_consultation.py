"""The Dresden consultation demo: the 2021 consultation with its drafts in three
language versions, the DSM position paper of 17 March 2021, demands from it, from a
comment and from the 2023 conference's stations, and sample answers linked to measures
of the 2021–2026 plan (seeds 000, 001, 003, 004)."""

from datetime import date

import pytest

from teilhabe.consultation.models import Answer, Comment, Consultation, Demand, Statement
from teilhabe.demo.loader import load_dresden

CONSULTATION_KINDS = (
    "consultations",
    "drafts",
    "sections",
    "comments",
    "statements",
    "demands",
    "answers",
)


@pytest.fixture
def loaded(db, dresden_demo):
    pass


def test_the_2021_consultation_and_its_workshops(loaded):
    consultation = Consultation.objects.get(municipality__slug="dresden", slug="analyse-2021")
    assert consultation.cycle.slug == "2021-2026"
    assert (consultation.starts_on, consultation.ends_on) == (date(2021, 6, 1), date(2021, 7, 31))
    days = sorted(e.starts_at.date() for e in consultation.events.all())
    assert days == [date(2021, 6, 27), date(2021, 7, 3), date(2021, 7, 18)]


def test_the_second_draft_has_german_english_and_plain_language(loaded):
    draft = Consultation.objects.get(slug="analyse-2021").drafts.get(version=2)
    assert draft.published_on == date(2021, 5, 31)
    for section in draft.sections.exclude(text={}):
        assert set(section.text.languages()) >= {"de", "en", "de-x-simple"}, section.key
        # Invented text, said so in every language.
        assert section.text["de"].startswith("Beispieltext: ")
        assert section.text["en"].startswith("Sample text: ")
    # What changed from the first draft: one section more, one text longer.
    first = draft.consultation.drafts.get(version=1)
    added = set(draft.sections.values_list("key", flat=True)) - set(
        first.sections.values_list("key", flat=True)
    )
    assert added == {"migrantenorganisationen"}


def test_the_dsm_position_paper_and_its_demands(loaded):
    paper = Statement.objects.get(municipality__slug="dresden", kind="position_paper")
    assert paper.submitted_on == date(2021, 3, 17)
    assert [o.slug for o in paper.organisations.all()] == ["dsm"]
    assert "20 Migrantenorganisationen" in paper.basis["de"]
    assert paper.event.slug == "uebergabe-positionspapier-dsm-2021"
    assert paper.demands.count() == 6
    assert all(d.text["de"].startswith("Beispieldaten") for d in paper.demands.all())


def test_demands_from_a_comment_and_from_the_three_stations(loaded):
    from_comment = Demand.objects.get(source=Demand.Source.COMMENT)
    assert from_comment.comment.status == Comment.Status.PUBLISHED
    stations = Demand.objects.filter(source=Demand.Source.STATION).order_by("number")
    assert [d.station.item.event.slug for d in stations] == [
        "konferenz-migrantinnenorganisationen-2023"
    ] * 3


def test_sample_answers_link_measures_of_the_2021_plan(loaded):
    published = Answer.objects.public().filter(municipality__slug="dresden")
    assert published.count() == 8
    outcomes = set(published.values_list("outcome", flat=True))
    assert outcomes == {"adopted", "partly", "not_adopted", "noted"}
    for answer in published.exclude(measures=None):
        assert {m.cycle.slug for m in answer.measures.all()} == {"2021-2026"}
    assert all(a.reason["de"].startswith("Beispieldaten: ") for a in published)
    # One proposal waits for the office; one demand has no answer yet.
    assert Answer.objects.filter(state=Answer.State.PROPOSED).count() == 1
    assert Demand.objects.filter(answer__isnull=True).count() == 1
    assert Demand.objects.public().count() == 10


def test_loading_again_changes_nothing(loaded):
    report = load_dresden()
    for kind in CONSULTATION_KINDS:
        assert set(report[kind]) == {"unchanged"}, kind

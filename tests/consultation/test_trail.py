"""The public trail of a demand: source → answer → measures and their status. Each
source kind, draft and proposed answers never shown, merged demands, what is not
public (404, also for another municipality), the demands a measure answers and what
became of an organisation's demands, with query counts that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from teilhabe.consultation import services
from teilhabe.consultation.models import Statement
from tests.plan.factories import ConceptCycleFactory

from .factories import make_demand
from .trail import answer, build_trail


@pytest.fixture
def trail(municipality):
    return build_trail(municipality)


def demand_url(demand, language=None, municipality="dresden"):
    with translation.override(language or "de"):
        return reverse(
            "consultation:demand",
            kwargs={
                "municipality": municipality,
                "cycle": demand.cycle.slug,
                "number": demand.number,
            },
        )


def page(client, address, status=200):
    response = client.get(address)
    assert response.status_code == status, address
    return response.content.decode()


def main(content):
    return content[content.index("<main") :]


def count_queries(client, address):
    client.get(address)  # warm caches (translations, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200, address
    return len(queries)


# --- The demand page ----------------------------------------------------------------------


def test_demand_from_a_position_paper_shows_the_whole_trail(client, trail):
    content = main(page(client, demand_url(trail.adopted, "en")))
    assert "Demand 1" in content
    assert "More language courses." in content
    # Source: the paper, its organisations (linked to their profiles) and its date.
    assert "Position paper" in content
    assert "Positionspapier der Migrantenorganisationen" in content
    assert "/dresden/verzeichnis/organisationen/dsm/" in content
    assert "Kulturverein" in content
    assert "March 17, 2021" in content or "17 March 2021" in content
    # Fields and tags.
    assert "/en/dresden/plan/ik/handlungsfelder/sprache/" in content and ">Sprache<" in content
    assert "Kurse" in content
    # The published answer: outcome, reason, department, date.
    assert "adopted" in content
    assert "Language cafés." in content
    assert "S50 – " in content and ">Sozialamt<" in content
    assert "2021-11-11" in content
    # Goals and public measures with their latest status; a draft measure never.
    assert "Mehr Menschen lernen Deutsch" in content
    assert "/dresden/plan/ik/massnahmen/1.1.1/" in content
    assert "in progress" in content and 'value="40"' in content
    assert "Geheimer Entwurf" not in content and "1.1.9" not in content


def test_demand_text_falls_back_to_german_visibly(client, trail):
    content = main(page(client, demand_url(trail.from_comment, "en")))
    assert 'lang="de"' in content
    assert "Sprachkurse auch am Abend anbieten." in content
    assert "This text is only available in German." in content


def test_demand_from_a_comment_names_the_section_of_the_draft(client, trail):
    content = main(page(client, demand_url(trail.from_comment, "en")))
    assert "Comment on a draft" in content
    assert "2.1" in content and "Sprache und Bildung" in content
    assert "draft 1" in content
    assert "partly adopted" in content and "Teilweise: zwei Abendkurse." in content


def test_demand_from_an_event_station_names_the_event(client, trail):
    content = main(page(client, demand_url(trail.from_station, "en")))
    assert "Event station" in content
    assert "Tisch Arbeit" in content
    assert "Integrationskonferenz" in content and "/dresden/veranstaltungen/konf/" in content
    assert "This demand has not been answered yet." in content


@pytest.mark.parametrize("which", ["draft_answered", "proposed"])
def test_a_draft_or_proposed_answer_is_never_shown(client, trail, which):
    content = main(page(client, demand_url(getattr(trail, which), "en")))
    assert "This demand has not been answered yet." in content
    assert "Begründung" not in content
    assert "not adopted" not in content and "noted" not in content


def test_a_withdrawn_answer_is_no_longer_shown(client, trail):
    services.withdraw_answer(trail.adopted.answer)
    content = main(page(client, demand_url(trail.adopted, "en")))
    assert "This demand has not been answered yet." in content
    assert "Language cafés." not in content


def test_merged_demand_points_to_the_demand_that_answers_it(client, trail):
    content = main(page(client, demand_url(trail.duplicate, "en")))
    assert "This demand was merged into demand 1, which answers for it." in content
    assert f'href="{demand_url(trail.adopted, "en")}"' in content
    assert "The answer" not in content
    kept = main(page(client, demand_url(trail.adopted, "en")))
    assert "Merged duplicates" in kept
    assert f'href="{demand_url(trail.duplicate, "en")}"' in kept


@pytest.mark.parametrize(
    "hide",
    [
        lambda t: Statement.objects.filter(pk=t.paper.pk).update(status=Statement.Status.DRAFT),
        lambda t: type(t.cycle).objects.filter(pk=t.cycle.pk).update(is_published=False),
    ],
    ids=["statement not handed in", "cycle unpublished"],
)
def test_a_demand_whose_source_is_not_public_is_not_found(client, trail, hide):
    hide(trail)
    page(client, demand_url(trail.adopted), status=404)
    page(client, demand_url(trail.duplicate), status=404)


def test_a_demand_from_a_hidden_comment_or_unpublished_event_is_not_found(client, trail):
    trail.comment.status = "hidden"
    trail.comment.save()
    trail.event.status = "draft"
    trail.event.save()
    page(client, demand_url(trail.from_comment), status=404)
    page(client, demand_url(trail.from_station), status=404)


def test_another_municipalitys_demand_is_not_found(client, trail, other_municipality):
    foreign = make_demand(cycle=ConceptCycleFactory(municipality=other_municipality, slug="ik"))
    answer(foreign)
    # Leipzig's demand 1 under Dresden's address: Dresden's own demand 1.
    assert "Mehr Sprachkurse für Erwachsene." in page(client, demand_url(trail.adopted))
    page(client, demand_url(foreign, municipality="dresden").replace("/ik/1/", "/ik/99/"), 404)
    # Dresden's demands under Leipzig's slug: Leipzig's cycle "ik" has only demand 1.
    page(client, demand_url(trail.from_comment, municipality="leipzig"), status=404)


def test_demand_page_query_count_does_not_grow(client, municipality):
    small = build_trail(municipality, slug="klein", consultation_slug="klein", extra=0)
    large = build_trail(municipality, slug="gross", consultation_slug="gross", extra=4)
    extra_measures = [small.measure]
    for n in range(3):
        from tests.plan.factories import MeasureFactory, StatusReportFactory

        measure = MeasureFactory(goal=large.goal, code=f"1.1.{n + 2}")
        StatusReportFactory(measure=measure, progress=10 * n)
        extra_measures.append(measure)
    services.merge_demands(large.adopted, [large.draft_answered, large.proposed])
    services.save_answer(
        large.adopted,
        user=None,
        outcome="adopted",
        reason="Mehr.",
        answered_on=large.adopted.answer.answered_on,
        goals=[large.goal],
        measures=[large.measure, *extra_measures[1:]],
    )
    counts = [count_queries(client, demand_url(d)) for d in (small.adopted, large.adopted)] + [
        count_queries(client, demand_url(d)) for d in (small.duplicate, large.duplicate)
    ]
    assert counts[0] == counts[1], counts
    assert counts[2] == counts[3], counts


# --- The measure page: the demands it answers ---------------------------------------------


def measure_url(measure, language="en"):
    with translation.override(language):
        return reverse(
            "plan:measure",
            kwargs={"municipality": "dresden", "cycle": measure.cycle.slug, "code": measure.code},
        )


def test_measure_page_lists_the_demands_whose_published_answer_links_it(client, trail):
    # A draft and a proposal linking the measure are not listed.
    answer(trail.draft_answered, measures=[trail.measure], publish=False, reason="Entwurf")
    answer(trail.proposed, measures=[trail.measure], propose=True, reason="Vorschlag")
    content = main(page(client, measure_url(trail.measure)))
    section = content[content.index('id="demands-heading"') : content.index("history-heading")]
    assert "Demands this measure answers" in section
    assert f'href="{demand_url(trail.adopted, "en")}"' in section
    assert "Demand 1</a> (adopted)" in section
    assert "More language courses." in section
    assert "Demand 4" not in section and "Demand 5" not in section


def test_measure_page_without_answered_demands_has_no_section(client, trail):
    from tests.plan.factories import MeasureFactory

    other = MeasureFactory(goal=trail.goal, code="1.1.5")
    assert "Demands this measure answers" not in page(client, measure_url(other))
    services.withdraw_answer(trail.adopted.answer)
    assert "Demands this measure answers" not in page(client, measure_url(trail.measure))


def test_the_demands_cost_the_measure_page_one_query_whatever_their_number(
    client, municipality, monkeypatch
):
    small = build_trail(municipality, slug="klein", consultation_slug="klein", extra=0)
    large = build_trail(municipality, slug="gross", consultation_slug="gross", extra=30)
    counts = [count_queries(client, measure_url(t.measure)) for t in (small, large)]
    assert counts[0] == counts[1], counts
    from teilhabe.consultation import selectors

    monkeypatch.setattr(selectors, "demands_answered_by", lambda measure: [])
    assert count_queries(client, measure_url(small.measure)) == counts[0] - 1


# --- The organisation's profile: what became of its demands --------------------------------


def organisation_url(slug, language="en"):
    with translation.override(language):
        return reverse("directory:organisation", kwargs={"municipality": "dresden", "slug": slug})


def outcome_list(content):
    section = content[content.index('id="demands-heading"') :]
    section = section[: section.index("</section>")]
    return section


def test_profile_counts_the_demands_of_the_organisations_statements_by_answer(client, trail):
    section = outcome_list(main(page(client, organisation_url("dsm"))))
    assert "What became of our demands" in section
    assert "contain 3 demands" in section  # 1, 4, 5; 6 was merged into 1
    for line in (
        "<li>adopted: 1</li>",
        "<li>partly adopted: 0</li>",
        "<li>not adopted: 0</li>",  # demand 4's answer is a draft
        "<li>noted: 0</li>",  # demand 5's answer is a proposal
        "<li>not answered yet: 2</li>",
    ):
        assert line in section
    with translation.override("en"):
        listing = reverse(
            "consultation:organisation_demands",
            kwargs={"municipality": "dresden", "organisation": "dsm"},
        )
    assert f'href="{listing}"' in section


def test_profile_of_an_organisation_without_demands_has_no_such_section(client, trail):
    from tests.factories import OrganisationFactory

    OrganisationFactory(municipality=trail.municipality, slug="still")
    assert "What became of our demands" not in page(client, organisation_url("still"))


def test_profile_does_not_count_a_statement_not_handed_in(client, trail):
    Statement.objects.filter(pk=trail.paper.pk).update(status=Statement.Status.DRAFT)
    assert "What became of our demands" not in page(client, organisation_url("dsm"))


def test_profile_query_count_does_not_grow_with_the_demands(client, municipality, monkeypatch):
    small = build_trail(municipality, slug="klein", consultation_slug="klein", extra=0)
    large = build_trail(municipality, slug="gross", consultation_slug="gross", extra=30)
    counts = [count_queries(client, organisation_url(t.dsm.slug)) for t in (small, large)]
    assert counts[0] == counts[1], counts
    from teilhabe.consultation import selectors

    monkeypatch.setattr(
        selectors, "organisation_outcome_summary", lambda organisation: {"total": 0}
    )
    assert count_queries(client, organisation_url(small.dsm.slug)) == counts[0] - 1


def organisation_demands_url(slug, language="en", municipality="dresden"):
    with translation.override(language):
        return reverse(
            "consultation:organisation_demands",
            kwargs={"municipality": municipality, "organisation": slug},
        )


def test_organisation_demands_lists_its_public_demands_with_answers(client, trail):
    content = main(page(client, organisation_demands_url("dsm")))
    rows = content[content.index("<tbody") : content.index("</tbody>")]
    assert rows.count("<tr") == 3
    assert f'href="{demand_url(trail.adopted, "en")}"' in rows
    assert "More language courses." in rows and "adopted" in rows
    assert "Dolmetscherpool aufbauen." in rows and "not answered yet" in rows
    assert "Geheime" not in rows and "noted" not in rows
    assert "Sprache und Bildung" not in rows  # a comment, not the organisation's statement


def test_organisation_demands_of_an_unpublished_or_foreign_organisation_is_not_found(
    client, trail, other_municipality
):
    page(client, organisation_demands_url("dsm", municipality="leipzig"), status=404)
    trail.dsm.is_published = False
    trail.dsm.save()
    page(client, organisation_demands_url("dsm"), status=404)


def test_organisation_demands_query_count_does_not_grow(client, municipality):
    small = build_trail(municipality, slug="klein", consultation_slug="klein", extra=0)
    large = build_trail(municipality, slug="gross", consultation_slug="gross", extra=30)
    counts = [count_queries(client, organisation_demands_url(t.dsm.slug)) for t in (small, large)]
    assert counts[0] == counts[1], counts

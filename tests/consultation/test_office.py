"""The office works the demands: the list with filters and groups (a fixed number of
queries), a statement's text or a station's results split into demands (preview, then
all or nothing, an error per bad line), a comment as a demand, merging duplicates
(refusals), fields and tags, and who may do any of it, role by role."""

import re

import pytest
from django.urls import reverse

from teilhabe.consultation import services
from teilhabe.consultation.models import Answer, Demand, DemandTag, Statement
from tests.events.factories import StationFactory
from tests.plan.test_portal import count_queries

from .factories import (
    AnswerFactory,
    CommentFactory,
    ConsultationFactory,
    DemandTagFactory,
    DraftFactory,
    SectionFactory,
    StatementFactory,
    make_demand,
)
from .office_fixtures import office_world  # noqa: F401


def url(name, municipality="dresden", **kwargs):
    return reverse(f"consultation:{name}", kwargs={"municipality": municipality, **kwargs})


def demand_url(name, demand, municipality="dresden"):
    return url(name, municipality, cycle=demand.cycle.slug, number=demand.number)


@pytest.fixture
def statement(world):
    return StatementFactory(cycle=world.cycle, organisations=[world.dsm], title="Papier des DSM")


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_demands_with_their_answer_state(client, world, statement):
    new = make_demand(statement=statement, text="Mehr Sprachkurse", fields=[world.field])
    drafted = make_demand(statement=statement, text="Mehr Räume")
    AnswerFactory(demand=drafted, state=Answer.State.DRAFT)
    proposed = make_demand(statement=statement, text="Mehr Beratung")
    AnswerFactory(demand=proposed, state=Answer.State.PROPOSED)
    foreign = make_demand(cycle=world.foreign_cycle, text="Fremde Forderung")
    client.force_login(world.office)
    page = client.get(url("demands")).content.decode()
    assert "Mehr Sprachkurse" in page and "Mehr Räume" in page and "Mehr Beratung" in page
    assert "Fremde Forderung" not in page
    assert demand_url("answer", new) in page
    waiting = client.get(url("demands") + "?state=proposed").content.decode()
    assert "Mehr Beratung" in waiting and "Mehr Räume" not in waiting
    unanswered = client.get(url("demands") + "?state=new").content.decode()
    assert "Mehr Sprachkurse" in unanswered and "Mehr Beratung" not in unanswered
    by_field = client.get(url("demands") + f"?field={world.field.pk}").content.decode()
    assert "Mehr Sprachkurse" in by_field and "Mehr Räume" not in by_field
    assert foreign.number == 1


def test_filters_by_tag_and_source_and_groups(client, world, statement):
    tag = DemandTagFactory(municipality=world.municipality, name="Sprache")
    tagged = make_demand(statement=statement, text="Sprachkurse am Abend", fields=[world.field])
    tagged.tags.add(tag)
    make_demand(statement=statement, text="Ohne Schlagwort")
    comment = CommentFactory(
        section=SectionFactory(
            draft=DraftFactory(consultation=ConsultationFactory(cycle=world.cycle))
        )
    )
    make_demand(comment=comment, text="Aus einem Kommentar")
    client.force_login(world.office)
    page = client.get(url("demands") + "?tag=sprache").content.decode()
    assert "Sprachkurse am Abend" in page and "Ohne Schlagwort" not in page
    page = client.get(url("demands") + "?source=comment").content.decode()
    assert "Aus einem Kommentar" in page and "Ohne Schlagwort" not in page
    grouped = client.get(url("demands") + "?group=tag").content.decode()
    assert grouped.index("Sprache") < grouped.index("Sprachkurse am Abend")
    assert grouped.index("Sprachkurse am Abend") < grouped.index("Ohne Schlagwort")
    grouped = client.get(url("demands") + "?group=field").content.decode()
    assert "Handlungsfeld Nummer 1" in grouped


def test_the_list_reads_with_the_same_number_of_queries_for_few_and_many(client, world):
    client.force_login(world.office)

    def add(n):
        for i in range(n):
            statement = StatementFactory(cycle=world.cycle, organisations=[world.dsm])
            demand = make_demand(statement=statement, text=f"Forderung {i}", fields=[world.field])
            demand.tags.add(DemandTagFactory(municipality=world.municipality))
            AnswerFactory(demand=demand, state=Answer.State.DRAFT)

    add(2)
    few = count_queries(client, url("demands"))
    grouped_few = count_queries(client, url("demands") + "?group=field")
    add(20)
    assert count_queries(client, url("demands")) == few
    assert count_queries(client, url("demands") + "?group=field") == grouped_few


# --- Splitting -----------------------------------------------------------------------------


SPLIT_TEXT = """- Mehr Sprachkurse für Erwachsene.
- Räume für Vereine in jedem Stadtteil.
- Eine Beratungsstelle für Anerkennung."""


def test_split_shows_a_preview_then_saves_all(client, world, statement):
    client.force_login(world.office)
    page = client.get(url("statement_split", pk=statement.pk))
    assert page.status_code == 200
    data = {"text": SPLIT_TEXT, "fields": [world.field.pk]}
    preview = client.post(url("statement_split", pk=statement.pk), data)
    assert preview.status_code == 200
    assert 'id="split-preview"' in preview.content.decode()
    assert not Demand.objects.exists()
    saved = client.post(url("statement_split", pk=statement.pk), {**data, "confirmed": "True"})
    assert saved.status_code == 302
    demands = list(Demand.objects.order_by("number"))
    assert [d.text.text("de") for d in demands] == [
        "Mehr Sprachkurse für Erwachsene.",
        "Räume für Vereine in jedem Stadtteil.",
        "Eine Beratungsstelle für Anerkennung.",
    ]
    assert all(d.statement == statement and list(d.fields.all()) == [world.field] for d in demands)


def test_split_by_paragraphs(client, world, statement):
    client.force_login(world.office)
    text = "Erster Absatz,\nüber zwei Zeilen.\n\n2. Zweiter Absatz."
    client.post(url("statement_split", pk=statement.pk), {"text": text, "confirmed": "True"})
    assert sorted(d.text.text("de") for d in Demand.objects.all()) == [
        "Erster Absatz, über zwei Zeilen.",
        "Zweiter Absatz.",
    ]


def test_split_refuses_bad_lines_each_with_its_error_and_saves_nothing(client, world, statement):
    client.force_login(world.office)
    text = "Eine gute Forderung.\nok\nNoch eine gute Forderung.\n" + "x" * 2001
    response = client.post(
        url("statement_split", pk=statement.pk), {"text": text, "confirmed": "True"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "2" in page and "ok" in page
    assert "4" in page and "2001" in page
    assert page.count('class="kern-link" href="#id_text"') == 2
    assert not Demand.objects.exists()


def test_split_refuses_a_field_of_another_municipality(client, world, statement):
    client.force_login(world.office)
    data = {"text": SPLIT_TEXT, "fields": [world.foreign_field.pk], "confirmed": "True"}
    assert client.post(url("statement_split", pk=statement.pk), data).status_code == 400
    assert not Demand.objects.exists()


def test_station_results_become_demands(client, world):
    station = StationFactory(
        item__event__municipality=world.municipality, results="Mehr Beratung.\nMehr Kurse im Ort."
    )
    client.force_login(world.office)
    event = station.item.event
    results = client.get(
        reverse("events:results", kwargs={"municipality": "dresden", "slug": event.slug})
    ).content.decode()
    assert url("station_demands", station=station.pk) in results
    page = client.get(url("station_demands", station=station.pk)).content.decode()
    assert "Mehr Kurse im Ort." in page
    data = {"cycle": world.cycle.pk, "text": station.results["de"], "confirmed": "True"}
    assert client.post(url("station_demands", station=station.pk), data).status_code == 302
    assert sorted(d.text.text("de") for d in Demand.objects.filter(station=station)) == [
        "Mehr Beratung.",
        "Mehr Kurse im Ort.",
    ]
    foreign = StationFactory(item__event__municipality=world.foreign_cycle.municipality)
    assert client.get(url("station_demands", station=foreign.pk)).status_code == 404
    data["cycle"] = world.foreign_cycle.pk
    assert client.post(url("station_demands", station=station.pk), data).status_code == 400
    assert Demand.objects.count() == 2


def test_a_published_comment_becomes_a_demand(client, world):
    consultation = ConsultationFactory(cycle=world.cycle)
    comment = CommentFactory(section=SectionFactory(draft=DraftFactory(consultation=consultation)))
    client.force_login(world.office)
    assert comment.text in client.get(url("comment_demand", pk=comment.pk)).content.decode()
    data = {"text": "Gekürzt: mehr Kurse", "fields": [world.field.pk]}
    assert client.post(url("comment_demand", pk=comment.pk), data).status_code == 302
    demand = Demand.objects.get()
    assert (demand.comment, demand.consultation, demand.source) == (
        comment,
        consultation,
        "comment",
    )
    hidden = CommentFactory(section=comment.section, status="hidden")
    assert client.get(url("comment_demand", pk=hidden.pk)).status_code == 404


# --- Merging -------------------------------------------------------------------------------


def test_merge_asks_first_then_merges(client, world, statement):
    keep = make_demand(statement=statement, text="Sprachkurse")
    twin = make_demand(statement=statement, text="Sprachkurse, zweimal", fields=[world.field])
    client.force_login(world.office)
    confirm = client.post(demand_url("demand_merge", keep), {"duplicates": [twin.pk]})
    assert confirm.status_code == 200 and 'id="what-happens"' in confirm.content.decode()
    twin.refresh_from_db()
    assert twin.merged_into is None
    done = client.post(
        demand_url("demand_merge", keep), {"duplicates": [twin.pk], "confirmed": "True"}
    )
    assert done.status_code == 302
    twin.refresh_from_db()
    assert twin.merged_into == keep
    assert list(keep.fields.all()) == [world.field]


def test_merge_refusals(client, world, statement):
    keep = make_demand(statement=statement, text="Behalten")
    answered = make_demand(statement=statement, text="Beantwortet")
    AnswerFactory(demand=answered, state=Answer.State.PUBLISHED)
    merged = make_demand(statement=statement, text="Schon zusammengeführt")
    other = make_demand(statement=statement, text="Andere")
    merged.merged_into = other
    merged.save()
    foreign = make_demand(cycle=world.foreign_cycle, text="Fremd")
    client.force_login(world.office)
    for duplicates in ([answered.pk], [merged.pk], [foreign.pk], [], [keep.pk]):
        response = client.post(
            demand_url("demand_merge", keep), {"duplicates": duplicates, "confirmed": "True"}
        )
        assert response.status_code == 400, duplicates
        assert 'id="form-errors"' in response.content.decode()
    # A demand merged into another cannot take duplicates itself.
    response = client.post(
        demand_url("demand_merge", merged), {"duplicates": [keep.pk], "confirmed": "True"}
    )
    assert response.status_code == 400
    assert not Demand.objects.filter(merged_into=keep).exists()
    assert Demand.objects.filter(merged_into__isnull=False).count() == 1


# --- Fields, tags ------------------------------------------------------------------------


def test_the_office_sets_fields_and_tags(client, world, statement):
    demand = make_demand(statement=statement, text="Alt")
    tag = DemandTagFactory(municipality=world.municipality)
    foreign_tag = DemandTagFactory(municipality=world.foreign_cycle.municipality)
    client.force_login(world.office)
    data = {"text_de": "Neu", "fields": [world.field.pk], "tags": [tag.pk]}
    assert client.post(demand_url("demand_edit", demand), data).status_code == 302
    demand.refresh_from_db()
    assert demand.text.text("de") == "Neu"
    assert list(demand.tags.all()) == [tag]
    bad = {**data, "tags": [foreign_tag.pk], "text_de": "Nicht gespeichert"}
    assert client.post(demand_url("demand_edit", demand), bad).status_code == 400
    bad = {**data, "fields": [world.foreign_field.pk], "text_de": "Nicht gespeichert"}
    assert client.post(demand_url("demand_edit", demand), bad).status_code == 400
    demand.refresh_from_db()
    assert demand.text.text("de") == "Neu" and list(demand.tags.all()) == [tag]


def test_the_office_manages_tags(client, world):
    client.force_login(world.office)
    data = {"name_de": "Wohnen", "slug": "wohnen"}
    assert client.post(url("tag_create"), data).status_code == 302
    tag = DemandTag.objects.get()
    assert tag.municipality == world.municipality
    assert client.post(url("tag_create"), data).status_code == 400  # the same short name
    edit = {"name_de": "Wohnen und Leben", "slug": "wohnen"}
    assert client.post(url("tag_edit", pk=tag.pk), edit).status_code == 302
    tag.refresh_from_db()
    assert tag.name.text("de") == "Wohnen und Leben"
    assert "Wohnen und Leben" in client.get(url("tags")).content.decode()


# --- Who may ---------------------------------------------------------------------------------


def office_pages(world, statement, demand, comment, station, tag):
    return [
        url("demands"),
        url("tags"),
        url("tag_create"),
        url("tag_edit", pk=tag.pk),
        url("statement_split", pk=statement.pk),
        url("station_demands", station=station.pk),
        url("comment_demand", pk=comment.pk),
        demand_url("demand_edit", demand),
        demand_url("demand_merge", demand),
        demand_url("answer_publish", demand),
        demand_url("answer_return", demand),
        demand_url("answer_withdraw", demand),
        demand_url("demand_unmerge", demand),
        url("tag_delete", pk=tag.pk),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("editor", 403),
        ("representative", 403),
        ("moderator", 403),
        ("foreign_office", 403),
    ],
)
def test_only_the_office_works_demands(client, world, statement, who, status):
    demand = make_demand(statement=statement, text="Unverändert")
    twin = make_demand(statement=statement, text="Zwilling")
    AnswerFactory(demand=demand, state=Answer.State.PROPOSED)
    comment = CommentFactory(
        section=SectionFactory(
            draft=DraftFactory(consultation=ConsultationFactory(cycle=world.cycle))
        )
    )
    station = StationFactory(item__event__municipality=world.municipality, results="Mehr.")
    tag = DemandTagFactory(municipality=world.municipality, name="Alt")
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for address in office_pages(world, statement, demand, comment, station, tag):
        assert client.get(address).status_code == status, address
        assert (
            client.post(
                address,
                {
                    "text": "Neu genug",
                    "duplicates": [twin.pk],
                    "confirmed": "True",
                    "note": "Bitte ändern",
                    "name_de": "Neu",
                    "slug": "neu",
                },
            ).status_code
            == status
        )
    assert Demand.objects.count() == 2
    assert not Demand.objects.filter(merged_into__isnull=False).exists()
    assert Answer.objects.get().state == Answer.State.PROPOSED
    assert DemandTag.objects.get().name.text("de") == "Alt"


def test_another_municipalitys_demands_are_not_found(client, world):
    statement = StatementFactory(cycle=world.foreign_cycle)
    demand = make_demand(statement=statement)
    AnswerFactory(demand=demand, state=Answer.State.PROPOSED)
    tag = DemandTagFactory(municipality=world.foreign_cycle.municipality)
    client.force_login(world.office)
    for address in [
        url("tag_edit", pk=tag.pk),
        url("tag_delete", pk=tag.pk),
        url("answer_withdraw", cycle=demand.cycle.slug, number=demand.number),
        url("demand_unmerge", cycle=demand.cycle.slug, number=demand.number),
        url("statement_split", pk=statement.pk),
        url("demand_edit", cycle=demand.cycle.slug, number=demand.number),
        url("demand_merge", cycle=demand.cycle.slug, number=demand.number),
        url("answer", cycle=demand.cycle.slug, number=demand.number),
        url("answer_publish", cycle=demand.cycle.slug, number=demand.number),
    ]:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"confirmed": "True"}).status_code == 404, address
    assert Answer.objects.get().state == Answer.State.PROPOSED
    assert Statement.objects.count() == 1


# --- The workspace -----------------------------------------------------------------------


def workspace(client, user):
    client.force_login(user)
    return client.get(reverse("workspace:home")).content.decode()


def test_the_office_workspace_counts_demands_to_work_on(client, world, statement):
    make_demand(statement=statement)
    make_demand(statement=statement)
    AnswerFactory(demand=make_demand(statement=statement), state=Answer.State.DRAFT)
    AnswerFactory(demand=make_demand(statement=statement), state=Answer.State.PROPOSED)
    AnswerFactory(demand=make_demand(statement=statement), state=Answer.State.PUBLISHED)
    make_demand(cycle=world.foreign_cycle)
    page = workspace(client, world.office)
    section = page[page.index('id="office-demands"') :]
    section = section[: section.index("</ul>")]
    assert "2 neue Forderungen, nicht beantwortet" in section
    assert url("demands") + "?state=proposed" in section
    assert url("demands") + "?state=new" in section
    assert url("statement_create") in section
    counts = [int(n) for n in re.findall(r">(\d+) ", section)]
    assert counts == [2, 1, 1]


def test_an_editor_sees_the_answers_given_to_their_department(client, world, statement):
    ours = make_demand(statement=statement, text="Für das Kulturamt")
    AnswerFactory(demand=ours, state=Answer.State.DRAFT, department=world.culture)
    theirs = make_demand(statement=statement, text="Für das Sozialamt")
    AnswerFactory(demand=theirs, state=Answer.State.DRAFT, department=world.social)
    page = workspace(client, world.editor)
    assert demand_url("answer", ours) in page
    assert "Für das Kulturamt" in page
    assert demand_url("answer", theirs) not in page


def test_a_representative_sees_our_statements_and_a_link_to_a_new_one(client, world):
    ours = StatementFactory(
        cycle=world.cycle, organisations=[world.dsm], status=Statement.Status.DRAFT, title="Unser"
    )
    other = StatementFactory(cycle=world.cycle, organisations=[world.other_org], title="Fremdes")
    page = workspace(client, world.representative)
    assert url("statement", pk=ours.pk) in page
    assert url("statement_hand_in", pk=ours.pk) in page
    assert url("statement", pk=other.pk) not in page
    assert url("statement_create") in page


def test_demands_of_a_draft_statement_wait_until_it_is_handed_in(client, world):
    draft = StatementFactory(
        cycle=world.cycle, organisations=[world.dsm], status=Statement.Status.DRAFT
    )
    demand = make_demand(statement=draft, text="Noch im Entwurf")
    client.force_login(world.office)
    assert "Noch im Entwurf" not in client.get(url("demands")).content.decode()
    section = workspace(client, world.office)
    assert "0 neue Forderungen, nicht beantwortet" in section
    draft.status = Statement.Status.SUBMITTED
    draft.save()
    assert "Noch im Entwurf" in client.get(url("demands")).content.decode()
    assert demand.number == 1


def test_the_translation_pages_link_statements_demands_tags_and_answers_to_their_pages(
    client, world
):
    from html import escape

    from django.utils import translation

    from teilhabe.languages import units

    statement = StatementFactory(cycle=world.cycle, organisations=[world.dsm])
    demand = make_demand(statement=statement, text="Mehr Sprachkurse")
    tag = DemandTagFactory(municipality=world.municipality, name="Sprache")
    AnswerFactory(demand=demand)
    with translation.override("de"):
        found = units.units_of(world.municipality)
    links = {unit.model.label: unit.edit_url for unit in found}
    assert links["consultation.statement"] == url("statement_edit", pk=statement.pk)
    assert links["consultation.demand"] == demand_url("demand_edit", demand)
    assert links["consultation.demandtag"] == url("tag_edit", pk=tag.pk)
    assert links["consultation.answer"] == demand_url("answer", demand)
    client.force_login(world.office)
    for unit in found:
        if unit.model.label.startswith("consultation."):
            page = client.get(unit.edit_url).content.decode()
            assert escape(unit.german) in page and "<form" in page, unit.id


@pytest.mark.django_db(transaction=True)
def test_two_tags_of_one_short_name_at_once_make_one_tag_and_one_form_error(
    live_server, world, monkeypatch
):
    """Both forms pass their check before either is saved (each save waits a moment):
    the database's constraint refuses the second, which shows the form's error."""
    import time

    from django.utils import translation
    from django.utils.translation import gettext

    from tests.simultaneous import staff_post_at_once

    save = DemandTag.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.3)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(DemandTag, "save", slow_save)
    results = staff_post_at_once(
        live_server.url,
        world.office,
        url("tag_create"),
        lambda number: {"name_de": f"Wohnen {number}", "slug": "wohnen"},
    )
    assert sorted(status for status, _page in results) == [302, 400]
    refused = next(page for status, page in results if status == 400)
    with translation.override("de"):
        assert gettext("Another tag already uses this short name.") in refused
    assert DemandTag.objects.filter(slug="wohnen").count() == 1


def test_a_merge_is_undone_after_confirming(client, world, statement):
    keep = make_demand(statement=statement, text="Sprachkurse")
    twin = make_demand(statement=statement, text="Sprachkurse, zweimal", fields=[world.field])
    services.merge_demands(keep, [twin])
    client.force_login(world.office)
    answer_page = client.get(demand_url("answer", twin)).content.decode()
    assert demand_url("demand_unmerge", twin) in answer_page
    assert demand_url("demand_merge", twin) not in answer_page
    confirm = client.get(demand_url("demand_unmerge", twin)).content.decode()
    assert 'id="what-happens"' in confirm
    twin.refresh_from_db()
    assert twin.merged_into == keep
    response = client.post(demand_url("demand_unmerge", twin))
    assert response.status_code == 302
    twin.refresh_from_db()
    assert twin.merged_into is None
    assert list(keep.fields.all()) == [world.field]  # stays, as the page said
    # Undone twice: told, nothing changes.
    again = client.post(demand_url("demand_unmerge", twin), follow=True)
    assert "Diese Forderung ist mit keiner anderen zusammengeführt." in again.content.decode()


def test_a_tag_is_deleted_after_confirming_and_its_demands_stay(client, world, statement):
    tag = DemandTagFactory(municipality=world.municipality, name="Wohnen")
    other = DemandTagFactory(municipality=world.municipality, name="Arbeit")
    tagged = [make_demand(statement=statement, text=f"F {n}") for n in range(2)]
    for demand in tagged:
        demand.tags.add(tag, other)
    client.force_login(world.office)
    assert url("tag_delete", pk=tag.pk) in client.get(url("tags")).content.decode()
    confirm = client.get(url("tag_delete", pk=tag.pk)).content.decode()
    assert "2 Forderungen verlieren dieses Schlagwort." in confirm
    assert DemandTag.objects.filter(pk=tag.pk).exists()
    assert client.post(url("tag_delete", pk=tag.pk)).status_code == 302
    assert not DemandTag.objects.filter(pk=tag.pk).exists()
    for demand in tagged:
        assert list(demand.tags.all()) == [other]
    assert Demand.objects.filter(statement=statement).count() == 2

"""The API's reads: every public object, filtered and paginated, and never what the
public must not see (tests/api/world.py plants it with the marker ``SECRET``)."""

import pytest

from teilhabe.consultation.models import Demand
from tests import factories
from tests.api import world
from tests.api.world import SECRET

API = "/api/v1/dresden"
C = f"{API}/cycles/ik-2021"

READS = [
    f"{API}/cycles",
    f"{C}",
    f"{C}/fields",
    f"{C}/goals",
    f"{C}/measures",
    f"{C}/reports",
    f"{C}/indicators",
    f"{C}/funding-lines",
    f"{C}/needs",
    f"{C}/demands",
    f"{API}/events",
    f"{API}/consultations",
    f"{API}/organisations",
    f"{API}/departments",
    f"{API}/bodies",
]


@pytest.fixture
def dresden(municipality):
    world.build(municipality)
    return municipality


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content)
    return response.json()


def items(client, url, **params):
    return get(client, url, **params)["items"]


@pytest.mark.parametrize("url", READS)
def test_lists_never_carry_what_is_not_public(client, dresden, url):
    body = client.get(url, {"limit": 100}).content.decode()
    assert body.startswith(("{", "[")) and len(body) > 50
    assert SECRET not in body
    assert "Vertrauliche Notiz" not in body and "intern@example.org" not in body


def detail_urls(client):
    field = items(client, f"{C}/fields")[0]["slug"]
    measure = items(client, f"{C}/measures")[0]["code"]
    events = [e["slug"] for e in items(client, f"{API}/events")]
    consultation = items(client, f"{API}/consultations")[0]["slug"]
    demands = [d["number"] for d in items(client, f"{C}/demands")]
    body = items(client, f"{API}/bodies")[0]["slug"]
    meetings = [m["id"] for m in get(client, f"{API}/bodies/{body}")["meetings"]]
    return [
        f"{C}/fields/{field}",
        f"{C}/measures/{measure}",
        f"{API}/consultations/{consultation}",
        *[f"{API}/events/{slug}" for slug in events],
        *[f"{C}/demands/{number}" for number in demands],
        f"{API}/bodies/{body}",
        *[f"{API}/bodies/{body}/meetings/{pk}" for pk in meetings],
    ]


def test_details_never_carry_what_is_not_public(client, dresden):
    urls = detail_urls(client)
    assert len(urls) == 10
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/cycles/ik-2027",
        f"{API}/cycles/ik-2027/measures",
        f"{API}/cycles/ik-2027/demands",
        f"{C}/fields/entwurf",
        f"{C}/measures/99.1.1",
        f"{API}/events/entwurf",
        f"{API}/consultations/geheim",
        f"{API}/bodies/intern",
    ],
)
def test_hidden_objects_are_not_found(client, dresden, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_demand_from_a_statement_not_handed_in_is_not_found(client, dresden):
    hidden = Demand.objects.get(text__de=f"{SECRET} Forderung")
    assert client.get(f"{C}/demands/{hidden.number}").status_code == 404


def test_cycle_with_its_timeline(client, dresden):
    cycle = get(client, C)
    assert cycle["title"] == {"de": "Integrationskonzept 2021"}
    assert [p["note"] for p in cycle["phases"]] == [{"de": "Entwurf in drei Werkstätten"}]
    assert [c["slug"] for c in get(client, f"{API}/cycles", phase="implementation")] == ["ik-2021"]
    assert get(client, f"{API}/cycles", phase="drafting") == []


def test_fields_and_goals(client, dresden):
    fields = items(client, f"{C}/fields")
    assert len(fields) == 1 and fields[0]["situation"] == {"de": "Die Lage heute."}
    field = get(client, f"{C}/fields/{fields[0]['slug']}")
    assert [g["code"] for g in field["goals"]] == [g["code"] for g in items(client, f"{C}/goals")]
    assert len(field["goals"]) == 1
    assert items(client, f"{C}/goals", field=fields[0]["number"]) == field["goals"]
    assert items(client, f"{C}/goals", field=98) == []


def test_measures_with_their_history_and_partners(client, dresden):
    listed = items(client, f"{C}/measures")
    assert len(listed) == 1
    measure = get(client, f"{C}/measures/{listed[0]['code']}")
    assert measure["status"] == "in_progress" and len(measure["lead_department_ids"]) == 2
    assert [r["reported_on"] for r in measure["reports"]] == sorted(
        (r["reported_on"] for r in measure["reports"]), reverse=True
    )
    assert len(measure["reports"]) == 2
    assert len(measure["partner_organisations"]) == 1  # the unpublished one is left out
    assert measure["target_groups"] == ["women"]


def test_measure_filters(client, dresden):
    measure = items(client, f"{C}/measures")[0]
    department = measure["lead_department_ids"][0]
    matching = {
        "status": "in_progress",
        "department": department,
        "field": measure["field"],
        "target_group": "women",
        "reported_since": measure["reported_on"],
        "q": measure["code"],
    }
    not_matching = {
        "status": "done",
        "department": department + 1000,
        "field": 98,
        "target_group": "seniors",
        "reported_since": "2099-01-01",
        "q": "nichtda",
    }
    for name, value in matching.items():
        assert [m["code"] for m in items(client, f"{C}/measures", **{name: value})] == [
            measure["code"]
        ], name
    for name, value in not_matching.items():
        assert items(client, f"{C}/measures", **{name: value}) == [], name


def test_status_reports_of_the_cycle(client, dresden):
    reports = items(client, f"{C}/reports")
    assert len(reports) == 2
    assert [r["is_highlight"] for r in items(client, f"{C}/reports", highlight=True)] == [True]
    assert len(items(client, f"{C}/reports", since="2023-05-01")) >= 1
    assert items(client, f"{C}/reports", withdrawn=True) == []
    assert items(client, f"{C}/reports", status="done") == []


def test_indicators_funding_and_needs(client, dresden):
    (indicator,) = items(client, f"{C}/indicators")
    assert [(v["year"], v["value"]) for v in indicator["values"]] == [(2021, 10.0), (2022, 12.0)]
    (line,) = items(client, f"{C}/funding-lines")
    assert [(a["year"], a["amount"]) for a in line["amounts"]] == [(2021, 36800.0), (2022, 40400.0)]
    assert items(client, f"{C}/funding-lines", department=line["department"]["id"]) == [line]
    assert items(client, f"{C}/funding-lines", department=line["department"]["id"] + 999) == []
    (need,) = items(client, f"{C}/needs")
    assert need["taken_up_by"] == f"ik-2021/{items(client, f'{C}/measures')[0]['code']}"


def test_events_with_programme(client, dresden):
    past = items(client, f"{API}/events", when="past")
    upcoming = items(client, f"{API}/events", when="upcoming")
    assert (len(past), len(upcoming)) == (1, 1)
    event = get(client, f"{API}/events/{past[0]['slug']}")
    (item,) = event["programme"]
    assert item["speakers"] == [
        {"name": "Amira K.", "function": "", "organisation": "", "organisation_slug": None}
    ]
    assert item["stations"][0]["results"] == {"de": "Mehr Wohnungen für Familien."}
    before = get(client, f"{API}/events/{upcoming[0]['slug']}")
    assert before["programme"][0]["stations"][0]["results"] == {}
    assert items(client, f"{API}/events", cycle="ik-2021") == past
    assert items(client, f"{API}/events", cycle="ik-2027") == []
    assert items(client, f"{API}/events", kind="conference") == []


def test_consultations_with_published_drafts(client, dresden):
    (consultation,) = items(client, f"{API}/consultations")
    detail = get(client, f"{API}/consultations/{consultation['slug']}")
    assert [d["title"] for d in detail["drafts"]] == [{"de": "Analyse"}]
    assert len(detail["events"]) == 1
    assert items(client, f"{API}/consultations", cycle="ik-2027") == []


def test_demands_with_published_answers_and_their_measures(client, dresden):
    demands = {d["text"]["de"]: d for d in items(client, f"{C}/demands")}
    assert set(demands) == {"Mehr Sprachkurse.", "Mehr Beratung.", "Mehr Wohnungen."}
    answered = demands["Mehr Sprachkurse."]
    assert answered["answer"]["outcome"] == "adopted"
    assert [m["code"] for m in answered["answer"]["measures"]] == [
        items(client, f"{C}/measures")[0]["code"]
    ]
    assert [o["name"] for o in answered["source"]["organisations"]] != []
    assert demands["Mehr Beratung."]["answer"] is None  # its answer is a draft
    assert demands["Mehr Wohnungen."]["source"]["kind"] == "station"

    def texts(**params):
        return sorted(d["text"]["de"] for d in items(client, f"{C}/demands", **params))

    assert texts(outcome="adopted") == ["Mehr Sprachkurse."]
    assert texts(outcome="open") == ["Mehr Beratung.", "Mehr Wohnungen."]
    assert texts(source="comment") == ["Mehr Beratung."]
    assert texts(field=answered["fields"][0]) == ["Mehr Sprachkurse."]
    assert texts(answered_since="2021-11-11") == ["Mehr Sprachkurse."]
    assert texts(answered_since="2021-11-12") == []


def test_organisations_changed_since(client, dresden):
    organisation = factories.OrganisationFactory(municipality=dresden, name="Neuer Verein")
    since = organisation.updated_at.isoformat()
    assert [o["name"] for o in items(client, f"{API}/organisations", updated_since=since)] == [
        "Neuer Verein"
    ]


def test_another_municipalitys_data_stays_there(client, dresden, other_municipality):
    world.build(other_municipality)
    ours = get(client, f"{C}/measures")["count"]
    assert ours == 1
    theirs = items(client, "/api/v1/leipzig/cycles/ik-2021/measures")
    assert [m["code"] for m in theirs] != [] and theirs != items(client, f"{C}/measures")


def test_lists_are_paginated(client, dresden):
    world.build(dresden, n=2)
    page = get(client, f"{C}/demands", limit=2, offset=1)
    assert (len(page["items"]), page["count"]) == (2, 9)

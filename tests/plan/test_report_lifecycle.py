"""Status reports through their life: one rule for the running cycle (my measures and
the overdue list agree), one report per form however often it is sent, withdrawal with a
reason kept in the history, and closed cycles that take no new reports."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import Role
from teilhabe.plan import services
from teilhabe.plan.models import Measure, Phase, Status, StatusReport
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
    StatusReportFactory,
)
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once

SUBMISSION_KEY = 'name="submission_key" value="([^"]+)"'


@pytest.fixture
def plan(municipality):
    culture = factories.DepartmentFactory(municipality=municipality, number="41", name="Kulturamt")
    cycle = ConceptCycleFactory(municipality=municipality, slug="2021-2026")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=3), code="3.2")
    measure = MeasureFactory(goal=goal, code="3.2.1", lead_departments=[culture])
    editor = factories.RoleFactory(
        municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR, departments=[culture]
    ).user
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    return {
        "cycle": cycle,
        "measure": measure,
        "culture": culture,
        "editor": editor,
        "office": office,
    }


def measure_in(municipality, department, phase, slug):
    cycle = ConceptCycleFactory(municipality=municipality, slug=slug, phase=phase)
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=1), code="1.1")
    return MeasureFactory(goal=goal, code="1.1.1", lead_departments=[department])


def kwargs_of(measure):
    return {
        "municipality": measure.municipality.slug,
        "cycle": measure.cycle.slug,
        "code": measure.code,
    }


def report_url(measure):
    return reverse("plan:report", kwargs=kwargs_of(measure))


def withdraw_url(report):
    return reverse(
        "plan:withdraw_report", kwargs={**kwargs_of(report.measure), "report": report.pk}
    )


def en(path):
    """The English page: the assertions read the interface's source strings."""
    return "/en" + path


def form_data(department, **changes):
    return {
        "reported_on": timezone.localdate().isoformat(),
        "status": "in_progress",
        "progress": "40",
        "text": "Die ersten Kurse laufen.",
        "evidence_url": "",
        "author_department": str(department.pk),
        **changes,
    }


# --- One rule for the running cycle -------------------------------------------------------


def test_overdue_list_shows_every_measure_my_measures_shows_as_never_reported(
    client, plan, municipality
):
    """The defect: "my measures" showed measures of every published cycle ("never"
    reported), the overdue list only those of adopted cycles, so the office read "all
    current". Both now ask MeasureQuerySet.running()."""
    culture = plan["culture"]
    measure_in(municipality, culture, Phase.CONSULTATION, "entwurf")
    measure_in(municipality, culture, Phase.SUPERSEDED, "alt")
    measure_in(municipality, culture, Phase.REPORTED, "abgeschlossen")
    running = measure_in(municipality, culture, Phase.ADOPTED, "beschlossen")

    client.force_login(plan["editor"])
    mine = client.get(reverse("plan:my_measures", kwargs={"municipality": "dresden"}))
    never = {(m.cycle.slug, m.code) for m in mine.context["measures"] if not m.latest_report}
    client.force_login(plan["office"])
    overdue = client.get(reverse("plan:overdue", kwargs={"municipality": "dresden"}))
    listed = {(m.cycle.slug, m.code) for m in overdue.context["measures"]}

    assert never == listed == {("2021-2026", "3.2.1"), ("beschlossen", running.code)}
    assert mine.context["overdue_ids"] == {m.pk for m in overdue.context["measures"]}


def test_the_running_cycle_is_published_and_in_force(municipality, plan):
    hidden = measure_in(municipality, plan["culture"], Phase.IMPLEMENTATION, "intern")
    hidden.cycle.is_published = False
    hidden.cycle.save()
    draft = MeasureFactory(goal=plan["measure"].goal, code="3.2.9", is_draft=True)
    running = set(Measure.objects.running())
    assert plan["measure"] in running
    assert hidden not in running and draft not in running
    assert set(services.stale_measures(municipality)) == {plan["measure"]}


# --- Filed once, however often it is sent -------------------------------------------------


def test_the_same_form_sent_twice_files_one_report(client, plan):
    client.force_login(plan["editor"])
    page = client.get(report_url(plan["measure"]))
    key = str(page.context["form"]["submission_key"].value())
    data = form_data(plan["culture"], submission_key=key)
    first = client.post(report_url(plan["measure"]), data)
    second = client.post(en(report_url(plan["measure"])), data, follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert StatusReport.objects.count() == 1
    report = StatusReport.objects.get()
    assert second.redirect_chain[-1][0].endswith(f"#report-{report.pk}")
    assert "This report had already been filed" in second.content.decode()


def test_each_rendering_of_the_form_files_its_own_report(client, plan):
    client.force_login(plan["editor"])
    keys = set()
    for text in ("Erster Bericht.", "Zweiter Bericht."):
        page = client.get(report_url(plan["measure"]))
        key = str(page.context["form"]["submission_key"].value())
        keys.add(key)
        data = form_data(plan["culture"], submission_key=key, text=text)
        assert client.post(report_url(plan["measure"]), data).status_code == 302
    assert len(keys) == 2
    assert StatusReport.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_files_one_report(live_server, municipality):
    """Two POSTs of one form arrive together (a double click): one report, and both
    requests end on the measure page, none on an error page."""
    department = factories.DepartmentFactory(municipality=municipality)
    measure = measure_in(municipality, department, Phase.IMPLEMENTATION, "laufend")
    editor = factories.RoleFactory(
        municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR, departments=[department]
    ).user
    session = Client()
    session.force_login(editor)
    split = urlsplit(live_server.url)
    path = report_url(measure)
    browsers = []
    for _ in range(2):
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        browsers.append(browser)
    status, page = browsers[0].request("GET", path)
    assert status == 200
    key = re.search(SUBMISSION_KEY, page).group(1)
    browsers[1].cookies.update(browsers[0].cookies)
    fields = {
        "csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1),
        "submission_key": key,
        **form_data(department),
    }
    results = run_at_once([lambda b=b: b.request("POST", path, fields) for b in browsers])
    for browser in browsers:
        browser.close()
    assert [status for status, _page in results] == [302, 302]
    assert StatusReport.objects.filter(measure=measure).count() == 1
    measure.refresh_from_db()
    assert measure.latest_report == StatusReport.objects.get(measure=measure)


@pytest.mark.django_db(transaction=True)
def test_the_service_files_one_report_per_key_when_called_at_once(municipality):
    department = factories.DepartmentFactory(municipality=municipality)
    measure = measure_in(municipality, department, Phase.IMPLEMENTATION, "laufend")
    key = "4f9d1a7e-9b1c-4c55-8d0e-0e5f2a1b3c4d"
    data = {
        "reported_on": timezone.localdate(),
        "status": Status.IN_PROGRESS,
        "progress": 10,
        "text": "x",
    }

    def file():
        return services.file_status_report(
            measure=measure, author=None, data=data, submission_key=key
        )

    results = run_at_once([file] * 6)
    assert sorted(created for _report, created in results) == [False] * 5 + [True]
    assert len({report.pk for report, _created in results}) == 1
    assert StatusReport.objects.filter(measure=measure).count() == 1


# --- Withdrawal ---------------------------------------------------------------------------


@pytest.fixture
def two_reports(plan):
    older = StatusReportFactory(
        measure=plan["measure"],
        reported_on=timezone.localdate() - timedelta(days=30),
        progress=20,
        author=plan["editor"],
        author_department=plan["culture"],
    )
    newer = StatusReportFactory(
        measure=plan["measure"],
        reported_on=timezone.localdate(),
        status=Status.DELAYED,
        progress=5,
        text="Falsche Maßnahme erwischt.",
        author=plan["editor"],
        author_department=plan["culture"],
    )
    return older, newer


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("author", True),
        ("office", True),
        ("operator", True),
        ("colleague", False),  # an editor of the same department who did not write it
        ("moderator", False),
        ("representative", False),
        ("foreign_office", False),
    ],
)
def test_who_may_withdraw_a_report(
    client, plan, two_reports, municipality, other_municipality, who, allowed
):
    users = {
        "author": plan["editor"],
        "office": plan["office"],
        "operator": factories.UserFactory(is_superuser=True, is_staff=True),
        "colleague": factories.RoleFactory(
            municipality=municipality,
            kind=Role.Kind.DEPARTMENT_EDITOR,
            departments=[plan["culture"]],
        ).user,
        "moderator": factories.RoleFactory(
            municipality=municipality, kind=Role.Kind.MODERATOR
        ).user,
        "representative": factories.RoleFactory(
            municipality=municipality, kind=Role.Kind.ORGANISATION_REPRESENTATIVE
        ).user,
        "foreign_office": factories.RoleFactory(
            municipality=other_municipality, kind=Role.Kind.OFFICE_ADMIN
        ).user,
    }
    _older, newer = two_reports
    user = users[who]
    assert user.has_perm("plan.withdraw_report", newer) == allowed
    client.force_login(user)
    assert client.get(withdraw_url(newer)).status_code == (200 if allowed else 403)
    response = client.post(withdraw_url(newer), {"reason": "Falsche Maßnahme."})
    assert response.status_code == (302 if allowed else 403)
    newer.refresh_from_db()
    assert newer.is_withdrawn == allowed
    page = client.get(plan["measure"].get_absolute_url()).content.decode()
    assert ('href="' + withdraw_url(newer) + '"' in page) is False  # gone or never offered
    older_link = 'href="' + withdraw_url(_older) + '"'
    assert (older_link in page) == allowed


def test_anonymous_is_sent_to_login(client, two_reports):
    response = client.post(withdraw_url(two_reports[1]), {"reason": "x"})
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert not StatusReport.objects.filter(withdrawn_at__isnull=False).exists()


def test_withdrawal_asks_first_and_says_what_will_happen(client, plan, two_reports):
    older, newer = two_reports
    client.force_login(plan["editor"])
    page = client.get(en(withdraw_url(newer))).content.decode()
    assert "What will happen" in page
    assert "The report is not deleted" in page
    assert f"{older.get_status_display()}, 20 %" in page
    newer.refresh_from_db()
    assert not newer.is_withdrawn  # asking changes nothing


def test_withdrawal_needs_a_reason_and_changes_nothing_without(client, plan, two_reports):
    newer = two_reports[1]
    client.force_login(plan["editor"])
    response = client.post(withdraw_url(newer), {"reason": "  "})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    newer.refresh_from_db()
    assert not newer.is_withdrawn
    assert Measure.objects.get(pk=plan["measure"].pk).latest_report == newer


def test_a_withdrawn_report_stays_in_the_history_but_no_longer_counts(client, plan, two_reports):
    older, newer = two_reports
    client.force_login(plan["office"])
    response = client.post(withdraw_url(newer), {"reason": "Zur falschen Maßnahme gemeldet."})
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.withdrawn_by == plan["office"] and newer.withdrawn_at is not None
    assert newer.withdrawal_reason == "Zur falschen Maßnahme gemeldet."
    measure = Measure.objects.get(pk=plan["measure"].pk)
    assert measure.latest_report == older
    assert measure.status == Status.IN_PROGRESS and measure.progress == 20
    assert StatusReport.objects.count() == 2  # never deleted

    public = Client().get(en(measure.get_absolute_url()))
    page = public.content.decode()
    assert "Zur falschen Maßnahme gemeldet." in page
    assert "<del>" in page and "Withdrawn on" in page
    assert public.context["measure"].status == Status.IN_PROGRESS

    api = Client().get(
        f"/api/v1/dresden/cycles/{measure.cycle.slug}/measures/{measure.code}",
    )
    assert api.status_code == 200, api.content
    body = api.json()
    assert body["status"] == "in_progress" and body["progress"] == 20
    marks = {(r["progress"], r["withdrawn"], r["withdrawal_reason"]) for r in body["reports"]}
    assert marks == {(20, False, ""), (5, True, "Zur falschen Maßnahme gemeldet.")}


def test_withdrawing_the_only_report_leaves_the_measure_planned(plan):
    report = StatusReportFactory(measure=plan["measure"], reported_on=timezone.localdate())
    services.withdraw_status_report(report, by=plan["office"], reason="Doppelt.")
    measure = Measure.objects.get(pk=plan["measure"].pk)
    assert measure.latest_report is None and measure.status == Status.PLANNED
    # and a running measure without a standing report is overdue again
    assert measure in services.stale_measures(measure.municipality)


def test_a_report_is_withdrawn_once(client, plan, two_reports):
    newer = two_reports[1]
    services.withdraw_status_report(newer, by=plan["office"], reason="Erster Grund.")
    with pytest.raises(services.ReportError):
        services.withdraw_status_report(newer, by=plan["office"], reason="Zweiter Grund.")
    client.force_login(plan["office"])
    response = client.post(withdraw_url(newer), {"reason": "Zweiter Grund."})
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.withdrawal_reason == "Erster Grund."


# --- Closed cycles take no reports --------------------------------------------------------


@pytest.mark.parametrize("phase", [Phase.REPORTED, Phase.SUPERSEDED])
def test_a_closed_cycle_takes_no_new_report(client, plan, phase):
    cycle = plan["cycle"]
    cycle.phase = phase
    cycle.save(update_fields=["phase"])
    measure = plan["measure"]
    with pytest.raises(services.ReportError):
        services.file_status_report(
            measure=measure,
            author=None,
            data={
                "reported_on": timezone.localdate(),
                "status": Status.DONE,
                "progress": 100,
                "text": "x",
            },
        )
    client.force_login(plan["editor"])
    page = client.get(measure.get_absolute_url()).content.decode()
    assert report_url(measure) not in page
    response = client.post(en(report_url(measure)), form_data(plan["culture"]), follow=True)
    assert "closed plan period" in response.content.decode()
    assert not StatusReport.objects.exists()
    api = client.post(
        f"/api/v1/dresden/cycles/{cycle.slug}/measures/{measure.code}/reports",
        {"reported_on": "2024-01-01", "status": "done", "progress": 100, "text": "x"},
        content_type="application/json",
    )
    assert api.status_code == 422, api.content
    assert not StatusReport.objects.exists()


@pytest.mark.parametrize(
    "phase", [Phase.PREPARATION, Phase.CONSULTATION, Phase.ADOPTED, Phase.IMPLEMENTATION]
)
def test_an_open_cycle_takes_reports(client, plan, phase):
    plan["cycle"].phase = phase
    plan["cycle"].save(update_fields=["phase"])
    client.force_login(plan["editor"])
    assert (
        report_url(plan["measure"])
        in client.get(plan["measure"].get_absolute_url()).content.decode()
    )
    assert client.post(report_url(plan["measure"]), form_data(plan["culture"])).status_code == 302
    assert StatusReport.objects.count() == 1

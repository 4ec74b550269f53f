"""Status reporting by the departments, overdue reminders and the revision into the
next cycle: permissions role by role, bad input, and the mails through the worker."""

import json
import threading
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.accounts.models import Role
from teilhabe.mail.models import OutgoingMail
from teilhabe.plan import services, tasks
from teilhabe.plan.models import (
    ConceptCycle,
    Measure,
    Phase,
    Status,
    StatusReport,
    TargetGroup,
)
from tests import factories
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
    StatusReportFactory,
)
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once, staff_post_at_once
from tests.worker.helpers import abandon_after_commit


@pytest.fixture
def plan(municipality):
    culture = factories.DepartmentFactory(municipality=municipality, number="41", name="Kulturamt")
    social = factories.DepartmentFactory(municipality=municipality, number="50", name="Sozialamt")
    cycle = ConceptCycleFactory(municipality=municipality, slug="2021-2026")
    goal = GoalFactory(field=FieldOfActionFactory(cycle=cycle, number=3), code="3.2")
    measure = MeasureFactory(goal=goal, code="3.2.1", lead_departments=[culture])
    other = MeasureFactory(goal=goal, code="3.2.2", lead_departments=[social])
    editor = factories.RoleFactory(
        municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR, departments=[culture]
    ).user
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    return {
        "cycle": cycle,
        "goal": goal,
        "measure": measure,
        "other": other,
        "culture": culture,
        "social": social,
        "editor": editor,
        "office": office,
    }


def report_url(measure):
    return reverse(
        "plan:report",
        kwargs={
            "municipality": measure.municipality.slug,
            "cycle": measure.cycle.slug,
            "code": measure.code,
        },
    )


def valid_report(department, **changes):
    data = {
        "reported_on": timezone.localdate().isoformat(),
        "status": "in_progress",
        "progress": "40",
        "text": "Die ersten Kurse laufen.",
        "evidence_url": "",
        "author_department": str(department.pk),
    }
    data.update(changes)
    return data


def test_editor_reports_on_a_measure_their_department_leads(client, plan):
    client.force_login(plan["editor"])
    response = client.post(report_url(plan["measure"]), valid_report(plan["culture"]))
    assert response.status_code == 302
    measure = Measure.objects.get(pk=plan["measure"].pk)
    assert measure.latest_report.text == "Die ersten Kurse laufen."
    assert measure.latest_report.author == plan["editor"]
    assert measure.latest_report.author_department == plan["culture"]
    assert measure.status == Status.IN_PROGRESS and measure.progress == 40


def test_editor_of_another_department_gets_403_and_nothing_is_saved(client, plan):
    client.force_login(plan["editor"])
    assert client.get(report_url(plan["other"])).status_code == 403
    response = client.post(report_url(plan["other"]), valid_report(plan["culture"]))
    assert response.status_code == 403
    assert StatusReport.objects.count() == 0


@pytest.mark.parametrize("kind", [Role.Kind.MODERATOR, Role.Kind.ORGANISATION_REPRESENTATIVE])
def test_other_roles_cannot_report(client, plan, municipality, kind):
    client.force_login(factories.RoleFactory(municipality=municipality, kind=kind).user)
    assert (
        client.post(report_url(plan["measure"]), valid_report(plan["culture"])).status_code == 403
    )


def test_office_of_another_municipality_cannot_report(client, plan, other_municipality):
    client.force_login(
        factories.RoleFactory(municipality=other_municipality, kind=Role.Kind.OFFICE_ADMIN).user
    )
    assert (
        client.post(report_url(plan["measure"]), valid_report(plan["culture"])).status_code == 403
    )
    assert StatusReport.objects.count() == 0


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(report_url(plan["measure"]))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"status": ""}, "status"),
        ({"status": "erledigt"}, "status"),
        ({"progress": "101"}, "progress"),
        ({"progress": "-1"}, "progress"),
        ({"progress": "viel"}, "progress"),
        ({"status": "done", "progress": "60"}, "progress"),
        ({"reported_on": (date.today() + timedelta(days=3)).isoformat()}, "reported_on"),
        ({"text": ""}, "text"),
        ({"evidence_url": "kein link"}, "evidence_url"),
    ],
)
def test_bad_reports_show_errors_and_save_nothing(client, plan, changes, field):
    client.force_login(plan["editor"])
    response = client.post(report_url(plan["measure"]), valid_report(plan["culture"], **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}-error"' in response.content.decode() or field == "status"
    assert StatusReport.objects.count() == 0


def test_editor_cannot_report_in_the_name_of_another_department(client, plan):
    plan["measure"].lead_departments.add(plan["social"])
    client.force_login(plan["editor"])
    response = client.post(report_url(plan["measure"]), valid_report(plan["social"]))
    assert response.status_code == 200
    assert "author_department" in response.context["form"].errors


def test_measure_ending_before_it_starts_is_refused(plan):
    measure = plan["measure"]
    measure.starts_on, measure.ends_on = date(2024, 1, 1), date(2023, 1, 1)
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "ends_on" in error.value.message_dict


def test_history_is_kept_and_an_older_report_does_not_replace_the_latest(plan):
    measure = plan["measure"]
    StatusReportFactory(
        measure=measure, reported_on=date(2024, 5, 1), status=Status.IN_PROGRESS, progress=50
    )
    StatusReportFactory(
        measure=measure, reported_on=date(2023, 5, 1), status=Status.PLANNED, progress=0
    )
    measure.refresh_from_db()
    assert measure.latest_report.reported_on == date(2024, 5, 1)
    assert measure.reports.count() == 2


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_leave_the_newest_as_latest(municipality):
    measure = MeasureFactory(
        goal=GoalFactory(
            field=FieldOfActionFactory(cycle=ConceptCycleFactory(municipality=municipality))
        )
    )
    days = [date(2024, 1, d) for d in range(1, 9)]
    barrier = threading.Barrier(len(days))
    errors = []

    def file(day):
        try:
            barrier.wait()
            services.file_status_report(
                measure=measure,
                author=None,
                data={
                    "reported_on": day,
                    "status": Status.IN_PROGRESS,
                    "progress": day.day,
                    "text": "x",
                },
            )
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=file, args=(d,)) for d in days]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    measure.refresh_from_db()
    assert measure.reports.count() == len(days)
    assert measure.latest_report.reported_on == max(days)


def overdue_url():
    return reverse("plan:overdue", kwargs={"municipality": "dresden"})


def remind_url():
    return reverse("plan:remind_overdue", kwargs={"municipality": "dresden"})


def confirm_reminders(client):
    """The office's two steps: the confirmation page, then its button."""
    page = client.get(remind_url())
    assert page.status_code == 200
    return client.post(
        remind_url(), {"confirm": "yes", "last_sent": page.context["form"]["last_sent"].value()}
    )


@pytest.mark.django_db(transaction=True)
def test_office_sends_reminders_through_the_worker(client, plan):
    plan["social"].contact_email = "sozialamt@example.org"
    plan["social"].save()
    fresh = MeasureFactory(goal=plan["goal"], code="3.2.3", lead_departments=[plan["culture"]])
    StatusReportFactory(measure=fresh, reported_on=timezone.localdate())
    old = timezone.localdate() - timedelta(days=400)
    StatusReportFactory(measure=plan["measure"], reported_on=old)
    finished = MeasureFactory(goal=plan["goal"], code="3.2.4", lead_departments=[plan["culture"]])
    StatusReportFactory(measure=finished, reported_on=old, status=Status.DONE, progress=100)

    client.force_login(plan["office"])
    page = client.get(overdue_url())
    listed = {m.code for m in page.context["measures"]}
    assert listed == {"3.2.1", "3.2.2"}  # 3.2.2 has never been reported on
    response = confirm_reminders(client)
    assert response.status_code == 302
    assert mail.outbox == []
    call_command("worker", batch=True, interval=0, verbosity=0)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([plan["editor"].email, "sozialamt@example.org"])
    to_editor = next(m for m in mail.outbox if m.to == [plan["editor"].email])
    assert (
        "3.2.1" in to_editor.body
        and "3.2.3" not in to_editor.body
        and "3.2.4" not in to_editor.body
    )
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_reminder_task_run_again_after_its_worker_died_sends_nothing_twice(client, plan):
    """Reclaim runs the task again when its worker was killed after the mails committed
    but before the task was marked successful: the done mark, committed with the mails,
    stops the second run."""
    plan["social"].contact_email = "sozialamt@example.org"
    plan["social"].save()
    client.force_login(plan["office"])
    confirm_reminders(client)
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert len(mail.outbox) == 2

    assert abandon_after_commit() > 0
    call_command("worker", batch=True, interval=0, verbosity=0)
    assert len(mail.outbox) == 2
    assert OutgoingMail.objects.filter(purpose="status_reminder").count() == 2
    reminder_task = DBTaskResult.objects.get(task_path=tasks.send_status_reminders.module_path)
    assert reminder_task.status == TaskResultStatus.SUCCESSFUL
    assert reminder_task.return_value == "already done"


@pytest.mark.parametrize(
    "kind",
    [Role.Kind.DEPARTMENT_EDITOR, Role.Kind.MODERATOR, Role.Kind.ORGANISATION_REPRESENTATIVE],
)
def test_only_the_office_sees_overdue_reports(client, municipality, kind):
    client.force_login(factories.RoleFactory(municipality=municipality, kind=kind).user)
    assert client.get(overdue_url()).status_code == 403
    assert client.post(overdue_url()).status_code == 403
    assert client.get(remind_url()).status_code == 403
    assert client.post(remind_url(), {"confirm": "yes", "last_sent": ""}).status_code == 403
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_reminders_ask_first_and_say_who_gets_a_mail(client, plan):
    """Reminders mail people: the overdue list links to a confirmation page that names
    each address with its number of overdue measures; GET and the old one-click POST
    queue nothing."""
    plan["social"].contact_email = "sozialamt@example.org"
    plan["social"].save()
    client.force_login(plan["office"])
    overdue = client.get(overdue_url()).content.decode()
    assert f'href="{remind_url()}"' in overdue
    assert "<form" not in overdue.split("<main", 1)[1]

    old_button = client.post(overdue_url())
    assert old_button.status_code == 302
    assert old_button["Location"] == remind_url()
    page = client.get(remind_url())
    assert page.context["preview"]["recipients"] == [
        (plan["editor"].email, 1),
        ("sozialamt@example.org", 1),
    ]
    text = page.content.decode()
    assert "sozialamt@example.org" in text
    assert "Erinnerungen jetzt senden?" in text
    assert DBTaskResult.objects.count() == 0

    unconfirmed = client.post(remind_url(), {"last_sent": ""})
    assert unconfirmed.status_code == 400
    assert DBTaskResult.objects.count() == 0

    assert confirm_reminders(client).status_code == 302
    assert (
        DBTaskResult.objects.filter(task_path=tasks.send_status_reminders.module_path).count() == 1
    )
    again = client.get(remind_url()).content.decode()
    assert "Zuletzt gingen am" in again


@pytest.mark.django_db(transaction=True)
def test_a_second_click_on_the_same_confirmation_queues_nothing(client, plan):
    client.force_login(plan["office"])
    page = client.get(remind_url())
    fields = {"confirm": "yes", "last_sent": page.context["form"]["last_sent"].value()}
    client.post(remind_url(), fields)
    second = client.post(remind_url(), fields, follow=True)
    assert "Diese Erinnerungen wurden bereits gesendet." in second.content.decode()
    assert (
        DBTaskResult.objects.filter(task_path=tasks.send_status_reminders.module_path).count() == 1
    )


@pytest.mark.django_db(transaction=True)
def test_two_colleagues_confirming_reminders_at_once_queue_them_once(live_server, plan):
    results = staff_post_at_once(
        live_server.url,
        plan["office"],
        remind_url(),
        lambda number: {"confirm": "yes", "last_sent": ""},
        count=4,
    )
    assert [status for status, _page in results] == [302] * 4
    assert (
        DBTaskResult.objects.filter(task_path=tasks.send_status_reminders.module_path).count() == 1
    )


def test_another_municipality_s_office_cannot_send_dresden_s_reminders(client, plan):
    other = factories.RoleFactory(kind=Role.Kind.OFFICE_ADMIN)
    client.force_login(other.user)
    assert client.get(remind_url()).status_code == 403
    assert client.post(remind_url(), {"confirm": "yes", "last_sent": ""}).status_code == 403
    assert DBTaskResult.objects.count() == 0


def test_my_measures_lists_the_departments_measures(client, plan):
    client.force_login(plan["editor"])
    response = client.get(reverse("plan:my_measures", kwargs={"municipality": "dresden"}))
    assert [m.code for m in response.context["measures"]] == ["3.2.1"]


def revise_url(cycle):
    return reverse(
        "plan:revise", kwargs={"municipality": cycle.municipality.slug, "cycle": cycle.slug}
    )


def test_revision_copies_the_plan(client, plan):
    cycle, measure = plan["cycle"], plan["measure"]
    StatusReportFactory(measure=measure, status=Status.IN_PROGRESS, progress=60)
    StatusReportFactory(measure=plan["other"], status=Status.DONE, progress=100)
    partner = factories.OrganisationFactory(municipality=cycle.municipality)
    measure.partner_organisations.add(partner)
    measure.partner_departments.add(plan["social"])
    measure.target_groups.set(TargetGroup.objects.filter(code__in=["women", "refugees"]))
    client.force_login(plan["office"])
    response = client.post(
        revise_url(cycle),
        {
            "title": "Aktionsplan 2027 bis 2032",
            "slug": "2027-2032",
            "starts_on": "2027-01-01",
            "ends_on": "2032-12-31",
            "confirm": "yes",
        },
    )
    assert response.status_code == 302
    new = ConceptCycle.objects.get(slug="2027-2032")
    assert new.predecessor == cycle and not new.is_published and new.phase == Phase.PREPARATION
    assert [(f.number, f.is_draft) for f in new.fields.all()] == [(3, True)]
    assert [(g.code, g.is_draft) for g in new.fields.get().goals.all()] == [("3.2", True)]
    carried = Measure.objects.get(cycle=new)
    assert carried.code == "3.2.1" and carried.predecessor == measure and carried.is_draft
    assert carried.latest_report is None and carried.reports.count() == 0
    assert list(carried.lead_departments.all()) == [plan["culture"]]
    assert list(carried.partner_departments.all()) == [plan["social"]]
    assert list(carried.partner_organisations.all()) == [partner]
    assert sorted(carried.target_groups.values_list("code", flat=True)) == ["refugees", "women"]
    copied = ["title", "description", "starts_on", "ends_on", "budget", "funding_source"]
    assert [getattr(carried, f) for f in copied] == [getattr(measure, f) for f in copied]
    assert not Measure.objects.filter(cycle=new, code="3.2.2").exists()  # finished stays
    assert Measure.objects.filter(cycle=cycle).count() == 2  # the old plan is untouched
    measure.refresh_from_db()
    assert measure.successor == carried


def test_revision_refuses_bad_input_and_second_revision(client, plan):
    client.force_login(plan["office"])
    bad = client.post(
        revise_url(plan["cycle"]),
        {"title": "X", "slug": "2021-2026", "starts_on": "2027-01-01", "ends_on": "2026-01-01"},
    )
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"slug", "ends_on"}
    assert ConceptCycle.objects.count() == 1
    services.start_revision(
        plan["cycle"], title="Neu", slug="neu", starts_on=date(2027, 1, 1), ends_on=date(2030, 1, 1)
    )
    again = client.get(revise_url(plan["cycle"]))
    assert again.status_code == 302
    with pytest.raises(services.RevisionError):
        services.start_revision(
            plan["cycle"],
            title="Noch",
            slug="noch",
            starts_on=date(2027, 1, 1),
            ends_on=date(2030, 1, 1),
        )


def test_only_the_office_may_revise(client, plan):
    client.force_login(plan["editor"])
    assert client.get(revise_url(plan["cycle"])).status_code == 403


def api_reports_url(measure):
    return f"/api/v1/dresden/cycles/{measure.cycle.slug}/measures/{measure.code}/reports"


def test_api_report_by_lead_department(client, plan):
    client.force_login(plan["editor"])
    body = {
        "reported_on": str(timezone.localdate()),
        "status": "done",
        "progress": 100,
        "text": "Fertig.",
    }
    response = client.post(
        api_reports_url(plan["measure"]), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    data = client.get(f"/api/v1/dresden/cycles/2021-2026/measures/{plan['measure'].code}").json()
    assert data["status"] == "done" and data["reports"][0]["text"] == "Fertig."


@pytest.mark.parametrize(
    "body",
    [
        {"reported_on": "2024-01-01", "status": "done", "progress": 50, "text": "x"},
        {"reported_on": "2024-01-01", "status": "irgendwie", "progress": 50, "text": "x"},
        {"reported_on": "2024-01-01", "status": "planned", "progress": 150, "text": "x"},
        {"reported_on": "2999-01-01", "status": "planned", "progress": 0, "text": "x"},
        {"status": "planned", "progress": 0, "text": "x"},
        {"reported_on": "2024-01-01", "status": "planned", "progress": 0, "text": "a\x00b"},
        {"reported_on": "2024-01-01", "status": "planned", "progress": 2**63, "text": "x"},
        {"reported_on": "10000-01-01", "status": "planned", "progress": 0, "text": "x"},
        {"reported_on": "2024-01-01", "status": "planned", "progress": 0, "text": "x", "y": 1},
    ],
)
def test_api_bad_reports_are_4xx_and_change_nothing(client, plan, body):
    client.force_login(plan["editor"])
    response = client.post(
        api_reports_url(plan["measure"]), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert StatusReport.objects.count() == 0


def test_api_report_on_another_departments_measure_is_403(client, plan):
    client.force_login(plan["editor"])
    body = {"reported_on": "2024-01-01", "status": "planned", "progress": 0, "text": "x"}
    response = client.post(
        api_reports_url(plan["other"]), json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "phase, overdue",
    [
        (Phase.PREPARATION, False),
        (Phase.DRAFTING, False),
        (Phase.CONSULTATION, False),
        (Phase.ADOPTED, True),
        (Phase.IMPLEMENTATION, True),
        (Phase.REPORTED, False),
        (Phase.SUPERSEDED, False),
    ],
)
def test_reports_are_overdue_only_in_running_cycles(plan, phase, overdue):
    cycle = plan["cycle"]
    StatusReportFactory(
        measure=plan["measure"], reported_on=timezone.localdate() - timedelta(days=400)
    )
    cycle.phase = phase
    cycle.save(update_fields=["phase"])
    codes = {m.code for m in services.stale_measures(cycle.municipality)}
    assert codes == ({"3.2.1", "3.2.2"} if overdue else set())


@pytest.mark.django_db(transaction=True)
def test_two_revisions_started_at_once_make_one_new_cycle(live_server, plan):
    """Two people of the office press "start revision" at the same moment (two tabs,
    two colleagues): one new cycle, one clear message, no error page."""
    split = urlsplit(live_server.url)
    path = revise_url(plan["cycle"])
    session = Client()
    session.force_login(plan["office"])
    browsers, fields = [], []
    for number in (1, 2):
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        status, page = browser.request("GET", path)
        assert status == 200
        browsers.append(browser)
        fields.append(
            {
                "csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1),
                "title": f"Aktionsplan Nummer {number}",
                "slug": f"neu-{number}",
                "starts_on": "2027-01-01",
                "ends_on": "2032-12-31",
                "confirm": "yes",
            }
        )
    results = run_at_once(
        [lambda b=b, f=f: b.request("POST", path, f) for b, f in zip(browsers, fields, strict=True)]
    )
    for browser in browsers:
        browser.close()
    assert [status for status, _page in results] == [302, 302]
    assert ConceptCycle.objects.filter(predecessor=plan["cycle"]).count() == 1
    assert ConceptCycle.objects.count() == 2
    # The refused one was told so on the cycle page it was sent back to.
    refused = next(b for b in browsers if "neu-" not in b.last_location)
    status, page = refused.request("GET", refused.last_location)
    assert "Diese Konzeptperiode wurde bereits fortgeschrieben." in page

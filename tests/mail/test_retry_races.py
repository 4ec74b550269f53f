"""Sending a mail again, asked for by several requests at once (two tabs, a double
click), on SQLite and PostgreSQL: the mail is queued once and delivered once.

The check whether a mail may be sent again is made to take a moment (``slow_check``),
so that all requests have made it while the first is still deciding: without the
mail's row lock (PostgreSQL) or the write lock every transaction takes at its start
(SQLite), each of them would queue the mail, and the test fails on both databases
(tried by removing the transaction and the lock from ``mail.services.retry_mail``)."""

import time
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from teilhabe.accounts.models import Role
from teilhabe.mail.models import OutgoingMail
from teilhabe.mail.tasks import deliver_mail
from tests.conftest import make_user_with_role
from tests.simultaneous import CSRF_INPUT, Browser, run_at_once

Status = OutgoingMail.Status
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_check(monkeypatch):
    retryable = OutgoingMail.retryable

    def slowly(mail):
        answer = retryable.fget(mail)
        time.sleep(0.3)
        return answer

    monkeypatch.setattr(OutgoingMail, "retryable", property(slowly))


@pytest.mark.parametrize("status", [Status.FAILED, Status.INTERRUPTED])
def test_sending_again_from_eight_tabs_at_once_sends_once(
    live_server, municipality, smtp_server, slow_check, status
):
    server = smtp_server()
    mail = OutgoingMail.objects.create(
        municipality=municipality,
        purpose="event_reminder",
        to="anna@example.org",
        subject="Erinnerung",
        body_text="Hallo",
        status=status,
        attempts=5,
    )
    session = Client()
    session.force_login(make_user_with_role(municipality, Role.Kind.OFFICE_ADMIN))
    split = urlsplit(live_server.url)
    path = reverse("mail:retry", kwargs={"municipality": municipality.slug, "pk": mail.pk})
    requests, browsers = [], []
    for _ in range(8):
        browser = Browser(split.hostname, split.port)
        browser.cookies["sessionid"] = session.cookies["sessionid"].value
        browsers.append(browser)
        status_code, page = browser.request("GET", path)
        assert status_code == 200
        fields = {"csrfmiddlewaretoken": CSRF_INPUT.search(page).group(1)}
        requests.append(lambda b=browser, f=fields: b.request("POST", path, f))
    try:
        results = run_at_once(requests)
    finally:
        for browser in browsers:
            browser.close()
    assert [code for code, _page in results] == [302] * 8
    tasks = [
        task
        for task in DBTaskResult.objects.filter(task_path=deliver_mail.module_path)
        if task.args_kwargs["args"] == [mail.pk]
    ]
    assert len(tasks) == 1
    call_command("worker", batch=True, interval=0, verbosity=0)
    call_command("worker", batch=True, interval=0, verbosity=0)
    mail.refresh_from_db()
    assert mail.status == Status.SENT
    assert [envelope.rcpt_tos for envelope in server.received] == [["anna@example.org"]]

"""A large import's progress, with a real worker process on the test's database: the
page (polled as htmx polls it) shows the rows checked again and then the rows written,
counting up while the import's transaction is still open and nothing of it is visible
in the database yet; then the result. A worker killed in the middle writes nothing,
and once the next worker gives the task up the page shows the failure."""

import re
import signal
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from teilhabe.imports import services
from teilhabe.imports.models import DataImport
from teilhabe.plan.models import Measure
from tests.worker.processes import worker_processes

from .test_imports import checked, csv_file, measure_row

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 3000
WAIT = 180  # seconds: the machine may be busy
SHOWN = re.compile(
    r"(Checking the rows once more|Saving the new and changed rows): (\d+) of (\d+)\."
)


@pytest.fixture
def start_worker(tmp_path):
    with worker_processes(tmp_path) as start:
        yield lambda **env: start(TEILHABE_PROGRESS_DIR=str(settings.TEILHABE_PROGRESS_DIR), **env)


@pytest.fixture
def confirmed_upload(client, municipality, plan, office):
    """A checked file of ROWS new measures, confirmed on its page; its English page."""
    rows = [measure_row(code=f"1.1.{n}", title=f"Maßnahme {n}") for n in range(2, ROWS + 2)]
    upload = checked(municipality, csv_file(rows), cycle=plan)
    assert upload.status == DataImport.Status.CHECKED
    client.force_login(office)
    with translation.override("en"):
        page = reverse("imports:import", kwargs={"municipality": "dresden", "pk": upload.pk})
    assert client.post(page).status_code == 302
    return upload, page


def watch(client, page, until, before=lambda: None):
    """Poll ``page`` as htmx does; the (phase, done, total) shown, in order, until
    ``until(seen, response, found)`` (``found``: what ``before()`` returned just before
    this response); the last response."""
    seen, deadline = [], time.monotonic() + WAIT
    while True:
        found_before = before()
        response = client.get(page, headers={"HX-Request": "true"})
        found = SHOWN.search(response.content.decode())
        if found:
            phase = "writing" if found[1].startswith("Saving") else "checking"
            shown = (phase, int(found[2]), int(found[3]))
            if not seen or seen[-1] != shown:
                seen.append(shown)
        if until(seen, response, found_before):
            return seen, response
        assert time.monotonic() < deadline, f"waited {WAIT} s; seen {seen[-3:]}"
        time.sleep(0.05)


def test_a_large_import_shows_its_progress_while_it_runs(
    client, plan, confirmed_upload, start_worker
):
    upload, page = confirmed_upload
    before = Measure.objects.filter(cycle=plan).count()
    start_worker()
    written_while_open = []

    def count():
        return Measure.objects.filter(cycle=plan).count()

    def settled(seen, response, counted):
        if response.status_code == 200 and seen and seen[-1][0] == "writing":
            # Counted up while the import's transaction had not committed: the page was
            # read after the count and still showed the import running.
            written_while_open.append((seen[-1][1], counted))
        return response.status_code == 286

    seen, response = watch(client, page, settled, before=count)

    assert "Imported: 3000 new, 0 changed, 0 unchanged." in response.content.decode()
    assert Measure.objects.filter(cycle=plan).count() == before + ROWS
    phases = [phase for phase, _done, _total in seen]
    assert phases == sorted(phases)  # checking first, then writing
    assert {total for _phase, _done, total in seen} == {ROWS}
    for phase in ("checking", "writing"):
        counts = [done for p, done, _total in seen if p == phase]
        assert counts == sorted(counts)
    # Several steps of the writing seen while the transaction was open, and none of
    # its rows in the database meanwhile.
    assert len({done for done, _counted in written_while_open}) >= 2, seen
    assert {counted for _done, counted in written_while_open} == {before}
    upload.refresh_from_db()
    assert (upload.status, bytes(upload.content)) == ("done", b"")


def test_a_worker_killed_while_importing_writes_nothing_and_the_failure_is_shown(
    client, plan, confirmed_upload, start_worker
):
    upload, page = confirmed_upload
    before = Measure.objects.filter(cycle=plan).count()
    first = start_worker()
    watch(client, page, lambda seen, *_: seen and seen[-1][0] == "writing" and seen[-1][1] > 0)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert Measure.objects.filter(cycle=plan).count() == before
    # The next worker gives the task up at once (no second try) and says so.
    start_worker(TEILHABE_WORKER_MAX_RECLAIMS="0")
    _seen, response = watch(client, page, lambda _s, r, _c: r.status_code == 286)
    shown = response.content.decode()
    assert "The import failed. Nothing has been changed" in shown
    assert Measure.objects.filter(cycle=plan).count() == before
    upload.refresh_from_db()
    assert (upload.status, bytes(upload.content)) == ("failed", b"")
    with pytest.raises(services.NotConfirmable):
        services.confirm(upload.pk, upload.municipality)

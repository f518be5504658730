"""Issue 18, point 4: harvests that end.

A repository that repeats its resumption token, whose cursor does not move, that sends more
records than its list holds or pages without end is stopped, the run failed with a message in
the reader's language; a run has a time limit; a run whose worker died is marked failed by the
next harvest (at once when the task recovery retries the task); Identify is read first.
The repository is the local fake of test_harvest.py, serving the files of
tests/data/harvest-guards (real records in the pages that misbehaving repositories send).
"""

import threading
import time
from datetime import UTC, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from staffroom.core.tasks_recovery import WorkerStopping
from staffroom.interop import tasks
from staffroom.interop.harvest import client as harvest_client
from staffroom.interop.harvest import services
from staffroom.interop.harvest.services import harvest_run
from staffroom.interop.models.harvest import HarvestRun, HarvestSource
from tests.factories import MemberFactory, OrganisationFactory

from .fake_repository import list_records_page
from .test_harvest import DSPACE, FIRST, real_lom

GUARDS = Path(__file__).resolve().parents[1] / "data" / "harvest-guards"
LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
IDENTIFY = {"verb": "Identify"}

pytestmark = pytest.mark.django_db


def data(name: str) -> bytes:
    return (GUARDS / name).read_bytes()


@pytest.fixture
def source(repository, fast_retries):
    # The repository's real Identify: granularity of seconds.
    repository.answer(IDENTIFY, (DSPACE / "fake1" / "00001.xml").read_bytes())
    return HarvestSource.objects.create(
        name="EUR", base_url=repository.url, organisation=OrganisationFactory()
    )


def list_requests(repository) -> list[dict]:
    return [r for r in repository.requests if r.get("verb") == "ListRecords"]


def test_a_repository_repeating_its_token_is_stopped_at_once(repository, source):
    repository.answer(LIST, data("repeat-1.xml"))
    repository.answer(
        {"verb": "ListRecords", "resumptionToken": "oai_dc////40"}, data("repeat-2.xml")
    )

    run = harvest_run(source=source)

    assert run.status == "failed"
    assert run.error_code == "token_repeated"
    assert run.error_params == {"token": "oai_dc////40", "page": 2}
    # Two pages asked, never the same token twice; the records that came are imported.
    assert len(list_requests(repository)) == 2
    assert run.report["pages"] == 2 and run.report["records"] == 80
    assert run.created + run.updated + run.skipped == 80
    source.refresh_from_db()
    assert source.harvested_until == ""  # the next run starts from the same point


def test_a_cursor_that_does_not_move_stops_the_list(repository, source):
    repository.answer(LIST, data("stuck-1.xml"))
    repository.answer({"verb": "ListRecords", "resumptionToken": "s1"}, data("stuck-2.xml"))
    repository.answer({"verb": "ListRecords", "resumptionToken": "s2"}, data("stuck-2.xml"))

    run = harvest_run(source=source)

    assert (run.status, run.error_code) == ("failed", "cursor_stuck")
    assert run.error_params == {"cursor": 0, "previous": 0, "page": 2}
    assert len(list_requests(repository)) == 2


def test_more_records_than_the_list_holds_stops_the_list(repository, source, monkeypatch):
    monkeypatch.setattr(harvest_client, "LIST_SIZE_SLACK_MIN", 5)
    # Says 10 records; sends 40 a page, with new tokens and a cursor that moves.
    first = data("repeat-1.xml").replace(b'completeListSize="81"', b'completeListSize="10"')
    repository.answer(LIST, first)

    run = harvest_run(source=source)

    assert (run.status, run.error_code) == ("failed", "list_overrun")
    assert run.error_params == {"records": 40, "size": 10}
    assert len(list_requests(repository)) == 1


def test_a_run_fetches_at_most_the_page_cap(repository, source, settings):
    settings.HARVEST_MAX_PAGES = 3
    lom = real_lom()
    repository.answer(LIST, list_records_page([("a:0", FIRST, lom)], token="t1", date=FIRST))
    for n in range(1, 10):  # a list without end: a new token on every page
        repository.answer(
            {"verb": "ListRecords", "resumptionToken": f"t{n}"},
            list_records_page([(f"a:{n}", FIRST, lom)], token=f"t{n + 1}", date=FIRST),
        )

    run = harvest_run(source=source)

    assert (run.status, run.error_code, run.error_params) == ("failed", "page_cap", {"pages": 3})
    assert len(list_requests(repository)) == 3


def test_a_run_stops_at_its_time_limit(repository, source, settings):
    settings.HARVEST_RUN_TIME_LIMIT = 0.5
    repository.answer(LIST, data("stuck-1.xml"))
    # The next page is refused with "come back in a second": past the limit, no retry.
    page_two = {"verb": "ListRecords", "resumptionToken": "s1"}
    repository.answer(page_two, b"busy", status=503, headers={"Retry-After": "1"})

    run = harvest_run(source=source)

    assert (run.status, run.error_code) == ("failed", "time_limit")
    assert run.error_params == {"minutes": 0.01}
    # Refused once at most (the limit may even come while the first page is imported).
    assert len([r for r in repository.requests if r == page_two]) <= 1


def test_identify_is_read_first_and_a_day_repository_gets_a_day_from_at_once(repository):
    repository.answer(IDENTIFY, data("identify-day.xml"))
    repository.answer(
        {**LIST, "from": "2003-04-10"},
        (DSPACE / "fake1" / "00005.xml").read_bytes(),
    )
    source = HarvestSource.objects.create(
        name="Day repository",
        base_url=repository.url,
        organisation=OrganisationFactory(),
        harvested_until="2003-04-10T08:30:00Z",
    )

    run = harvest_run(source=source)

    assert run.status == "done", run.error
    assert run.created == 16
    # No ListRecords with a time (and so no badArgument) first.
    assert repository.requests == [IDENTIFY, {**LIST, "from": "2003-04-10"}]
    source.refresh_from_db()
    assert (source.granularity, source.earliest_datestamp, source.deleted_record) == (
        "YYYY-MM-DD",
        "2001-01-01",
        "persistent",
    )
    assert source.identified_at is not None


def test_a_broken_identify_is_reported_and_the_run_goes_on_with_what_was_known(repository):
    source = HarvestSource.objects.create(
        name="No Identify",
        base_url=repository.url,
        organisation=OrganisationFactory(),
        harvested_until="2003-04-10T08:30:00Z",
        granularity="YYYY-MM-DD",  # what an earlier Identify said
    )
    repository.answer(IDENTIFY, b"<html>Identify is broken</html>", status=500)
    repository.answer({**LIST, "from": "2003-04-10"}, (DSPACE / "fake1" / "00005.xml").read_bytes())

    run = harvest_run(source=source)

    assert run.status == "done", run.error
    assert run.report["quirks"]["Identify could not be read"] == 1
    assert run.report["examples"]["Identify could not be read"] == "HTTP 500 from the repository."


def _left_running(source, *, beat_ago: timedelta) -> HarvestRun:
    """A run as a killed worker leaves it: RUNNING, its last heartbeat ``beat_ago``."""
    run = HarvestRun.objects.create(source=source)
    then = timezone.now() - beat_ago
    HarvestRun.objects.filter(pk=run.pk).update(started_at=then, beat_at=then)
    return run


def test_a_run_whose_worker_died_is_marked_failed_and_the_next_run_starts(repository, source):
    repository.answer(
        {**LIST, "from": "2003-04-10T00:00:00Z"}, (DSPACE / "fake1" / "00005.xml").read_bytes()
    )
    dead = _left_running(source, beat_ago=timedelta(minutes=11))

    run = harvest_run(source=source, from_="2003-04-10T00:00:00Z")

    assert run.status == "done", run.error
    dead.refresh_from_db()
    assert (dead.status, dead.error_code) == ("failed", "worker_lost")
    assert dead.finished_at is not None
    assert dead.error_params == {"beat": dead.beat_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")}


def test_a_run_still_beating_is_not_disturbed(repository, source):
    alive = _left_running(source, beat_ago=timedelta(minutes=2))

    refused = harvest_run(source=source)

    assert (refused.status, refused.error_code) == ("failed", "already_running")
    alive.refresh_from_db()
    assert alive.status == "running"
    assert not list_requests(repository)


def test_a_run_marked_lost_by_another_stops_without_overwriting_it(repository, source, monkeypatch):
    """Two runs never both go on: one marked lost stops at its next heartbeat."""
    repository.answer(LIST, data("repeat-1.xml"))
    save_counts = services._save_counts

    def save_then_lose(run, counts, report):
        save_counts(run, counts, report)
        # Another harvest took this run for lost while it imported its first page.
        HarvestRun.objects.filter(pk=run.pk).update(status="failed", error_code="worker_lost")

    monkeypatch.setattr(services, "_save_counts", save_then_lose)
    run = harvest_run(source=source)

    assert (run.status, run.error_code) == ("failed", "worker_lost")
    assert len(list_requests(repository)) == 1  # it did not ask for the next page


def test_a_stopping_worker_ends_the_run_as_failed_so_the_handed_back_task_can_start(
    repository, source, monkeypatch
):
    repository.answer(LIST, data("stuck-1.xml"))

    def stop(*args, **kwargs):
        raise WorkerStopping

    monkeypatch.setattr(services, "import_record", stop)
    with pytest.raises(WorkerStopping):
        harvest_run(source=source)
    run = HarvestRun.objects.get()
    assert (run.status, run.error_code) == ("failed", "interrupted")
    assert run.finished_at is not None


def test_harvests_have_their_own_queue():
    assert tasks.harvest_source.queue_name == "harvest"
    assert tasks.harvest_all.queue_name == "harvest"


def test_the_pages_show_the_failure_in_the_readers_language(client, source):
    run = HarvestRun.objects.create(
        source=source,
        status="failed",
        error_code="token_repeated",
        error_params={"token": "x", "page": 2},
        error="The repository sent the resumption token 'x' a second time (page 2).",
    )
    client.force_login(MemberFactory(is_staff=True))
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    expected = "The repository sent the same resumption token a second time (page 2)"
    for url in [
        reverse("interop:harvest_run", args=[run.pk]),
        reverse("interop:harvest_source", args=[source.pk]),
        reverse("interop:harvest_sources"),
    ]:
        page = client.get(url, **english).content.decode()
        assert expected in page, url
    # The source's page says what its Identify said.
    HarvestSource.objects.filter(pk=source.pk).update(
        granularity="YYYY-MM-DD",
        earliest_datestamp="2001-01-01",
        deleted_record="no",
        identified_at=timezone.now(),
    )
    page = client.get(reverse("interop:harvest_source", args=[source.pk]), **english)
    text = page.content.decode()
    assert "Dates to YYYY-MM-DD, records since 2001-01-01, deleted records: no" in text
    assert "This repository does not report deletions" in text
    # A run from before the codes shows its stored text.
    HarvestRun.objects.filter(pk=run.pk).update(error_code="", error="Old message.")
    page = client.get(reverse("interop:harvest_run", args=[run.pk]), **english).content.decode()
    assert "Old message." in page


class _Trickle(BaseHTTPRequestHandler):
    """A repository that sends its (real) Identify and then a page a few bytes at a time."""

    def do_GET(self):
        if "Identify" in self.path:
            body = (DSPACE / "fake1" / "00001.xml").read_bytes()
        else:
            body = data("stuck-1.xml")
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if "Identify" in self.path:
            self.wfile.write(body)
            return
        try:
            for start in range(0, len(body), 100):
                self.wfile.write(body[start : start + 100])
                self.wfile.flush()
                time.sleep(0.05)  # each byte in time for the request timeout, the whole never
        except OSError:
            pass  # the harvester hung up

    def log_message(self, *args):
        pass


@pytest.fixture
def trickling():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/oai"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_response_sent_a_byte_at_a_time_is_cut_off(trickling, fast_retries):
    fast_retries.HARVEST_TIMEOUT = 0.25  # a response must come whole within 4 × 0.25 s
    source = HarvestSource.objects.create(
        name="Slow", base_url=trickling, organisation=OrganisationFactory()
    )
    started = time.monotonic()

    run = harvest_run(source=source)

    assert (run.status, run.error_code, run.error_params) == (
        "failed",
        "slow_response",
        {"seconds": "1"},
    )
    assert time.monotonic() - started < 10  # the whole page would take 57 s


def test_a_response_too_large_is_refused(repository, source, monkeypatch):
    monkeypatch.setattr(harvest_client, "MAX_RESPONSE_BYTES", 50_000)
    repository.answer(LIST, data("repeat-1.xml"))  # 113 kB

    run = harvest_run(source=source)

    assert (run.status, run.error_code) == ("failed", "response_too_large")
    assert run.created == 0

"""The link check against a local web server: each kind of answer a link can give, the guard
against private addresses, the pace per host and the registry of sources."""

import socket

import pytest

from staffroom.core import linkcheck
from staffroom.core.linkcheck import DEAD, MOVED, OK, HostPacer, LinkSource, check_url


def test_a_working_page_is_ok_and_asked_with_head_only(web):
    url = web.add("/page")
    outcome = check_url(url)
    assert (outcome.state, outcome.status_code, outcome.final_url) == (OK, 200, url)
    assert outcome.redirects == []
    assert web.requests == [("HEAD", "/page")]


def test_a_permanent_redirect_to_a_working_page_is_moved(web):
    new = web.add("/new")
    old = web.add("/old", 301, location=new)
    outcome = check_url(old)
    assert outcome.state == MOVED
    assert outcome.moved_to == new
    assert outcome.final_url == new
    assert outcome.redirects == [{"url": old, "status": 301, "location": new}]
    assert outcome.checked_url == old


def test_a_308_to_a_relative_address_is_moved_to_the_full_address(web):
    web.add("/new")
    old = web.add("/old", 308, location="/new")
    outcome = check_url(old)
    assert (outcome.state, outcome.moved_to) == (MOVED, web.base + "/new")


def test_a_chain_of_temporary_redirects_to_a_working_page_is_ok_with_every_hop(web):
    end = web.add("/end")
    web.add("/b", 307, location="/end")
    web.add("/a", 302, location="/b")
    outcome = check_url(web.base + "/a")
    assert outcome.state == OK
    assert outcome.final_url == end
    assert [hop["status"] for hop in outcome.redirects] == [302, 307]
    assert outcome.moved_to == ""


def test_a_permanent_redirect_to_a_missing_page_is_dead(web):
    old = web.add("/old", 301, location="/gone")
    outcome = check_url(old)
    assert (outcome.state, outcome.status_code) == (DEAD, 404)
    assert outcome.final_url == web.base + "/gone"
    assert "404" in outcome.error


def test_endless_redirects_are_dead(web):
    web.add("/loop", 302, location="/loop")
    outcome = check_url(web.base + "/loop")
    assert outcome.state == DEAD
    assert "redirects" in outcome.error
    assert len(outcome.redirects) == linkcheck.MAX_REDIRECTS + 1


@pytest.mark.parametrize("status", [404, 410])
def test_missing_and_gone_pages_are_dead_without_a_second_request(web, status):
    url = web.add("/missing", status)
    outcome = check_url(url)
    assert (outcome.state, outcome.status_code) == (DEAD, status)
    assert str(status) in outcome.error
    assert web.requests == [("HEAD", "/missing")]


@pytest.mark.parametrize("head_status", [405, 403, 501])
def test_a_server_that_refuses_head_is_asked_with_get(web, head_status):
    url = web.add("/get-only", head_status=head_status)
    outcome = check_url(url)
    assert (outcome.state, outcome.status_code) == (OK, 200)
    assert web.requests == [("HEAD", "/get-only"), ("GET", "/get-only")]


def test_a_server_error_is_dead_after_asking_with_get(web):
    url = web.add("/broken", 500)
    outcome = check_url(url)
    assert (outcome.state, outcome.status_code) == (DEAD, 500)
    assert web.requests == [("HEAD", "/broken"), ("GET", "/broken")]


def test_a_page_that_answers_too_late_is_dead(web, settings):
    settings.LINKCHECK_TIMEOUT = 0.3
    url = web.add("/slow", delay=3)
    outcome = check_url(url)
    assert outcome.state == DEAD
    assert outcome.error == "no answer in time"


def test_https_to_a_server_that_does_not_speak_tls_is_a_tls_error(web):
    web.add("/page")
    outcome = check_url(f"https://127.0.0.1:{web.port}/page")
    assert outcome.state == DEAD
    assert outcome.error.startswith("TLS error")


def test_a_refused_connection_is_dead(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    outcome = check_url(f"http://127.0.0.1:{port}/", pacer=HostPacer(0))
    assert (outcome.state, outcome.error) == (DEAD, "the connection was refused")


def test_a_name_that_does_not_resolve_is_dead(settings):
    outcome = check_url("http://does-not-exist.invalid/", pacer=HostPacer(0))
    assert outcome.state == DEAD
    assert outcome.error.startswith("the name does not resolve")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8000/",
        "http://192.168.0.1/",
    ],
)
def test_private_link_local_and_loopback_addresses_are_refused(settings, url):
    settings.FETCH_ALLOW_LOOPBACK = False
    outcome = check_url(url, pacer=HostPacer(0))
    assert outcome.state == DEAD
    assert outcome.error.startswith("refused")


def test_a_redirect_to_a_private_address_is_refused(web, settings):
    old = web.add("/old", 301, location="http://10.0.0.1/inside")
    outcome = check_url(old)
    assert outcome.state == DEAD
    assert outcome.error.startswith("refused")


def test_the_local_server_itself_is_refused_without_loopback(web, settings):
    settings.FETCH_ALLOW_LOOPBACK = False
    outcome = check_url(web.add("/page"))
    assert outcome.state == DEAD
    assert web.requests == []


@pytest.mark.parametrize("url", ["ftp://example.org/file", "javascript:alert(1)", "http://"])
def test_addresses_that_are_not_web_addresses_are_dead(url):
    outcome = check_url(url, pacer=HostPacer(0))
    assert outcome.state == DEAD


def test_the_pacer_waits_between_requests_to_one_host_only():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(2, clock=lambda: now[0], sleep=sleep)
    pacer.wait("a.example")
    pacer.wait("b.example")
    now[0] += 0.5
    pacer.wait("a.example")
    assert slept == [1.5]
    now[0] += 5
    pacer.wait("a.example")
    assert slept == [1.5]


def test_registered_sources_take_turns_up_to_the_limit(web):
    recorded: list[tuple[str, object, str]] = []
    working = web.add("/ok")
    gone = web.add("/gone", 410)

    def source(name: str, links: list[tuple[int, str]]) -> LinkSource:
        return LinkSource(
            name=name,
            links=lambda: iter(links),
            record=lambda key, outcome: recorded.append((name, key, outcome.state)),
        )

    counts = linkcheck.check_registered_links(
        limit=3,
        sources=[
            source("first", [(1, working), (2, gone), (3, working)]),
            source("second", [(9, gone)]),
        ],
        pacer=HostPacer(0),
    )
    assert recorded == [("first", 1, OK), ("second", 9, DEAD), ("first", 2, DEAD)]
    assert counts == {OK: 1, DEAD: 2}


def test_register_link_source_adds_a_source():
    before = dict(linkcheck._SOURCES)
    try:
        linkcheck.register_link_source("test-links", links=list, record=lambda key, outcome: None)
        assert "test-links" in [source.name for source in linkcheck.link_sources()]
    finally:
        linkcheck._SOURCES.clear()
        linkcheck._SOURCES.update(before)

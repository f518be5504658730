"""SITE_URL follows the port in development (issue 18, point 7): `PORT=8080 make run` and
`staffroom serve --port 8080` write links (OAI-PMH base URL, sitemaps, mails, calendar files,
attribution lines) to port 8080, in the web process, the workers and the clock alike; an
explicit SITE_URL is left alone. And the web server lets a long OAI-PMH resumption token
through to Django instead of answering 414 itself."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from staffroom.core.site_address import local_site_url
from staffroom.site.management.commands import serve

ROOT = Path(__file__).resolve().parents[2]


def settings_site_url(env: dict) -> str:
    """SITE_URL as a fresh process with ``env`` reads it from the project's settings."""
    env = {**env, "STAFFROOM_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "staffroom.settings"}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def base_env() -> dict:
    return {
        key: value
        for key, value in os.environ.items()
        if key not in {"SITE_URL", "PORT", "HOST", "DJANGO_SETTINGS_MODULE"}
    }


def test_local_site_url():
    assert local_site_url(8080) == "http://127.0.0.1:8080"
    assert local_site_url("8000", "0.0.0.0") == "http://127.0.0.1:8000"  # noqa: S104
    assert local_site_url(8000, "::") == "http://127.0.0.1:8000"
    assert local_site_url(8001, "localhost") == "http://localhost:8001"
    assert local_site_url(8001, "::1") == "http://[::1]:8001"


def test_settings_default_follows_port():
    assert settings_site_url(base_env()) == "http://127.0.0.1:8000"
    assert settings_site_url({**base_env(), "PORT": "8080"}) == "http://127.0.0.1:8080"
    assert (
        settings_site_url({**base_env(), "PORT": "8080", "SITE_URL": "https://staffroom.example/"})
        == "https://staffroom.example"
    )


class FakeProcess:
    def __init__(self, args, **kwargs):
        self.args = args
        # What a child inherits: the environment when it is started.
        self.environ = dict(os.environ)

    def poll(self):
        return 0  # ended at once: serve stops them all and returns

    def send_signal(self, signum):
        pass

    def wait(self, timeout=None):
        return 0

    def kill(self):
        pass


def run_serve(argv: list[str], environ: dict) -> tuple[list[FakeProcess], list[str]]:
    started: list[FakeProcess] = []
    prepared_with: list[str] = []

    def popen(args, **kwargs):
        started.append(FakeProcess(args, **kwargs))
        return started[-1]

    def prepare(name, **kwargs):
        from django.conf import settings

        assert name == "prepare"
        prepared_with.append(settings.SITE_URL)

    with (
        mock.patch.dict(os.environ, environ, clear=True),
        mock.patch.object(serve.subprocess, "Popen", popen),
        mock.patch.object(serve, "call_command", prepare),
        mock.patch.object(serve.signal, "signal"),
        mock.patch.object(serve.time, "sleep"),
        pytest.raises(SystemExit),
    ):
        call_command("serve", *argv)
    return started, prepared_with


def test_serve_port_gives_every_process_the_same_site_url(settings):
    started, prepared_with = run_serve(["--port", "8093"], base_env())

    assert prepared_with == ["http://127.0.0.1:8093"]  # migrate syncs the Site row from it
    commands = [" ".join(process.args) for process in started]
    assert any("gunicorn" in command for command in commands)
    assert sum(" worker" in command for command in commands) == 2  # tasks, and harvests
    assert any(command.endswith(" clock") for command in commands)
    for process in started:
        assert process.environ["SITE_URL"] == "http://127.0.0.1:8093"
    # A child reads it back from the settings as this process had it.
    assert settings_site_url(started[-1].environ) == "http://127.0.0.1:8093"


def test_serve_keeps_an_explicit_site_url(settings):
    settings.SITE_URL = "https://staffroom.example"
    started, prepared_with = run_serve(
        ["--port", "8093"], {**base_env(), "SITE_URL": "https://staffroom.example"}
    )

    assert prepared_with == ["https://staffroom.example"]
    assert {process.environ["SITE_URL"] for process in started} == {"https://staffroom.example"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


ECHO_APP = """
def application(environ, start_response):
    body = str(len(environ.get("QUERY_STRING", ""))).encode()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]
"""


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def option_set(arguments: list[str], option: str, value: str | None) -> list[str]:
    """``arguments`` with ``option``'s value replaced (None: the option left out)."""
    changed = list(arguments)
    at = changed.index(option)
    if value is None:
        del changed[at : at + 2]
    else:
        changed[at + 1] = value
    return changed


def start_gunicorn(arguments: list[str], folder: Path, port: int) -> subprocess.Popen:
    arguments = option_set(arguments, "--bind", f"127.0.0.1:{port}")
    arguments = option_set(arguments, "--workers", "1")
    # The application under test is a stand-in that reports the length of the query.
    arguments = [
        "app:application" if arg == "staffroom.wsgi:application" else arg for arg in arguments
    ]
    process = subprocess.Popen(
        [*arguments, "--chdir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("gunicorn did not start")


def fetch_long_token(arguments: list[str], folder: Path) -> tuple[int, str, str]:
    port = free_port()
    query = "verb=ListRecords&resumptionToken=" + "x" * 5000
    process = start_gunicorn(arguments, folder, port)
    try:
        status, body = get(f"http://127.0.0.1:{port}/oai?{query}")
    finally:
        process.terminate()
        process.wait(10)
    return status, body, query


def test_web_server_lets_a_long_resumption_token_through(tmp_path):
    """The web server serve starts takes a 5,000-character OAI-PMH GET to the application
    (which answers it in OAI-PMH, tests/interop); gunicorn's default answers 414 itself."""
    started, _prepared = run_serve(["--port", "8093"], base_env())
    web_args = next(process.args for process in started if "gunicorn" in process.args)
    (tmp_path / "app.py").write_text(ECHO_APP)

    status, body, query = fetch_long_token(web_args, tmp_path)
    assert (status, body) == (200, str(len(query)))

    status, _body, _query = fetch_long_token(
        option_set(web_args, "--limit-request-line", None), tmp_path
    )
    assert status == 414

"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, as bytes."""

import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.utils import translation

from staffroom.search import documents
from staffroom.search.backends import reset_backend


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self):
        return message_from_bytes(self.data, policy=policy.default)


class Collector:
    """An aiosmtpd handler. ``before_accept`` runs when DATA has arrived and before the
    server answers, so a test can kill a sender at exactly that moment."""

    def __init__(self):
        self.received: list[Received] = []
        self.before_accept = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.before_accept is not None:
            refusal = self.before_accept(envelope)
            if refusal:
                return refusal
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [item.message for item in self.received]

    def to(self, address: str):
        return [item.message for item in self.received if address in item.rcpt_tos]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """aiosmtpd on 127.0.0.1 and a free port, configured as the site's SMTP server."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    collector.controller = controller
    yield collector
    controller.stop()


@pytest.fixture(autouse=True)
def _newsletter_settings(settings, tmp_path):
    settings.SITE_URL = "https://staffroom.test"
    settings.NEWSLETTER_FROM = "Staffroom <nieuwsbrief@staffroom.test>"
    settings.NEWSLETTER_REPLY_TO = "redactie@staffroom.test"
    settings.NEWSLETTER_RETURN_PATH = "bounces@staffroom.test"
    settings.NEWSLETTER_RATE = 0
    settings.NEWSLETTER_SENDERS = 2
    settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 3
    settings.NEWSLETTER_BOUNCE_WEBHOOK_TOKEN = "webhook-secret-token"
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    reset_backend()
    documents.clear_caches()
    with translation.override("en"):
        yield
    reset_backend()

"""A local OAI-PMH repository for harvest tests: exact requests get canned responses (real
records or pages built from them), anything else an OAI-PMH badArgument."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

OAI_NS = "http://www.openarchives.org/OAI/2.0/"


def _key(params) -> frozenset:
    return frozenset(params.items() if isinstance(params, dict) else params)


class FakeRepository(ThreadingHTTPServer):
    """An OAI-PMH repository on 127.0.0.1: exact requests to canned responses; everything
    else gets an OAI-PMH badArgument (so a wrong request fails its test visibly)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.responses: dict[frozenset, tuple[int, dict, bytes]] = {}
        self.once: dict[frozenset, list[tuple[int, dict, bytes]]] = {}
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/oai"

    def answer(self, params: dict, body: bytes, status: int = 200, headers=None) -> None:
        self.responses[_key(params)] = (status, headers or {}, body)

    def answer_once(self, params: dict, body: bytes, status: int, headers=None) -> None:
        self.once.setdefault(_key(params), []).append((status, headers or {}, body))

    def load_mapping(self, folder: Path) -> None:
        lines = (folder / "mapping.txt").read_text().split()
        for query, filename in zip(lines[::2], lines[1::2], strict=True):
            self.answer(dict(parse_qsl(query)), (folder / filename).read_bytes())


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        self.server.requests.append(params)
        key = _key(params)
        if self.server.once.get(key):
            status, headers, body = self.server.once[key].pop(0)
        elif key in self.server.responses:
            status, headers, body = self.server.responses[key]
        else:
            status, headers, body = 200, {}, oai_error("badArgument", f"unexpected {params}")
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def oai_error(code: str, message: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="{OAI_NS}">'
        f"<responseDate>2024-05-01T10:00:00Z</responseDate><request>http://x/oai</request>"
        f'<error code="{code}">{message}</error></OAI-PMH>'
    ).encode()


def list_records_page(
    records: list[tuple[str, str, bytes | None]], *, token: str | None, date: str
) -> bytes:
    """A ListRecords response: (identifier, datestamp, LOM bytes or None for deleted)."""
    root = etree.Element(f"{{{OAI_NS}}}OAI-PMH", nsmap={None: OAI_NS})
    etree.SubElement(root, f"{{{OAI_NS}}}responseDate").text = date
    request = etree.SubElement(root, f"{{{OAI_NS}}}request", verb="ListRecords")
    request.text = "http://127.0.0.1/oai"
    listing = etree.SubElement(root, f"{{{OAI_NS}}}ListRecords")
    for identifier, datestamp, lom in records:
        record = etree.SubElement(listing, f"{{{OAI_NS}}}record")
        header = etree.SubElement(record, f"{{{OAI_NS}}}header")
        if lom is None:
            header.set("status", "deleted")
        etree.SubElement(header, f"{{{OAI_NS}}}identifier").text = identifier
        etree.SubElement(header, f"{{{OAI_NS}}}datestamp").text = datestamp
        if lom is not None:
            metadata = etree.SubElement(record, f"{{{OAI_NS}}}metadata")
            metadata.append(etree.fromstring(lom))
    if token is not None:
        etree.SubElement(listing, f"{{{OAI_NS}}}resumptionToken").text = token
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def serving(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """Serve ``server`` in a thread for the duration of a fixture."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)

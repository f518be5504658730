"""A local web server in a thread whose pages answer as the web's links do: working, moved,
gone, refusing HEAD, too slow (no network in tests)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    status: int = 200
    location: str = ""
    # What HEAD answers instead, if it differs (a server that refuses HEAD).
    head_status: int | None = None
    # Seconds before answering (longer than the check's timeout: no answer in time).
    delay: float = 0.0


@dataclass
class LinkWeb:
    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    # (method, path) of every request, in order.
    requests: list[tuple[str, str]] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, path: str, status: int = 200, **options) -> str:
        self.pages[path] = Page(status=status, **options)
        return self.base + path


@contextmanager
def link_web() -> Iterator[LinkWeb]:
    web = LinkWeb()
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            web.requests.append((method, self.path))
            page = web.pages.get(self.path, Page(status=404))
            if page.delay:
                stop.wait(page.delay)
            status = page.status
            if method == "HEAD" and page.head_status is not None:
                status = page.head_status
            body = b"" if method == "HEAD" else f"<p>{status}</p>".encode()
            self.send_response(status)
            if page.location:
                self.send_header("Location", page.location)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_HEAD(self) -> None:
            self._answer("HEAD")

        def log_message(self, format, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            pass  # a client that gave up (a timeout, a TLS hello) is what these tests do

    server = Server(("127.0.0.1", 0), Handler)
    web.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield web
    finally:
        # A slow page's handler stops waiting, so that closing does not wait for it.
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)

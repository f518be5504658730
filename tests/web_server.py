"""A small web server in a thread for tests that fetch pages (no network in tests)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class LocalWeb:
    """Serves ``routes`` (path with query -> Route) on 127.0.0.1 and records the paths asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requested: list[str] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.requested.append(self.path)
                route = web.routes.get(self.path) or web.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(status=404, body=b"not found")
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def add(self, path: str, body: bytes = b"", *, status: int = 200, **headers: str) -> str:
        """Serve ``body`` at ``path``; returns its full address. Header names use _ for -."""
        self.routes[path] = Route(
            status=status,
            body=body,
            headers={name.replace("_", "-"): value for name, value in headers.items()},
        )
        return self.base + path


@contextmanager
def local_web() -> Iterator[LocalWeb]:
    web = LocalWeb()
    thread = threading.Thread(target=web.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield web
    finally:
        web.server.shutdown()
        web.server.server_close()
        thread.join(5)

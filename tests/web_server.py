"""A small web server in a thread for tests that fetch pages (no network in tests)."""

import socket
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
    # False: no Content-Length unless ``headers`` has one; the body ends when the connection
    # closes (the server speaks HTTP/1.0), as a server that states no length does.
    length: bool = True


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
                if route.length and "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def add(
        self,
        path: str,
        body: bytes = b"",
        *,
        status: int = 200,
        length: bool = True,
        **headers: str,
    ) -> str:
        """Serve ``body`` at ``path``; returns its full address. Header names use _ for -;
        ``length=False`` sends no Content-Length of its own."""
        self.routes[path] = Route(
            status=status,
            body=body,
            headers={name.replace("_", "-"): value for name, value in headers.items()},
            length=length,
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


@contextmanager
def dripping_server(data: bytes, every: float, *, first: bytes = b"") -> Iterator[int]:
    """A TCP server on 127.0.0.1 that answers every connection with ``first`` at once, then
    ``data`` one byte each ``every`` seconds, whatever is asked (a slow-loris server); yields
    its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def drip(connection: socket.socket) -> None:
        with connection:
            try:
                connection.sendall(first)
            except OSError:
                return
            for byte in data:
                if stop.wait(every):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:  # the client gave up
                    return

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        listener.close()

"""The site's own address while developing, when ``SITE_URL`` is not set: the web server's host
and port, so that the absolute links the site writes (mails, feeds, sitemaps, OAI-PMH, calendar
files, attribution lines) point where it listens. No Django imports: settings reads it."""

# Addresses a server listens on for every interface: a browser reaches it on the loopback one.
WILDCARD_HOSTS = {"", "0.0.0.0", "::", "[::]", "*"}  # noqa: S104 (names them, binds nothing)


def local_site_url(port: int | str, host: str = "") -> str:
    """``http://<host>:<port>`` of a development server (127.0.0.1 for a wildcard host)."""
    host = host.strip()
    if host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{int(port)}"

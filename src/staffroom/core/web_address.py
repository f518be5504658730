"""One key per web address, so that the same page reached by two spellings is found as one.

``url_normalize`` does the standard part (case of scheme and host, default ports, dot segments,
percent-encoding); the key then drops what does not change the page a teacher gets: the scheme
(http and https), a leading "www.", the fragment, a trailing slash, tracking parameters, and the
order of the remaining query parameters. A DOI is keyed by the DOI itself, whichever resolver
address or prefix it is written with ("https://doi.org/...", "doi:...", "info:doi/...", bare).
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from url_normalize import url_normalize

TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)$", re.I)
DOI = re.compile(
    r"^(?:https?://(?:www\.|dx\.)?doi\.org/|doi:\s*|info:doi/)?(10\.\d{4,9}/\S+)$", re.I
)
DOI_RESOLVER = "https://doi.org/"


def doi_of(value: str) -> str:
    """The DOI ("10.1234/abc") that ``value`` writes, as a resolver address, with a "doi:" or
    "info:doi/" prefix, or bare; "" when it is none."""
    match = DOI.match((value or "").strip())
    return match.group(1) if match else ""


def doi_url(doi: str) -> str:
    """The resolver address of a DOI, the form DataCite and Crossref ask to be cited."""
    return f"{DOI_RESOLVER}{doi}"


def url_key(url: str) -> str:
    """The comparison key of ``url`` ("" for an empty or unreadable address)."""
    url = (url or "").strip()
    if not url:
        return ""
    if doi := doi_of(url):
        return f"doi:{doi.lower()}"
    try:
        normal = url_normalize(url) or ""
        parts = urlsplit(normal)
    except ValueError:
        return url.lower()[:1000]
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING.match(k)
        )
    )
    path = parts.path.rstrip("/")
    return f"{host}{port}{path}{'?' + query if query else ''}"[:1000]

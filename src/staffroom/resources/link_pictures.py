"""The picture of a link or embed: the thumbnail its host describes by oEmbed, or else the
og:image its page names. Every address (the page, the oEmbed answer's thumbnail, the image)
is fetched through core.fetch, which refuses addresses inside our own network; the image is
untrusted and scaled down in the analysis sandbox like an upload."""

import io
import json
import logging
from html.parser import HTMLParser
from urllib.parse import urljoin

from staffroom.core.fetch import FetchError, fetch

from . import files
from .embeds import oembed_address

logger = logging.getLogger(__name__)

MAX_PAGE_BYTES = 1024 * 1024
MAX_OEMBED_BYTES = 64 * 1024
MAX_IMAGE_BYTES = 5 * 1024 * 1024
PICTURE_TYPES = files.PICTURE_TYPES
# Meta tags that name a page's picture, best first.
PICTURE_PROPERTIES = ("og:image:secure_url", "og:image:url", "og:image", "twitter:image")


class _PictureFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in PICTURE_PROPERTIES and values.get("content"):
                self.found.setdefault(key, values["content"].strip())
        elif tag == "link" and "image_src" in values.get("rel", "").lower().split():
            self.found.setdefault("image_src", values.get("href", "").strip())


def page_picture_address(html: str, base: str) -> str | None:
    """The absolute address of the picture a page names for itself, or None."""
    finder = _PictureFinder()
    try:
        finder.feed(html)
        finder.close()
    except (AssertionError, ValueError):  # the parser gives up on badly broken markup
        pass
    for key in (*PICTURE_PROPERTIES, "image_src"):
        if finder.found.get(key):  # an empty href names nothing
            return urljoin(base, finder.found[key])
    return None


def picture_address(url: str) -> str | None:
    """Where the picture of the resource at ``url`` is: oEmbed's thumbnail for known hosts,
    the page's og:image otherwise. Raises FetchError when a fetch fails."""
    oembed = oembed_address(url)
    if oembed is not None:
        answer = fetch(
            oembed, accept=("application/json", "text/javascript"), max_bytes=MAX_OEMBED_BYTES
        )
        try:
            data = json.loads(answer.body)
        except ValueError as error:
            raise FetchError(f"oEmbed answer of {oembed} is no JSON") from error
        thumbnail = data.get("thumbnail_url") if isinstance(data, dict) else None
        return urljoin(answer.url, thumbnail) if isinstance(thumbnail, str) and thumbnail else None
    page = fetch(url, accept=("text/html", "application/xhtml+xml"), max_bytes=MAX_PAGE_BYTES)
    return page_picture_address(_decoded(page.body, page.charset), page.url)


def _decoded(body: bytes, charset: str | None) -> str:
    """The page's text in its declared charset; one Python does not know (a server saying
    "utf8mb4") is read as UTF-8, which the address of a picture almost always is."""
    try:
        return body.decode(charset or "utf-8", "replace")
    except LookupError:
        return body.decode("utf-8", "replace")


def fetch_picture(url: str) -> bytes | None:
    """A JPEG of the picture of the resource at ``url``, scaled down in the sandbox; None when
    it has none or anything on the way fails (the card keeps its type icon)."""
    try:
        address = picture_address(url)
        if address is None:
            return None
        image = fetch(address, accept=("image/",), max_bytes=MAX_IMAGE_BYTES)
    except FetchError as error:
        logger.info("No picture for %s: %s", url, error)
        return None
    # The type the bytes have, not the one the server claims.
    mime_type = files.sniff_mime_type(image.body[:8192])
    if mime_type not in PICTURE_TYPES:
        logger.info("No picture for %s: %s is %s", url, address, mime_type)
        return None
    analysis = files.analyse_file(io.BytesIO(image.body), mime_type, text=False)
    return analysis.preview

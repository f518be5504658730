"""Embedding videos and interactive exercises from well-known hosts, and where they describe
their own picture (oEmbed)."""

import re
from urllib.parse import parse_qs, urlencode, urlparse

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
NUMBER = re.compile(r"[0-9]+")


def embed_src(url: str) -> str | None:
    """The iframe address for a video or exercise URL we know how to embed, else None."""
    try:
        parsed = urlparse(url)
    except ValueError:
        return None
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = None
    if host == "youtu.be":
        video_id = parsed.path.strip("/")
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
    if video_id and YOUTUBE_ID.fullmatch(video_id):
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    if host == "vimeo.com" and NUMBER.fullmatch(parsed.path.strip("/")):
        return f"https://player.vimeo.com/video/{parsed.path.strip('/')}"
    if host in ("learningapps.org",) and NUMBER.fullmatch(parsed.path.strip("/")):
        return f"https://learningapps.org/watch?app={parsed.path.strip('/')}"
    if host == "h5p.org" and parsed.path.startswith("/node/"):
        node = parsed.path.split("/")[2]
        return f"https://h5p.org/h5p/embed/{node}" if NUMBER.fullmatch(node) else None
    return None


# Hosts that answer oEmbed requests (https://oembed.com/providers.json) with a thumbnail_url;
# other pages are asked for their og:image instead (link_pictures).
OEMBED_ENDPOINTS = {
    "youtube.com": "https://www.youtube.com/oembed",
    "youtu.be": "https://www.youtube.com/oembed",
    "vimeo.com": "https://vimeo.com/api/oembed.json",
    "h5p.org": "https://h5p.org/oembed",
    "ted.com": "https://www.ted.com/services/v1/oembed.json",
    "dailymotion.com": "https://www.dailymotion.com/services/oembed",
}


def oembed_address(url: str) -> str | None:
    """The oEmbed request that describes ``url``, for hosts known to answer one, else None."""
    try:
        parsed = urlparse(url)
    except ValueError:
        return None
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    endpoint = OEMBED_ENDPOINTS.get(host)
    if endpoint is None:
        return None
    return f"{endpoint}?{urlencode({'url': url, 'format': 'json'})}"

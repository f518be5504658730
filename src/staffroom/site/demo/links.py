"""Web addresses for link and embed resources.

Wikipedia addresses point at real articles; the other sites are real public educational
sites, but their paths here are made up to look like theirs (the demo works offline and only
shows the links). Embeds use YouTube and LearningApps addresses with invented ids.
"""

import random
import string

from django.utils.text import slugify

from .content import load
from .topics import Text
from .writing import wiki_url

# data/links.json: per content language, (address pattern, resource type code); and tools that
# suit a topic better than an article about it.
SITES = {
    language: [(site["address"], site["type"]) for site in sites]
    for language, sites in load("links")["sites"].items()
}
TOPIC_SITES = {
    key: (site["address"], site["type"]) for key, site in load("links")["topic_sites"].items()
}

VIDEO_ID_ALPHABET = string.ascii_letters + string.digits + "-_"


def link_for(rng: random.Random, topic_key: str, text: Text, language: str) -> tuple[str, str]:
    """(address, resource type code) for a link resource on ``text``."""
    roll = rng.random()
    if topic_key in TOPIC_SITES and roll < 0.5:
        pattern, kind = TOPIC_SITES[topic_key]
        return pattern.format(language=language), kind
    if roll < 0.45:
        return wiki_url(text, language), "article"
    pattern, kind = rng.choice(SITES[language])
    slug = slugify(rng.choice(text.titles))[:60]
    return pattern.format(slug=slug, number=rng.randint(30000, 199999)), kind


def embed_for(rng: random.Random) -> tuple[str, str]:
    """(address, resource type code) for an embedded video or exercise."""
    if rng.random() < 0.8:
        video_id = "".join(rng.choice(VIDEO_ID_ALPHABET) for _ in range(11))
        if rng.random() < 0.5:
            return f"https://www.youtube.com/watch?v={video_id}", "video"
        return f"https://youtu.be/{video_id}", "video"
    return f"https://learningapps.org/{rng.randint(1000000, 9999999)}", "interactive-exercise"

"""Videos and exercises from known hosts are embedded; anything else is only linked."""

import pytest
from tests.factories import ResourceFactory

from staffroom.resources.embeds import embed_src


@pytest.mark.parametrize(
    ("url", "src"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://m.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://learningapps.org/1234567", "https://learningapps.org/watch?app=1234567"),
        ("https://h5p.org/node/617", "https://h5p.org/h5p/embed/617"),
    ],
)
def test_known_hosts_are_embedded(url, src):
    assert embed_src(url) == src


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "https://vimeo.com/channels/staff",
        "javascript:alert(1)",
        "http://[::1",
        "",
    ],
)
def test_anything_else_is_not_embedded(url):
    assert embed_src(url) is None


@pytest.mark.django_db
def test_an_embedded_video_appears_on_its_page(client):
    resource = ResourceFactory(kind="embed", url="https://youtu.be/dQw4w9WgXcQ")
    response = client.get(resource.get_absolute_url())
    assert response.context["embed"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in response.content.decode()

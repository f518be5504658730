"""What members write is Markdown; what is shown is sanitised HTML."""

import pytest
from tests.factories import ResourceFactory

from staffroom.core.markdown import render_markdown


def test_markdown_is_rendered():
    html = render_markdown(
        "# Titel\n\n**vet** en *schuin*\n\n- een\n- twee\n\n[link](https://example.org)"
    )
    assert "<strong>vet</strong>" in html
    assert "<em>schuin</em>" in html
    assert "<li>een</li>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener ugc"' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "Tekst <script>alert('x')</script> tekst",
        "<img src=x onerror=alert('x')>",
        "<iframe src='https://evil.example'></iframe>",
        '<a href="javascript:alert(1)">klik</a>',
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_never_becomes_markup(text):
    html = render_markdown(text)
    for tag in ("<script", "<img", "<iframe", "<style", "<a "):
        assert tag not in html


@pytest.mark.parametrize(
    "text",
    [
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](  javascript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        "[klik](vbscript:msgbox)",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_link_schemes_never_become_links(text):
    html = render_markdown(text)
    assert "<a" not in html
    assert "href" not in html


def test_the_sanitiser_drops_what_the_markdown_renderer_would_let_through(monkeypatch):
    from staffroom.core import markdown

    class Unsafe:
        def render(self, text):
            return text

    monkeypatch.setattr(markdown, "_markdown", Unsafe())
    html = render_markdown(
        '<p onclick="x()">Hoi<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">a</a><a href="https://example.org" target="_blank">b</a>'
    )
    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "target" not in html
    assert '<a href="https://example.org" rel="nofollow noopener ugc">b</a>' in html


def test_safe_links_and_mail_stay():
    html = render_markdown("[mail](mailto:juf@example.org) en [web](http://example.org)")
    assert 'href="mailto:juf@example.org"' in html
    assert 'href="http://example.org"' in html


def test_empty_text():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


@pytest.mark.django_db
def test_a_description_with_a_script_is_shown_without_it(client):
    resource = ResourceFactory(
        description="Gewoon **werkblad**.\n\n<script>document.title='hacked'</script>\n\n"
        "[lees meer](javascript:alert(document.cookie))"
    )
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "<strong>werkblad</strong>" in page
    # Shown as text at most, never as markup or a link.
    assert "<script>document" not in page
    assert 'href="javascript' not in page

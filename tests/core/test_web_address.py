"""One key per web address: the spellings of one page that harvested records and members give
meet on one key, and different pages do not."""

import pytest

from staffroom.core.web_address import doi_of, doi_url, url_key


@pytest.mark.parametrize(
    "spellings",
    [
        # Scheme, "www.", a trailing slash, the host's case, a default port, a fragment.
        [
            "http://www.example.org/les/",
            "https://example.org/les",
            "HTTPS://Example.ORG:443/les#oefening-2",
            " https://example.org/les/ ",
        ],
        # Tracking parameters go, the order of the others does not count.
        [
            "https://example.org/zoek?b=2&a=1",
            "https://example.org/zoek?a=1&b=2&utm_source=nieuwsbrief&utm_medium=mail",
            "https://www.example.org/zoek/?fbclid=IwAR0x&a=1&b=2",
        ],
        # A DOI by any resolver address or prefix, in any case.
        [
            "https://doi.org/10.5281/zenodo.1234",
            "http://dx.doi.org/10.5281/ZENODO.1234",
            "https://www.doi.org/10.5281/zenodo.1234",
            "doi:10.5281/zenodo.1234",
            "info:doi/10.5281/zenodo.1234",
            "10.5281/zenodo.1234",
        ],
        # Dot segments and percent-encoding of unreserved characters.
        ["https://example.org/a/../les", "https://example.org/%6Ces"],
    ],
)
def test_spellings_of_one_page_share_a_key(spellings):
    keys = {url_key(spelling) for spelling in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    "first, second",
    [
        ("https://example.org/les", "https://example.org/Les"),  # paths are case-sensitive
        ("https://example.org/les?a=1", "https://example.org/les?a=2"),
        ("https://example.org/les", "https://example.org:8080/les"),
        ("https://example.org/les", "https://example.com/les"),
        ("https://sub.example.org/les", "https://example.org/les"),
        ("https://doi.org/10.5281/zenodo.1234", "https://doi.org/10.5281/zenodo.12345"),
        ("https://doi.org/10.5281/zenodo.1234", "https://zenodo.org/records/1234"),
    ],
)
def test_different_pages_keep_different_keys(first, second):
    assert url_key(first) != url_key(second)


def test_the_keys_read():
    assert url_key("http://www.example.org/les/") == "example.org/les"
    assert url_key("https://doi.org/10.5281/ZENODO.1234") == "doi:10.5281/zenodo.1234"
    assert (
        url_key("https://example.org/zoek?utm_campaign=x&q=breuken") == "example.org/zoek?q=breuken"
    )
    assert url_key("") == ""
    assert url_key("   ") == ""
    assert len(url_key("https://example.org/" + "a" * 2000)) == 1000


def test_the_doi_of_a_value():
    assert doi_of("https://doi.org/10.5281/zenodo.1234") == "10.5281/zenodo.1234"
    assert doi_of("doi: 10.1000/ABC") == "10.1000/ABC"
    assert doi_of("info:doi/10.1000/abc") == "10.1000/abc"
    assert doi_of("10.1000/abc") == "10.1000/abc"
    assert doi_of("https://zenodo.org/records/1234") == ""
    assert doi_of("oai:zenodo.org:1234") == ""
    assert doi_of("10.12/too-short-a-prefix") == ""
    assert doi_of("") == ""
    assert doi_url("10.5281/zenodo.1234") == "https://doi.org/10.5281/zenodo.1234"

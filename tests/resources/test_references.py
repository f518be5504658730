"""One reading of "which resource does the member mean" for every form that links one."""

import pytest

from staffroom.resources.queries import publisher_key, resource_number


@pytest.mark.parametrize(
    ("reference", "number"),
    [
        ("http://127.0.0.1:8000/resources/12/", 12),
        ("https://staffroom.example/resources/12/breuken-vergelijken", 12),
        ("/resources/7?tab=files", 7),
        ("  42 ", 42),
        ("https://host8000.example/", None),
        ("breuken", None),
        ("1234567890123", None),  # no id of ours, and too large for the database
        ("/resources/1234567890123/", None),
    ],
)
def test_a_resource_is_named_by_its_address_or_its_number(reference, number):
    assert resource_number(reference) == number


def test_publisher_keys():
    assert publisher_key("member:12") == ("member", 12)
    assert publisher_key("organisation:3") == ("organisation", 3)
    assert publisher_key("school:3") is None
    assert publisher_key("member:1234567890123") is None

"""The design system's living style page (/styleguide/, staff only); the resource card's facts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from tests.factories import MemberFactory, ResourceFactory, StaffFactory

from staffroom.curriculum.models import Subject

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("styleguide"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_member_without_the_staff_role_is_refused(client):
    client.force_login(MemberFactory())
    assert client.get(reverse("styleguide")).status_code == 403


def test_staff_see_every_component_rendered_from_the_real_templates(client):
    ResourceFactory(title="Breuken op de getallenlijn")
    client.force_login(StaffFactory())
    response = client.get(reverse("styleguide"))
    assert response.status_code == 200
    page = response.content.decode()
    for marker in [
        'class="button"',  # buttons: primary, secondary, link, danger, small
        'class="secondary"',
        'class="link-button"',
        'class="danger"',
        'class="small"',
        'type="file"',  # form controls through _field.html
        "<textarea",
        "<select",
        'type="checkbox"',
        'type="radio"',
        "<legend>",
        'class="help"',
        'class="field-error"',  # a field with its error, and the summary of _form_errors.html
        'id="error-summary"',
        '<article class="card">',  # _resource_card.html with a real resource
        "Breuken op de getallenlijn",
        'class="badge licence"',
        'class="notice info"',  # notices of each kind
        'class="notice success"',
        'class="notice warning"',
        'class="notice error"',
        'class="empty"',  # _empty.html
        'class="table-stack"',
        'data-label="Resource"',
        'class="pagination"',  # _pagination.html
        'class="tabs"',
        'aria-current="page"',
        "staffroom/logo.svg",
    ]:
        assert marker in page, marker
    # Each example is followed by its markup, escaped, to copy.
    assert page.count('<details class="sg-code">') >= 10
    assert "&lt;article class=&quot;card&quot;&gt;" in page


def test_the_header_carries_the_logo_and_the_favicons(client):
    page = client.get("/").content.decode()
    assert 'class="brand-mark"' in page
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg" type="image/svg\+xml">', page)
    assert re.search(r'<link rel="icon" href="[^"]*favicon-32\.png"', page)
    assert 'href="data:,"' not in page


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_cards_show_type_levels_subject_and_licence_in_a_fixed_number_of_queries(client):
    ResourceFactory(title="Breuken 1", subjects=["fl-wis"], licence="cc-by-sa")
    _home_queries(client)  # the first request also fills the process's vocabularies
    few = _home_queries(client)
    for number in range(2, 7):
        ResourceFactory(title=f"Breuken {number}", subjects=["fl-wis"], licence="cc-by-sa")
    assert _home_queries(client) == few  # no query per card
    response = client.get("/")
    page = response.content.decode()
    with translation.override(response.headers["Content-Language"]):
        subject = Subject.objects.get(code="fl-wis").label
    card = page[page.index('<article class="card">') : page.index("</article>")]
    assert f'<li class="badge subject">{subject}</li>' in card
    assert '<li class="badge licence">CC BY-SA 4.0</li>' in card
    assert 'class="badge type"' in card
    assert 'class="badge level"' in card

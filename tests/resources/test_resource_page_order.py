"""The resource page puts what a teacher came for first: the download (or the visit) comes
before the description and the page images, a few keyboard steps from the title."""

import pytest
from django.urls import reverse
from tests.factories import ResourceFactory, ResourceFileFactory

pytestmark = pytest.mark.django_db


def test_the_main_download_comes_right_after_the_title(client):
    resource = ResourceFactory(kind="file", url="")
    main = ResourceFileFactory(resource=resource, original_name="breuken.pdf")
    ResourceFileFactory(resource=resource, original_name="oplossingen.pdf")
    page = client.get(resource.get_absolute_url()).content.decode()
    # (the head's JSON-LD names the file too: look from the title on)
    title = page.index("<h1")
    download = page.index(reverse("resources:download", args=[resource.pk, main.pk]), title)
    assert download < page.index('class="description"')
    # The other files are one link away, in the list further down.
    assert 'href="#files"' in page and 'id="files"' in page


def test_a_link_resource_offers_the_visit_right_after_the_title(client):
    resource = ResourceFactory(kind="link", url="https://example.org/les")
    page = client.get(resource.get_absolute_url()).content.decode()
    title = page.index("<h1")
    visit = page.index(reverse("resources:visit", args=[resource.pk]), title)
    assert visit < page.index('class="description"')

"""Preview images: the pages of a file for "look inside" and the picture of a link or embed.

Like downloads, they are served through a view (never from MEDIA_ROOT directly), so an
unpublished resource's pictures stay with those who may see it."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .models import Resource, ResourceFile
from .queries import resource_files_for, resource_visible_to


def _image_response(field_file, *, public: bool) -> FileResponse:
    try:
        opened = field_file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(opened, content_type="image/jpeg")
    # Published pictures may be cached by browsers and proxies; others only privately.
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age=3600"
    return response


def preview_page(request, pk: int, file_pk: int, number: int):
    """Page ``number`` of a file's preview (1 is the card's picture)."""
    resource = get_object_or_404(Resource, pk=pk)
    if not resource_visible_to(resource, request.user):
        raise Http404
    resource_file = get_object_or_404(ResourceFile, pk=file_pk, resource=resource)
    if resource_file not in resource_files_for(resource, request.user):
        raise Http404
    image = None
    if number == 1:
        image = resource_file.preview
    else:
        page = resource_file.preview_pages.filter(number=number).first()
        image = page.image if page is not None else None
    if not image:
        raise Http404
    return _image_response(image, public=resource.is_published and not resource_file.pending)


def picture(request, pk: int):
    """The picture of a link or embed (its oEmbed thumbnail or og:image, scaled down)."""
    resource = get_object_or_404(Resource, pk=pk)
    if not resource.picture or not resource_visible_to(resource, request.user):
        raise Http404
    return _image_response(resource.picture, public=resource.is_published)

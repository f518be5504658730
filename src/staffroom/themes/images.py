"""A theme's image: typed by its content like every upload and re-encoded in the analysis
sandbox, so what is stored and served is a plain JPEG of a sensible size whatever was sent
(no metadata, no second file hidden behind the picture)."""

from django.core.files.base import ContentFile

from staffroom.resources.files import picture_jpeg

MAX_SIZE = (1600, 1000)


def theme_image_from_upload(upload, name: str) -> ContentFile:
    """The uploaded image as a JPEG no larger than ``MAX_SIZE``; ``ValidationError`` saying
    why when it is not an image we accept."""
    return ContentFile(picture_jpeg(upload, MAX_SIZE), name=f"{name}.jpg")

"""A theme's image: checked like every upload (typed by its content, size limit of images),
then re-encoded, so what is stored and served is a plain JPEG of a sensible size whatever
was sent (no metadata, no second file hidden behind the picture)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from staffroom.resources.files import ACCEPTED_TYPES, UploadRefused, check_upload

MAX_SIZE = (1600, 1000)
MAX_PIXELS = 40_000_000  # of the image sent; more is refused before decoding it


def theme_image_from_upload(upload, name: str) -> ContentFile:
    """The uploaded image as a JPEG no larger than ``MAX_SIZE``; ``ValidationError`` saying
    why when it is not an image we accept."""
    try:
        checked = check_upload(upload)
    except UploadRefused as refused:
        raise ValidationError(str(refused)) from refused
    if ACCEPTED_TYPES.get(checked.mime_type) != "image":
        raise ValidationError(
            _("“%(name)s” is not an image. Choose a JPEG, PNG, GIF or WebP picture.")
            % {"name": upload.name}
        )
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(_("This image has too many pixels; choose a smaller one."))
            image.thumbnail(MAX_SIZE)
            converted = image.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as broken:
        raise ValidationError(
            _("“%(name)s” could not be read as an image.") % {"name": upload.name}
        ) from broken
    output = io.BytesIO()
    converted.save(output, format="JPEG", quality=85, optimize=True)
    return ContentFile(output.getvalue(), name=f"{name}.jpg")

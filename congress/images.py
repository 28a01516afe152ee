"""Images people upload (a voter's photo of the matter, a deputy's portrait), made safe to keep and to show:
the file must be an image Pillow can decode (JPEG, PNG, WebP, GIF; its first frame), within a size in bytes
and in pixels; it is turned upright by its EXIF orientation, shrunk to fit a bounding box, and re-encoded as
a new JPEG, so nothing of the original file (its metadata: GPS position, camera, time; any trailing data) is
kept."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A decompression bomb: a small file declaring a huge canvas. Refused before its pixels are read.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 82


def image_normalise(upload, *, max_side: int = 1600, max_bytes: int = MAX_UPLOAD_BYTES) -> ContentFile:
    """The upload as a new JPEG no larger than `max_side` on its longer side, without its metadata; a
    ValidationError with a message for the person when it is too large, not an image, or damaged."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The image is %(size).1f MB; at most %(limit)d MB."),
            code="image_too_large",
            params={"size": size / 1024 / 1024, "limit": max_bytes // 1024 // 1024},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(_("Only photos (JPEG, PNG, WebP or GIF) can be added."), code="image_type")
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The image is too large in pixels."), code="image_pixels")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.seek(0)
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((max_side, max_side))
            out = BytesIO()
            # No exif, no icc_profile, no comment: a fresh file of the pixels alone.
            image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This file is not an image, or it is damaged."), code="image_invalid") from exc
    result = ContentFile(out.getvalue(), name="photo.jpg")
    result.width, result.height = image.size
    return result

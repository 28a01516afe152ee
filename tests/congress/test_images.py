"""Uploaded images are re-encoded without their metadata, shrunk, and refused when not images or too large."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from congress.images import image_normalise


def _jpeg(width=3000, height=2000, exif=True) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    out = BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "PhoneMaker"  # Make
        data[0x0112] = 6  # orientation: turned 90°
        kwargs["exif"] = data.tobytes()
    image.save(out, format="JPEG", **kwargs)
    return out.getvalue()


def test_a_photo_is_turned_upright_shrunk_and_loses_its_metadata():
    result = image_normalise(SimpleUploadedFile("p.jpg", _jpeg(), content_type="image/jpeg"))
    with Image.open(BytesIO(result.read())) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 1600
        assert image.size == (1067, 1600)  # the EXIF orientation applied: portrait
        assert dict(image.getexif()) == {}
    assert (result.width, result.height) == (1067, 1600)


def test_a_text_file_named_jpg_is_refused():
    with pytest.raises(ValidationError) as raised:
        image_normalise(SimpleUploadedFile("p.jpg", b"<script>alert(1)</script>", content_type="image/jpeg"))
    assert raised.value.code == "image_invalid"


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    upload = SimpleUploadedFile("big.jpg", b"\xff" * 2048, content_type="image/jpeg")
    with pytest.raises(ValidationError) as raised:
        image_normalise(upload, max_bytes=1024)
    assert raised.value.code == "image_too_large"


def test_a_canvas_declared_huge_is_refused():
    out = BytesIO()
    Image.new("1", (10000, 6000)).save(out, format="PNG")
    with pytest.raises(ValidationError) as raised:
        image_normalise(SimpleUploadedFile("bomb.png", out.getvalue(), content_type="image/png"))
    assert raised.value.code == "image_pixels"

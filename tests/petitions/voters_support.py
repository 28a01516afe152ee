"""What the voters' tests share: a contact point of a town with a small group of deputies, photos made in
memory (with camera and GPS metadata to be stripped), and the code a voter's mobile received."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from congress.models import Notification
from deputies.models import StationLevel
from tests.factories import DeputyFactory, SmallGroupFactory, StationFactory

MOBILE = "13800138000"


def contact_point(town, *, name="大莫古村联络点", village="大莫古村"):
    """A village contact point of `town`, its small group attached, with two serving deputies of `village`."""
    group = SmallGroupFactory(township=town)
    point = StationFactory(township=town, name=name, level=StationLevel.VILLAGE, address="村委会")
    point.small_groups.add(group)
    DeputyFactory(township=town, small_group=group, village=village, name="李梅", phone="13900000001")
    DeputyFactory(township=town, small_group=group, village=village, name="王强", phone="13900000002")
    return point


def photo(name="photo.jpg", *, size=(40, 30)) -> SimpleUploadedFile:
    """A JPEG that carries a camera maker and a GPS position in its EXIF."""
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (25.0, 1.0, 1.0)}  # GPSInfo
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def sent_code(phone=MOBILE) -> str:
    """The six digits of the latest code texted to `phone`, as the outbox holds it for the provider."""
    return Notification.objects.filter(kind="matter-code", phone=phone).latest("id").params["code"]


def matter_data(point, **changes) -> dict:
    """A valid form for `point`, but for the code."""
    data = {
        "content": "村口的路灯坏了两个月，晚上出行不便。",
        "village": "大莫古村",
        "station": point.pk,
        "name": "张三",
        "phone": MOBILE,
        "public_allowed": "on",
    }
    return data | changes

"""QR codes as inline SVG, drawn on the server: no image files and nothing loaded from outside the intranet."""

from io import BytesIO

import qrcode
import qrcode.image.svg


def qr_svg(url: str) -> str:
    """The `<svg>` element of a QR code holding `url` (without the XML prologue, to inline in a page)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]

"""HTTP responses every app sends the same way: downloads of workbooks, documents and calendar feeds."""

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar; charset=utf-8"


def download_response(content: bytes, filename: str, *, content_type: str, inline: bool = False) -> HttpResponse:
    """A file for the browser to save (or to open, `inline`); the name may be Chinese (RFC 5987 encoding)."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{filename}"
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx workbook as a download."""
    return download_response(content, filename, content_type=XLSX)


def calendar_response(content: bytes, name: str) -> HttpResponse:
    """An iCalendar feed that phones' calendars subscribe to (shown inline, not saved)."""
    return download_response(content, f"{name}.ics", content_type=ICS, inline=True)

"""HTTP responses every app sends the same way: downloads of workbooks, documents and calendar feeds, and the
page of a one-tap link that cannot be used."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from congress.errors import RuleViolation

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


def link_refused(request: HttpRequest, error: RuleViolation, *, status: int) -> HttpResponse:
    """The page a one-tap link from a text message opens when it cannot be used: why, in a sentence; nothing
    changed."""
    return render(request, "congress/link_refused.html", {"message": error.text}, status=status)

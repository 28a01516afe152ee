"""HTTP responses every app sends the same way: downloads of workbooks, documents and calendar feeds, and the
page of a one-tap link that cannot be used."""

import re

from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django_sendfile import sendfile

from congress.errors import RuleViolation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Control characters and path separators: a name made from a deputy's or a title's text must neither break the
# header nor make the browser save into a folder.
UNSAFE_IN_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def safe_filename(filename: str) -> str:
    """The name as the browser will save it: one line, no folders, not empty, not absurdly long."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    stem = UNSAFE_IN_NAME.sub(" ", stem).strip(" .")[:120] or "download"
    return f"{stem}.{extension}" if extension else stem


def download_response(content: bytes, filename: str, *, content_type: str, inline: bool = False) -> HttpResponse:
    """A file for the browser to save (or to open, `inline`), named per RFC 6266: a Chinese name goes as
    `filename*` (RFC 5987), so the browser saves it under that name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, safe_filename(filename))
    return response


def private_file_response(request: HttpRequest, file: FieldFile, filename: str) -> HttpResponse:
    """An uploaded file, to a viewer the caller has checked, saved under the name it was uploaded with
    (`filename*` for a Chinese name). The web server sends the bytes where it can (SENDFILE_BACKEND: nginx's
    X-Accel-Redirect to an internal location); 404 when the record has no file or the file is gone."""
    if not file:
        raise Http404
    response = sendfile(request, file.path, attachment=True, attachment_filename=safe_filename(filename))
    # Kept by the browser, revalidated before each use, and never by a proxy shared with other people.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An .xlsx workbook as a download."""
    return download_response(content, filename, content_type=XLSX)


def docx_response(content: bytes, filename: str) -> HttpResponse:
    """A Word document as a download."""
    return download_response(content, filename, content_type=DOCX)


def calendar_response(content: bytes, name: str) -> HttpResponse:
    """An iCalendar feed that phones' calendars subscribe to (shown inline, not saved)."""
    return download_response(content, f"{name}.ics", content_type=ICS, inline=True)


def link_refused(request: HttpRequest, error: RuleViolation, *, status: int) -> HttpResponse:
    """The page a one-tap link from a text message opens when it cannot be used: why, in a sentence; nothing
    changed."""
    return render(request, "congress/link_refused.html", {"message": error.text}, status=status)

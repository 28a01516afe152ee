"""Uploaded files are private: stored under random names and at no public address. A file reaches a browser
only through its record's download view, which checks that the viewer may see the record
(congress.responses.private_file_response)."""

import re
import secrets

from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# Kept from the uploaded name only so that the stored file has its type; anything odd becomes no extension.
EXTENSION = re.compile(r"\.[a-z0-9]{1,10}$")


# What an office files as a document (a proposal's attachment, a report as sent): PDF, Word, Excel, a photo or
# text, at most 10 MB.
DOCUMENT_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def uploaded_name(upload) -> str:
    """The name the file was uploaded under, without any folder, at most 200 characters."""
    return (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]


class NoPublicAddress(ValueError):
    """Raised for a private file's address: link to the record's download view instead."""


class PrivateStorage(FileSystemStorage):
    """The uploads folder (MEDIA_ROOT), with no base URL: a page that asks for a file's `.url` is a bug (it
    would leak the file past the record's access check), so it fails loudly instead of printing a link."""

    def url(self, name: str | None) -> str:
        raise NoPublicAddress(f"{name!r} is a private file: link to its record's download view.")


@deconstructible
class RandomName:
    """upload_to of a private file: `<folder>/<year>/<32 random hex digits>.<ext>`. A guessed or leaked name
    says nothing of the file, and two uploads of 方案.pdf never collide; the row keeps the uploaded name to show
    and to name the download."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = EXTENSION.search((filename or "").lower())
        suffix = extension.group(0) if extension else ""
        return f"{self.folder}/{timezone.localdate():%Y}/{secrets.token_hex(16)}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

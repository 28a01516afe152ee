"""Control characters in what people type: refused at input, dropped on the way out.

A workbook (XML 1.0) cannot hold most of them, python-docx refuses them, and none means anything in a name or a
reply: Word's manual line break (U+000B) pasted into a form, or an escape sequence from a terminal, is the usual
source. A tab and a line end are text."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode's control characters (category Cc) but tab, line feed and carriage return, and the two non-characters
# XML forbids.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control(value) -> str:
    """`value` as text without control characters (tabs and line ends kept)."""
    return CONTROL_CHARACTERS.sub("", "" if value is None else str(value))


def refuse_control_characters(value) -> None:
    """The validator every form's text fields run: a control character is refused with where to look."""
    # Django's own validator refuses a null character, with its message.
    found = next((m for m in CONTROL_CHARACTERS.finditer(str(value or "")) if m.group() != "\x00"), None)
    if found:
        raise ValidationError(
            _("This text contains a control character (%(code)s) that cannot be stored or printed; remove it."),
            code="control_character",
            params={"code": f"U+{ord(found.group()):04X}"},
        )

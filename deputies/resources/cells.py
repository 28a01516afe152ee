"""Cells of the register's sheets: phone and home address masking for every export (congress.spreadsheets keeps
text from running as a formula), and the widgets that read the words offices write (names, phones, dates, yes/no,
choices, rows of the township named in a cell)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import widgets

from congress.validators import DateRange
from deputies.sectors import SectorMatcher
from deputies.spreadsheets import chinese_number, clean_bool, clean_date, clean_name, clean_phone, clean_text


def mask_phone(phone: str) -> str:
    """139****5678: enough to recognise a number, not enough to call it."""
    if len(phone) >= 7:
        return f"{phone[:3]}****{phone[-4:]}"
    return "****" if phone else ""


# The last of these words ends the part of an address that names a place (a village, its group, a street, an
# estate); what follows it is the house: its number, building, unit and room.
_PLACE_WORDS = re.compile(r"(村|社区|小区|组|街道|街|路|巷|弄|屯|寨)")


def mask_address(address: str) -> str:
    """东村3组****: the village, group or street kept, the house hidden, as the phone is (mask_phone).
    An address naming no place word keeps at most its first half, and none of its numbers."""
    address = address or ""
    places = list(_PLACE_WORDS.finditer(address))
    number = re.search(r"\d", address)
    keep = places[-1].end() if places else min(len(address) // 2, number.start() if number else len(address))
    return address[:keep] + "****" if keep < len(address) else address


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_text(value)


class NameWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_name(value)


class PhoneWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_phone(value)


class DateWidget(widgets.Widget):
    """A date cell; with a `rule` (congress.validators), a date outside its range is the row's error."""

    def __init__(self, rule: DateRange | None = None) -> None:
        self.rule = rule

    def clean(self, value, row=None, **kwargs):
        day = clean_date(value)
        if self.rule is not None:
            try:
                self.rule(day)
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from None
        return day

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m-%d") if value else ""


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return clean_bool(value)

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class ChoiceWidget(widgets.Widget):
    """A choice written in words: each accepted spelling maps to a stored value; rendered as the first spelling."""

    def __init__(self, spellings: dict[str, str], *, default: str | None = None, label: str = "") -> None:
        self.spellings = spellings
        self.default = default
        self.label = label

    def clean(self, value, row=None, **kwargs):
        text = clean_name(value)
        if not text and self.default is not None:
            return self.default
        found = self.lookup(text)
        if found is not None:
            return found
        # One per line: the values themselves may hold 、 (县、镇人大代表), so no separator would read well.
        accepted = "\n".join(dict.fromkeys(k for k in self.spellings if k))
        raise ValueError(
            _("“%(value)s” is not an accepted value. Write one of:\n%(accepted)s")
            % {"value": text, "accepted": accepted}
        )

    def lookup(self, text: str) -> str | None:
        """The stored value of a cleaned cell, or None if it is no accepted spelling."""
        return self.spellings.get(text)

    def render(self, value, obj=None, **kwargs):
        return next((k for k, v in self.spellings.items() if v == value), value or "")


class TermWidget(widgets.Widget):
    """A term (届) written 18, １８, 第18届 or 第十八届; an empty cell keeps the value the row already has."""

    def clean(self, value, row=None, **kwargs):
        text = clean_name(value).removeprefix("第").removesuffix("届")
        if not text:
            return None
        number = text if text.isdigit() else chinese_number(text)
        if number is None or int(number) < 1:
            raise ValueError(_("“%(value)s” is not a term; write its number, e.g. 18.") % {"value": clean_name(value)})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return str(value) if value is not None else ""


class SectorWidget(widgets.CharWidget):
    """A sector (界别) matched to the town's list; a name new to the town only when the office confirmed it."""

    def __init__(self) -> None:
        super().__init__()
        self.matcher: SectorMatcher | None = None
        self.allow_new = False

    def clean(self, value, row=None, **kwargs):
        name, new = self.matcher.match(clean_text(value)) if self.matcher else (clean_name(value), False)
        if new and not self.allow_new:
            raise ValueError(
                _(
                    "“%(name)s” is not a sector of this township yet. Tick the box that adds the new sectors on the "
                    "preview to import this row, or write one of the township's sectors."
                )
                % {"name": name}
            )
        return name


class EthnicityWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = clean_name(value)
        if text and not text.endswith("族"):
            text += "族"
        return text or "汉族"


class TownshipForeignKeyWidget(widgets.Widget):
    """A row of this township named in a cell; the names are read once per import, not once per row."""

    def __init__(self, queryset, *, label: str) -> None:
        self.queryset = queryset
        self.label = label
        self._by_name: dict[str, object] | None = None

    def _names(self) -> dict[str, object]:
        if self._by_name is None:
            self._by_name = {clean_name(obj.name): obj for obj in self.queryset}
        return self._by_name

    def reset(self) -> None:
        """Read the names again at the next cell: a new transaction (the next part of a preview) no longer has
        the rows the previous one created and rolled back."""
        self._by_name = None

    def add(self, obj) -> None:
        """A row created for this import (a new small group), found by its name from now on."""
        self._names()[clean_name(obj.name)] = obj

    def clean(self, value, row=None, **kwargs):
        name = clean_name(value)
        if not name:
            return None
        if name not in self._names():
            raise ValueError(
                _("%(what)s “%(name)s” does not exist in this township.") % {"what": self.label, "name": name}
            )
        return self._by_name[name]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""

"""People pickers: selects of deputies that static/js/pickers.js turns into search boxes (Tom Select).

Each option carries the name's pinyin and its initials, so 高萍 is found by typing "gp" or "gaop"; the deputies
of the group that matters on the page (the day's group, the deputy's own group) come first in an optgroup of
their own, everyone in pinyin order. Without JavaScript the plain select still works.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from deputies.models import SmallGroup

TONE_DIGITS = re.compile(r"\d")


class PickerMixin:
    """Shared by the single and the multiple picker; the form sets `first_group` when a group comes first."""

    first_group: SmallGroup | None = None

    def __init__(self, attrs=None, choices=()) -> None:
        picker_attrs = {
            "data-picker": "",
            "data-placeholder": _("Name or pinyin initials"),
            "data-no-results": _("No deputy matches what you typed. Type part of the name or its pinyin initials."),
            "data-remove": _("Remove"),
            "data-clear": _("Clear"),
        }
        super().__init__({**picker_attrs, **(attrs or {})}, choices)

    def optgroups(self, name, value, attrs=None):
        # Regroup the field's flat choices for this rendering only: the field keeps its own choices.
        flat = self.choices
        self.choices = self._grouped(list(flat))
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = flat

    def _grouped(self, choices: list) -> list:
        if self.first_group is None:
            return choices
        blank, first, others = [], [], []
        for option_value, label in choices:
            deputy = getattr(option_value, "instance", None)
            if deputy is None:
                blank.append((option_value, label))
            elif deputy.small_group_id == self.first_group.pk:
                first.append((option_value, label))
            else:
                others.append((option_value, label))
        if not first:
            return choices
        return [*blank, (self.first_group.name, first), (_("Other deputies"), others)]

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        deputy = getattr(value, "instance", None)
        if deputy is not None:
            option["attrs"]["data-pinyin"] = TONE_DIGITS.sub("", deputy.name_sort)
            option["attrs"]["data-initials"] = deputy.name_initials
        return option


class PeoplePicker(PickerMixin, forms.SelectMultiple):
    """Several deputies (those present at a visit, the co-signers)."""


class PersonPicker(PickerMixin, forms.Select):
    """One deputy (who made a suggestion, a substitute)."""


def put_first(field: forms.Field, group: SmallGroup | None) -> None:
    """Show `group`'s deputies first in the picker of `field`."""
    field.widget.first_group = group

"""Folded parts of a form: a `<details>` of seldom-filled fields opens by itself when one of them holds a value or
an error, so nothing typed or wrong is ever hidden."""

from django import forms, template

register = template.Library()


@register.filter
def holds(form: forms.BaseForm, names: str) -> bool:
    """Whether any of the fields named in `names` (separated by spaces) has an error or a value to show."""
    for name in names.split():
        field = form[name]
        if field.errors:
            return True
        value = field.value()
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, "", [], ()):
            return True
    return False

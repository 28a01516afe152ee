"""The fields of a form, read from its HTML (so that a field added tomorrow is fuzzed tomorrow), or from a form
class (the HINTS: fields a page shows only in another state)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve
from django.utils import timezone

# A form class, or the names a view reads from request.POST itself with the values worth trying.
Hint = type[forms.BaseForm] | dict[str, list[str]]


@dataclass
class FieldSpec:
    name: str
    kind: str = "text"  # an <input type>, "select", "textarea", "file" or "submit"
    options: list[str] = field(default_factory=list)  # values seen: <option>s, radio and checkbox values
    value: str = ""  # the value the page fills in
    multiple: bool = False

    def merge(self, other: "FieldSpec") -> None:
        if self.kind == "text" and other.kind != "text":
            self.kind = other.kind
        self.options += [o for o in other.options if o not in self.options]
        self.value = self.value or other.value
        self.multiple = self.multiple or other.multiple

    def plausible(self) -> str | None:
        """What a person would post: the page's value, the first real option, or a value of the right type."""
        if self.kind == "file":
            return None
        if self.value:
            return self.value
        real = [o for o in self.options if o]
        if real:
            return real[0]
        today = timezone.localdate()
        by_kind = {
            "date": today.isoformat(),
            "datetime-local": f"{today}T09:00",
            "datetime": f"{today} 09:00",
            "time": "09:00",
            "number": "1",
            "checkbox": "on",
            "month": f"{today:%Y-%m}",
            "password": "pass-for-tests-1",
        }
        return by_kind.get(self.kind, "测试")


@dataclass
class ParsedForm:
    method: str
    actions: list[str]
    id: str = ""
    fields: dict[str, FieldSpec] = field(default_factory=dict)

    def add(self, spec: FieldSpec) -> None:
        if spec.name in self.fields:
            self.fields[spec.name].merge(spec)
            self.fields[spec.name].multiple = self.fields[spec.name].multiple or spec.kind == "checkbox"
        else:
            self.fields[spec.name] = spec


class FormParser(HTMLParser):
    """The forms of a page: method, where they post (formaction buttons too), and their named controls,
    including controls outside the <form> tied to it by form="id"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[ParsedForm] = []
        self._open: ParsedForm | None = None
        self._select: FieldSpec | None = None
        self._option_text: bool = False
        self._textarea: FieldSpec | None = None
        self._detached: list[tuple[str, FieldSpec, str]] = []  # (form id, control, formaction)

    def _place(self, attrs: dict[str, str], spec: FieldSpec | None, formaction: str = "") -> None:
        if "form" in attrs:
            self._detached.append((attrs["form"], spec, formaction))
        elif self._open is not None:
            if spec is not None:
                self._open.add(spec)
            if formaction:
                self._open.actions.append(formaction)

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {key: value or "" for key, value in attrs_list}
        name = attrs.get("name", "")
        if tag == "form":
            self._open = ParsedForm(attrs.get("method", "get").lower(), [attrs.get("action", "")], attrs.get("id", ""))
            self.forms.append(self._open)
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image", "button", "reset"):
                spec = FieldSpec(name, "submit", [attrs["value"]] if "value" in attrs else []) if name else None
                self._place(attrs, spec, attrs.get("formaction", ""))
            elif name and name != "csrfmiddlewaretoken":
                options = [attrs.get("value", "on")] if kind in ("checkbox", "radio") else []
                value = attrs.get("value", "") if kind not in ("checkbox", "radio", "file", "password") else ""
                self._place(attrs, FieldSpec(name, kind, options, value, "multiple" in attrs))
        elif tag == "button":
            spec = FieldSpec(name, "submit", [attrs.get("value", "")]) if name else None
            self._place(attrs, spec, attrs.get("formaction", ""))
        elif tag == "select" and name:
            self._select = FieldSpec(name, "select", multiple="multiple" in attrs)
            self._place(attrs, self._select)
        elif tag == "option" and self._select is not None:
            if "value" in attrs:
                self._select.options.append(attrs["value"])
            else:
                self._option_text = True
        elif tag == "textarea" and name:
            self._textarea = FieldSpec(name, "textarea")
            self._place(attrs, self._textarea)

    def handle_data(self, data: str) -> None:
        if self._option_text and self._select is not None:
            self._select.options.append(data.strip())
            self._option_text = False
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option_text = False
        elif tag == "textarea":
            if self._textarea is not None:
                self._textarea.value = self._textarea.value.strip()
            self._textarea = None

    def close(self) -> None:
        super().close()
        by_id = {form.id: form for form in self.forms if form.id}
        for form_id, spec, formaction in self._detached:
            form = by_id.get(form_id)
            if form is None:
                continue
            if spec is not None:
                form.add(spec)
            if formaction:
                form.actions.append(formaction)


def page_forms(html: str) -> list[ParsedForm]:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def specs_from_hint(hint: Hint) -> dict[str, FieldSpec]:
    """The fields of a form class (static choices kept), or of a {name: options} dict."""
    if isinstance(hint, dict):
        return {name: FieldSpec(name, "text", list(options)) for name, options in hint.items()}
    specs = {}
    for name, form_field in hint.base_fields.items():
        specs[name] = FieldSpec(name, _kind_of(form_field), _static_choices(form_field))
        specs[name].multiple = isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    return specs


def _kind_of(form_field: forms.Field) -> str:
    kinds = [
        (forms.FileField, "file"),
        (forms.DateTimeField, "datetime"),
        (forms.DateField, "date"),
        (forms.TimeField, "time"),
        (forms.IntegerField, "number"),
        (forms.DecimalField, "number"),
        (forms.FloatField, "number"),
        (forms.BooleanField, "checkbox"),
        (forms.ChoiceField, "select"),
        (forms.ModelChoiceField, "select"),
    ]
    return next((kind for cls, kind in kinds if isinstance(form_field, cls)), "text")


def _static_choices(form_field: forms.Field) -> list[str]:
    if isinstance(form_field, forms.ModelChoiceField) or not isinstance(form_field, forms.ChoiceField):
        return ["on"] if isinstance(form_field, forms.BooleanField) else []
    values = []
    for value, label in form_field.choices:
        if isinstance(label, list | tuple):  # an optgroup
            values += [str(v) for v, _label in label]
        else:
            values.append(str(value))
    return values


def merge_specs(*groups: dict[str, FieldSpec]) -> dict[str, FieldSpec]:
    merged: dict[str, FieldSpec] = {}
    for group in groups:
        for name, spec in group.items():
            if name in merged:
                merged[name].merge(spec)
            else:
                merged[name] = FieldSpec(spec.name, spec.kind, list(spec.options), spec.value, spec.multiple)
    return merged

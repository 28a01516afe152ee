"""The generated values: odd strings, numbers and dates, another town's ids, files and register sheets, and the
payload a POST example sends; FUZZ, the Hypothesis settings every fuzz test runs with."""

import csv
import io
import os
from dataclasses import dataclass
from datetime import timedelta

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.congress.fuzz.forms import FieldSpec

EXAMPLES = int(os.environ.get("NO500_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no saved examples: every run is the same (Hypothesis still keeps a cache in .hypothesis/)
    derandomize=os.environ.get("NO500_RANDOM") != "1",  # the suite explores the same inputs on every run
    print_blob=False,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],  # no "explain": it traces coverage, slowly
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


OMIT = object()  # a field the example leaves out, though a person would have filled it


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    content_type: str = "application/octet-stream"

    def __repr__(self) -> str:
        return f"Upload({self.name!r}, {len(self.content)} bytes: {self.content[:60]!r})"

    def file(self) -> SimpleUploadedFile:
        return SimpleUploadedFile(self.name, self.content, self.content_type)


SAFE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
ODD_STRINGS = [
    " ",
    "0",
    "-1",
    "1.5",
    "2147483648",
    "9223372036854775808",
    "9" * 30,
    "-" + "9" * 30,
    "1e308",
    "-1e309",
    "nan",
    "inf",
    "-0",
    "0x1F",
    "1_000",
    "²",  # isdigit() but not int()
    "²²²²",
    "①②③④",
    "١٢",  # Arabic-Indic digits: int() takes them
    "①",
    "𝟗",
    "true",
    "on",
    "None",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "\u202etxt.exe",
    "مرحبا",
    "😀" * 3,
    "人大代表接待日",
    "\t\r\n",
    "\x1b[31m\x07\x7f",
    "\ufeff",
    '=HYPERLINK("http://evil")',
    "9999-12",
    "99999999999999999999-1",
    "2026-00",
    "2026--1",
    "--",
]
ODD_DATES = [
    "2026-13-40",
    "9999-12-31",
    "0000-00-00",
    "0001-01-01",
    "2026-02-30",
    "2028-02-29",
    "20260101",
    "2026/1/1",
    "1/2/2026",
    "99999-01-01",
    "-2026-01-01",
    "2026-01-01T25:61",
    "2026-06-15T09:00",
    "2026-06-15 23:59:59.999999",
    "9999-12-31 23:59:59",
    "0001-01-01 00:00",
    "2026-06-15T09:00+14:00",
    "24:00",
    "23:59:60",
    "-1:00",
    "9999",
    "0",
]
LONG_STRINGS = st.builds(
    lambda unit, n: (unit * n)[:n],
    st.sampled_from(["a", "汉", "😀", "\u202e", "9", " ", "<b>", "\U0010ffff"]),
    st.integers(min_value=256, max_value=5000),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _dates() -> list[str]:
    today = timezone.localdate()
    near = [today, today + timedelta(days=1), today - timedelta(days=1), today + timedelta(days=400)]
    return [d.isoformat() for d in near] + [f"{today:%Y-%m}"] + ODD_DATES


def odd_value(spec: FieldSpec, ids: list[str]) -> st.SearchStrategy:
    """One value for a field: what the page offers first (so that shrinking ends on it), then the odd ones."""
    seen = [o for o in spec.options if o] or [spec.plausible() or ""]
    return st.one_of(
        st.sampled_from(seen),
        st.just(""),
        st.sampled_from(ODD_STRINGS),
        st.sampled_from(_dates()),
        st.sampled_from(ids),
        NUMBERS,
        st.text(SAFE_CHARS, max_size=30),
        LONG_STRINGS,
    )


def _csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def sheet_uploads(headers: list[str], ids: list[str]) -> st.SearchStrategy:
    """A register sheet: the kind's headers (some left out, a stray one added) over a few odd rows, as .csv
    (UTF-8 or GBK) or .xlsx."""
    cell = odd_value(FieldSpec("cell", options=["是", "否", "男", "女", "汉", "2026-01-01"]), ids)
    columns = st.lists(
        st.sampled_from([*headers, "备注", "不明列"]), min_size=1, max_size=len(headers) + 1, unique=True
    )

    def build(cols: list[str], body: list[list[str]], form: str) -> Upload:
        rows = [cols] + [(row + [""] * len(cols))[: len(cols)] for row in body]
        if form == "xlsx":
            # A workbook cannot hold control characters: openpyxl refuses them before the site sees the file.
            cells = [[ILLEGAL_CHARACTERS_RE.sub("", c) for c in row] for row in rows[1:]]
            return Upload("名册.xlsx", tablib.Dataset(*cells, headers=cols).export("xlsx"))
        return Upload("名册.csv", _csv_bytes(rows, "gb18030" if form == "gbk" else "utf-8-sig"), "text/csv")

    return st.builds(
        build,
        st.one_of(st.just(headers), columns),
        st.lists(st.lists(cell, min_size=1, max_size=len(headers) + 1), min_size=0, max_size=3),
        st.sampled_from(["utf-8", "gbk", "xlsx"]),
    )


# (A file part without a name is no file at all for Django; SimpleUploadedFile cannot send one.)
FILE_NAMES = ["a.csv", "a.xlsx", "a.pdf", "a.jpg", "a.exe", "a.xls", "a", ".csv", "..\\..\\a.csv", "照片.PNG"]


def uploads(headers: list[str] | None, ids: list[str]) -> st.SearchStrategy:
    raw = st.builds(Upload, st.sampled_from(FILE_NAMES), st.one_of(st.just(b""), st.binary(max_size=512)))
    not_a_workbook = st.builds(Upload, st.sampled_from(["a.xlsx", "a.docx"]), st.just(b"PK\x03\x04" + b"\x00" * 60))
    if headers:
        return st.one_of(sheet_uploads(headers, ids), raw, not_a_workbook)
    return st.one_of(raw, not_a_workbook)


EXTRA_KEYS = st.one_of(
    st.sampled_from(
        ["id", "pk", "township", "township_id", "county", "role", "is_superuser", "user", "created_by", "status-²"]
    ),
    st.builds(
        lambda prefix, raw: f"{prefix}-{raw}",
        st.sampled_from(["status", "note", "form", "suggestion_1", "initial"]),
        st.sampled_from(["0", "1", "999999999", "9" * 13, "-1", "x"]),
    ),
    st.text(SAFE_CHARS, min_size=1, max_size=20),
)


def draw_payload(data, specs: dict[str, FieldSpec], ids: list[str], headers: list[str] | None, label: str) -> dict:
    """A dict to post: maybe a valid-looking form to start from, then up to six fields set to generated values
    (or left out), then up to two keys the form does not know."""
    payload: dict = {}
    if data.draw(st.booleans(), label=f"{label}: start from a valid-looking form"):
        for name, spec in specs.items():
            value = spec.plausible()
            real = [option for option in spec.options if option]
            if spec.multiple and len(real) > 1:
                value = real[:2]  # two of the checkboxes ticked
            if value is not None:
                payload[name] = value
    names = sorted(specs)
    if names:
        chosen = data.draw(
            st.lists(st.sampled_from(names), unique=True, max_size=min(6, len(names))), label=f"{label}: fields set"
        )
        for name in chosen:
            spec = specs[name]
            if spec.kind == "file":
                value = data.draw(uploads(headers, ids), label=name)
            else:
                single = odd_value(spec, ids)
                value = data.draw(
                    st.one_of(single, st.lists(single, min_size=2, max_size=3), st.just(OMIT)), label=name
                )
            if value is OMIT:
                payload.pop(name, None)
            else:
                payload[name] = value
    extras = data.draw(
        st.dictionaries(EXTRA_KEYS, odd_value(FieldSpec("extra"), ids), max_size=2), label=f"{label}: extra keys"
    )
    for key, value in extras.items():
        payload.setdefault(key, value)
    return payload


def encoded(payload: dict) -> dict:
    """The payload for the test client: fresh file objects, every time."""
    return {key: value.file() if isinstance(value, Upload) else value for key, value in payload.items()}

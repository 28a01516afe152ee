"""No English in the Chinese interface: every page the access matrix lists, as every role that may open it,
read in zh-hans, shows no English word outside a short list of names that Chinese offices write in Latin
letters too (Excel, PDF, iCal …). A word it finds is a string not marked for translation, or one the
catalogue has not translated yet.

The visible text only: the text of the page and the attributes a reader sees or hears (title, placeholder,
aria-label, alt, a button's value), not scripts, styles, hidden inputs, class names or addresses."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.access.conftest import client_as, samples  # noqa: F401 - the access tests' fixtures, reused here
from tests.access.expect import OK
from tests.access.matrix import MATRIX, address, expectation
from tests.access.routes import ENTRIES, ENTRY_BY_LABEL
from tests.access.samples import TownASamples, each_role

pytestmark = pytest.mark.slow

# Names written in Latin letters in Chinese offices too (and the language switch's "English").
ALLOWED = {
    "English", "Excel", "Word", "PDF", "iCal", "ICS", "CSV", "QR", "SMS", "URL", "WeChat", "Wi", "Fi", "Ctrl", "Chrome",
    "Chromium", "Safari", "Firefox", "Edge", "Android", "iPhone", "iOS", "App", "APP", "USB", "HTTPS", "HTTP",
    "LibreOffice", "WPS", "Office", "Microsoft", "xlsx", "docx", "pdf", "csv", "ics", "jpg", "jpeg", "png",
    "txt", "doc", "xls", "JPEG", "PNG", "GIF", "WebP", "Redis", "Celery", "SQLite", "PostgreSQL", "Django",
}  # fmt: skip
# The test users' logins and the factories' sample data: data, not interface.
DATA = {"alice", "bob", "carol", "leo", "dave", "erin", "brian", "cathy", "dan", "nomad", "root", "test"}
WORD = re.compile(r"[A-Za-z]{3,}")
SEEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
SKIPPED_ELEMENTS = {"script", "style", "template", "code", "kbd", "svg", "noscript"}


class VisibleText(HTMLParser):
    """The words a reader of the page sees or hears."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        values = dict(attrs)
        self.parts += [values[name] or "" for name in SEEN_ATTRIBUTES if name in values]
        if tag == "input" and values.get("type") in {"submit", "button", "reset"}:
            self.parts.append(values.get("value") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def english_words(html: str) -> list[str]:
    """The English words of a page's visible text, outside the allowed names and the test data."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    # Addresses, mail addresses and file names a page shows as data are not words of the interface.
    text = re.sub(r"\S+@\S+|https?://\S+|/\S*|\S+\.(?:xlsx|docx|pdf|ics|csv|png|jpe?g|txt)\b", " ", text)
    return sorted({w for w in WORD.findall(text) if w not in ALLOWED and w.lower() not in DATA})


def test_the_extraction_keeps_what_a_reader_sees_and_leaves_the_rest():
    page = (
        '<p class="Widget">甲镇 <b>Draft</b></p><script>var Hidden = 1;</script><input type="hidden" value="Secret">'
        '<input type="submit" value="Save"><a href="/Path/" title="Opens">链接</a><span>导出 Excel</span>'
    )
    assert english_words(page) == ["Draft", "Opens", "Save"]


# Pages for the server's operator, not the offices: each with the reason it is left out.
OPERATOR_PAGES = {
    "healthz": "django-health-check's own page for monitoring, in the library's English; no office user reads it",
}
PAGES = [pytest.param(e.label, id=e.label) for e in ENTRIES if e.label in MATRIX and e.label not in OPERATOR_PAGES]


@pytest.mark.parametrize("label", PAGES)
def test_no_english_word_on_the_chinese_page(label: str, client_as, samples: TownASamples) -> None:  # noqa: F811
    entry = ENTRY_BY_LABEL[label]
    url = address(entry, samples)
    found: dict[str, list[str]] = {}

    def one(role: str, method: str) -> None:
        if expectation(entry, role)[0] != OK:
            return
        client: Client = client_as(role)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code != OK or not response["Content-Type"].startswith("text/html"):
            return
        words = english_words(response.content.decode())
        if words:
            found[role] = words

    each_role(samples, one, methods=("GET",))
    assert not found, f"English on {url} ({label}): " + "; ".join(f"{r}: {', '.join(w)}" for r, w in found.items())

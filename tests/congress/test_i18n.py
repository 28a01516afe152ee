"""Both languages are whole: the zh-hans catalogue has no untranslated or fuzzy entry and is compiled."""

import ast
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[dict]:
    """Split a .po file into entries: flags, msgid and msgstr(s), joined across continued lines."""
    entries, current, field = [], {"flags": "", "msgid": "", "msgstr": ""}, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if current["msgid"] or current["msgstr"]:
                entries.append(current)
            current, field = {"flags": "", "msgid": "", "msgstr": ""}, None
        elif line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural"):
            field, current["plural"] = None, True
        elif line.startswith("msgctxt"):
            field, current["context"] = None, True
        elif line.startswith("msgid "):
            field, current["msgid"] = "msgid", line[6:].strip('"')
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"] += line.split(" ", 1)[1].strip('"')
        elif line.startswith('"') and field:
            current[field] += line.strip('"')
    return entries


def test_every_catalogue_entry_is_translated_and_none_is_fuzzy():
    entries = [e for e in _entries(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"]]
    assert entries, "the catalogue is empty"
    untranslated = [e["msgid"] for e in entries if not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_the_compiled_catalogue_matches_its_source():
    """Every singular entry of the .po reads the same through gettext: the .mo was compiled after the last edit."""
    stale = []
    with translation.override("zh-hans"):
        for entry in _entries(CATALOGUE.read_text(encoding="utf-8")):
            if not entry["msgid"] or entry.get("plural") or entry.get("context"):
                continue
            msgid, msgstr = _unescape(entry["msgid"]), _unescape(entry["msgstr"])
            if translation.gettext(msgid) != msgstr:
                stale.append(msgid)
    assert not stale, f"run `make messages` to compile the catalogue; stale: {stale[:10]}"


def _unescape(text: str) -> str:
    return ast.literal_eval(f'"{text}"')


# makemessages runs these four from the PATH; Debian and Ubuntu ship them in the `gettext` package.
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in GETTEXT_TOOLS), reason="gettext tools are not installed (apt: gettext)"
)
def test_every_marked_string_in_the_code_is_in_the_catalogue(tmp_path, settings):
    """makemessages over the code finds no msgid the committed catalogue lacks."""
    work = tmp_path / "src"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".venv", ".git", "node_modules", "staticfiles", "media"))
    settings.LOCALE_PATHS = [work / "locale"]
    cwd = os.getcwd()
    os.chdir(work)
    try:
        call_command(
            "makemessages", locale=["zh_Hans"], no_location=True, ignore_patterns=["static", "tests"], verbosity=0
        )
    finally:
        os.chdir(cwd)
    fresh = {e["msgid"] for e in _entries((work / "locale/zh_Hans/LC_MESSAGES/django.po").read_text()) if e["msgid"]}
    committed = {e["msgid"] for e in _entries(CATALOGUE.read_text(encoding="utf-8")) if e["msgid"]}
    assert not fresh - committed, f"run `make messages` and translate: {sorted(fresh - committed)}"


TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
# Words a person would read: Latin letters (two or more) or Chinese characters.
READABLE = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")
# Shown as they are on purpose: the server-error page is rendered without the site's machinery, so it says
# everything in both languages; each language is named in itself in the language switch.
NOT_TRANSLATED = {"500.html", "includes/language_form.html"}


def _unmarked_text(source: str) -> list[str]:
    """Text of a template shown to a person but not passed through translation."""
    source = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", " ", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S | re.I)
    source = re.sub(r"<!--.*?-->", " ", source, flags=re.S)
    source = re.sub(r"{%\s*block body_class\s*%}.*?{%\s*endblock\s*%}", " ", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", source, flags=re.S)
    source = re.sub(r"&\w+;", " ", source)
    readable_attributes = re.findall(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"', source)
    text = re.sub(r"<[^>]+>", " ", source)
    found = [chunk.strip() for chunk in text.split("\n") if READABLE.search(chunk)]
    found += [value for value in readable_attributes if READABLE.search(value)]
    return found


def test_no_template_shows_a_person_text_that_is_not_translated():
    problems = []
    for path in sorted(TEMPLATES_DIR.rglob("*.html")):
        if str(path.relative_to(TEMPLATES_DIR)) in NOT_TRANSLATED:
            continue
        for text in _unmarked_text(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(TEMPLATES_DIR)}: {text[:80]}")
    assert not problems, "mark these for translation:\n" + "\n".join(problems)

"""Both languages are whole: the zh-hans catalogue has no untranslated or fuzzy entry and is compiled."""

import ast
import os
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


@pytest.mark.skipif(not Path("/usr/bin/xgettext").exists(), reason="gettext tools are not installed")
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

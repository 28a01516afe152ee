"""The files that exhausted the server, read as an upload reads them now: each refused, in how long, with how much
memory at the peak (tracemalloc for Python's own, and the process's maximum resident size).

Run: .venv/bin/python bench/import_limits.py
No database: it times the reading of each file (deputies.spreadsheets.read_sheet), where the limits hold."""

import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings_test")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from deputies.spreadsheets import SheetError, read_sheet  # noqa: E402
from tests.deputies.sheets import csv_of, inline_row, million_rows, raw_workbook, upload, xml_bomb  # noqa: E402


def unpacks_huge() -> bytes:
    """A workbook of about 1 MB whose sheet unpacks to about 1.1 GB of XML, as the office's did."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    return raw_workbook([inline_row("姓名", "性别"), *([row * 10_000] * 2_200)])


def measure(label: str, content: bytes, name: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read_sheet(upload(content, name), required={"姓名", "性别"}, aliases={}, known={"姓名", "性别"})
        outcome = "read (not refused!)"
    except SheetError as error:
        outcome = f"refused: {error}"
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{label}: {len(content) // 1024} KB; {seconds:.2f} s; Python peak {peak / 2**20:.1f} MB; max RSS {rss} MB")
    print(f"   {outcome}")


def main() -> None:
    with translation.override("en"):
        measure("a million rows (.xlsx)", million_rows(), "roster.xlsx")
        measure("an XML bomb (.xlsx)", xml_bomb(), "roster.xlsx")
        measure("1.1 GB of XML zipped (.xlsx)", unpacks_huge(), "roster.xlsx")
        measure("20,000 rows (.csv)", csv_of(20_000), "roster.csv")


if __name__ == "__main__":
    main()

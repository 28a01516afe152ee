"""Checks every generated Word document passes: opened with python-docx, the page of GB/T 9704-2012, the
fonts named (East Asian slot included) on every run, the title, the 发文字号 and the date in Chinese numerals."""

import re
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from congress.documents import fonts
from congress.responses import DOCX

CHINESE_DATE = re.compile(r"^[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$")
OFFICIAL_NAMES = {f.name for f in fonts.ALL}


def docx_of(response):
    """The downloaded document, opened; the response a Word download with a safe header."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment; filename")
    assert "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]
    return Document(BytesIO(response.content))


def texts(document) -> list[str]:
    """Every paragraph's text, the tables' cells included, in order."""
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        found += [cell.text for row in table.rows for cell in row.cells]
    return found


def run_fonts(document) -> set[tuple[str, str]]:
    """(w:ascii, w:eastAsia) of every run of the body and the tables that has text."""
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    named = set()
    for run in runs:
        if not run.text:
            continue
        r_fonts = run._r.rPr.rFonts
        named.add((r_fonts.get(qn("w:ascii")), r_fonts.get(qn("w:eastAsia"))))
    return named


def assert_official_layout(document, *, title: str, number: str | None = None) -> None:
    """The page, the fonts, the title, the 发文字号 and the date of an official document."""
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == fonts.FANGSONG.name
    named = run_fonts(document)
    assert named and all(ascii_name == east and east in OFFICIAL_NAMES for ascii_name, east in named), named
    assert (fonts.XIAOBIAOSONG.name, fonts.XIAOBIAOSONG.name) in named  # the title
    paragraphs = [p.text for p in document.paragraphs]
    assert title in paragraphs, paragraphs
    title_run = next(p for p in document.paragraphs if p.text == title).runs[0]
    assert title_run.font.size.pt == fonts.ERHAO
    if number is not None:
        assert number in paragraphs
    assert any(CHINESE_DATE.match(text) for text in paragraphs), paragraphs
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml

"""The page of GB/T 9704-2012 (党政机关公文格式) and the blocks of a document laid out on it: A4; margins top
37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of 28 characters of 三号 仿宋 on the body's grid; the
版头 in red with a red rule; the title in 二号 小标宋; page numbers "— 1 —" in 四号 宋体 at the outer side."""

import io
from unicodedata import east_asian_width

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from congress.documents import fonts
from congress.documents.fonts import ERHAO, FANGSONG, HEITI, KAITI, RED, SANHAO, SIHAO, XIAOBIAOSONG, XIAOCHU
from congress.documents.markup import Block

TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
BODY_WIDTH_PT = (210 - 28 - 26) / 25.4 * 72  # 442.2 pt: 28 characters of 三号
LINE_PITCH = 579  # twips: 225 mm of body height / 22 lines
# 28 characters of 16 pt take 448 pt, the line has 442: each character is condensed by a quarter point (in
# twentieths). Word's character grid (w:docGrid linesAndChars) would do the same, but LibreOffice then gives
# each character two cells of the grid and sets 14 to a line; condensing works in both.
CONDENSED = -5
EXACT_LINE = Pt(LINE_PITCH / 20)


def _grid(section) -> None:
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))


def _defaults(document) -> None:
    """The document's defaults: 三号 仿宋 in Chinese, condensed to 28 to a line, no space between paragraphs."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(slot), FANGSONG.name)
    spacing, size, size_cs, lang = (OxmlElement(f"w:{tag}") for tag in ("spacing", "sz", "szCs", "lang"))
    spacing.set(qn("w:val"), str(CONDENSED))
    size.set(qn("w:val"), str(2 * SANHAO))
    size_cs.set(qn("w:val"), str(2 * SANHAO))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    r_pr.extend([r_fonts, spacing, size, size_cs, lang])
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _page(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    _grid(section)
    _defaults(document)
    normal = document.styles["Normal"]
    fonts.set_font(normal, FANGSONG, SANHAO)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    fonts.add_fallbacks(document)
    _page_numbers(document, section)


def _field(paragraph, instruction: str) -> None:
    """A field (PAGE) as Word writes one: begin, instruction, separate, a placeholder, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        fonts.set_font(run, fonts.SONGTI, SIHAO)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text


def _page_number(paragraph, align) -> None:
    paragraph.alignment = align
    one_char = Pt(SIHAO)
    paragraph.paragraph_format.right_indent = one_char if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    paragraph.paragraph_format.left_indent = one_char if align == WD_ALIGN_PARAGRAPH.LEFT else None
    fonts.set_font(paragraph.add_run("— "), fonts.SONGTI, SIHAO)
    _field(paragraph, "PAGE")
    fonts.set_font(paragraph.add_run(" —"), fonts.SONGTI, SIHAO)


def _page_numbers(document, section) -> None:
    """Odd pages numbered at the right, even pages at the left, one character in from the edge (7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _paragraph(document, text: str = "", *, font=FANGSONG, size=SANHAO, align=None, indent=True, color=None):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    if size <= ERHAO:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = EXACT_LINE
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Pt(2 * SANHAO)
        fmt.element.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
    if text:
        fonts.set_font(paragraph.add_run(text), font, size, color=color)
    return paragraph


# The elements w:pPr may hold after w:pBdr, in the schema's order: Word refuses a document whose pBdr follows them.
AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _set_borders(paragraph, borders) -> None:
    paragraph.paragraph_format.element.get_or_add_pPr().insert_element_before(borders, *AFTER_BORDERS)


def _red_rule(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"), ("w:color", RED)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    _set_borders(paragraph, borders)


def _office(document, text: str) -> None:
    """The issuing office's mark (发文机关标志): red 小标宋, as large as fits on one line, at most 小初."""
    size = max(min(XIAOCHU, int(BODY_WIDTH_PT * 0.9 / max(len(text), 1))), SANHAO)
    paragraph = _paragraph(
        document, text, font=XIAOBIAOSONG, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, color=RED
    )
    paragraph.paragraph_format.space_after = Pt(SANHAO)
    _paragraph(document, indent=False)


def _shown_width(text: str) -> int:
    """Columns the text takes: a Chinese (wide) character two, any other one."""
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def _column_widths(rows: list[list[str]], columns: int) -> list[float]:
    """Each column as wide as its longest text needs, in proportion, none narrower than four characters."""
    needs = [max(4 * 2, *(_shown_width(row[c]) for row in rows if c < len(row))) for c in range(columns)]
    needs = [min(need, 40) for need in needs]  # a long text wraps rather than squeeze the other columns
    return [BODY_WIDTH_PT * need / sum(needs) for need in needs]


def _table(document, rows: list[list[str]], heads: list[bool]) -> None:
    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(rows, columns)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Pt(width)
    for r, row in enumerate(rows):
        for c in range(columns):
            cell = table.cell(r, c)
            cell.width = Pt(widths[c])
            paragraph = cell.paragraphs[0]
            fonts.set_font(paragraph.add_run(row[c] if c < len(row) else ""), FANGSONG, SIHAO, bold=heads[r])
    _paragraph(document, indent=False)


def _signature(document, signature: str, day: str) -> None:
    """The 落款: the date four characters in from the right (7.3.5.1), the office centred above it."""
    _paragraph(document, indent=False)
    date_indent = 4 * SANHAO
    if signature:
        shift = date_indent + SANHAO * (len(day) - len(signature)) / 2
        paragraph = _paragraph(document, signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        paragraph.paragraph_format.right_indent = Pt(max(shift, 0))
    if day:
        paragraph = _paragraph(document, day, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        paragraph.paragraph_format.right_indent = Pt(date_indent)


def _copies(document, text: str) -> None:
    """抄送 in the 版记 (7.4): 四号, one character in, between two rules."""
    _paragraph(document, indent=False)
    paragraph = _paragraph(document, text, size=SIHAO, indent=False)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(SIHAO)
    borders = OxmlElement("w:pBdr")
    for side in ("w:top", "w:bottom"):
        line = OxmlElement(side)
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "4"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    _set_borders(paragraph, borders)


def _title(document, text: str, last: bool) -> None:
    """A line of the title in 二号 小标宋, centred; a blank line after its last line (7.3.3). Off the line grid:
    LibreOffice gives a 二号 line two lines of the grid, which leaves a gap inside a title of several lines."""
    paragraph = _paragraph(document, text, font=XIAOBIAOSONG, size=ERHAO, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    off_grid = OxmlElement("w:snapToGrid")
    off_grid.set(qn("w:val"), "0")
    paragraph.paragraph_format.element.get_or_add_pPr().insert_element_before(
        off_grid, *AFTER_BORDERS[AFTER_BORDERS.index("w:snapToGrid") + 1 :]
    )
    if last:
        _paragraph(document, indent=False)


def _number(document, text: str) -> None:
    """The 发文字号, centred, with the red rule under it (7.2.4, 7.2.6)."""
    _red_rule(_paragraph(document, text, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False))
    _paragraph(document, indent=False)


def _block(document, blocks: list[Block], index: int) -> None:
    block = blocks[index]
    kind, text = block.kind, block.text
    if kind == "office":
        _office(document, text)
    elif kind == "number":
        _number(document, text)
    elif kind == "title":
        _title(document, text, last=index + 1 == len(blocks) or blocks[index + 1].kind != "title")
    elif kind in ("p", "to", "h1", "h2"):
        font = {"h1": HEITI, "h2": KAITI}.get(kind, FANGSONG)
        _paragraph(document, text, font=font, indent=kind != "to")
    elif kind == "table":
        _table(document, block.rows, block.heads)
    elif kind == "signature":
        _signature(document, text, next((b.text for b in blocks[index:] if b.kind == "date"), ""))
    elif kind == "date" and not any(b.kind == "signature" for b in blocks[:index]):
        _signature(document, "", text)
    elif kind == "cc":
        _copies(document, text)
    elif kind == "page":
        document.add_page_break()


def lay_out(blocks: list[Block]) -> bytes:
    """The .docx of the blocks on the official page."""
    document = Document()
    _page(document)
    document.core_properties.title = "".join(b.text for b in blocks if b.kind == "title")[:200]
    document.core_properties.author = next((b.text for b in blocks if b.kind == "signature"), "")[:200]
    for index in range(len(blocks)):
        _block(document, blocks, index)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The Word documents' builder (congress/documents/): Chinese numerals, the line markup and users' text in it,
the page of GB/T 9704-2012."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn

from congress.documents import document_build, fonts, markup, numerals
from congress.documents.layout import lay_out
from congress.responses import safe_filename


def test_dates_are_written_in_chinese_numerals():
    assert numerals.chinese_date(date(2026, 12, 7)) == "二〇二六年十二月七日"
    assert numerals.chinese_date(date(2030, 10, 20)) == "二〇三〇年十月二十日"
    assert numerals.chinese_date(date(2026, 1, 31)) == "二〇二六年一月三十一日"


def test_small_numbers_are_written_in_chinese_numerals():
    assert [numerals.chinese_number(n) for n in (0, 7, 10, 12, 20, 99)] == ["〇", "七", "十", "十二", "二十", "九十九"]


def test_the_markup_reads_each_kind_of_line():
    blocks = markup.parse("@title 标题\n@to 各单位：\n# 一、甲\n## （一）乙\n| a | b |\n| 1 | 2 |\n正文\n@date 日期\n")

    assert [(b.kind, b.text) for b in blocks if b.kind != "table"] == [
        ("title", "标题"),
        ("to", "各单位："),
        ("h1", "一、甲"),
        ("h2", "（一）乙"),
        ("p", "正文"),
        ("date", "日期"),
    ]
    assert next(b for b in blocks if b.kind == "table").rows == [["a", "b"], ["1", "2"]]


def test_users_text_is_never_read_as_markup():
    text = "@title 假\r\n# 假\n| 假 |\n=1+1\n\\x\x07\x00"

    blocks = markup.parse(markup.escape_lines(text))

    assert [(b.kind, b.text) for b in blocks] == [
        ("p", "@title 假"),
        ("p", "# 假"),
        ("p", "| 假 |"),
        ("p", "=1+1"),
        ("p", "\\x"),
    ]


def test_a_bar_in_a_cell_does_not_split_it():
    assert markup.parse(f"| {markup.cell('a|b')} | c |")[0].rows == [["a｜b", "c"]]


def test_a_blank_line_starts_another_table():
    blocks = markup.parse("!| a |\n| 1 |\n!| b |\n| 2 |\n\n| 3 |\n| 4 |")

    assert [(b.rows, b.heads) for b in blocks] == [
        ([["a"], ["1"], ["b"], ["2"]], [True, False, True, False]),
        ([["3"], ["4"]], [False, False]),
    ]


def test_an_unknown_directive_is_a_paragraph():
    assert [(b.kind, b.text) for b in markup.parse("@nothing here")] == [("p", "@nothing here")]


def test_the_page_is_a4_with_the_official_margins_fonts_and_page_numbers():
    blocks = markup.parse(
        "@office 甲镇人民代表大会主席团\n@number 甲镇人大〔2026〕 号\n@title 标题\n# 一、甲\n## （一）乙\n正文"
    )

    document = Document(BytesIO(lay_out(blocks)))

    section = document.sections[0]
    assert [round(x.mm, 1) for x in (section.page_width, section.page_height)] == [210, 297]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    by_text = {p.text: p.runs[0] for p in document.paragraphs if p.runs}
    expected = {
        "甲镇人民代表大会主席团": fonts.XIAOBIAOSONG,
        "标题": fonts.XIAOBIAOSONG,
        "一、甲": fonts.HEITI,
        "（一）乙": fonts.KAITI,
        "正文": fonts.FANGSONG,
        "甲镇人大〔2026〕 号": fonts.FANGSONG,
    }
    for text, font in expected.items():
        r_fonts = by_text[text]._r.rPr.rFonts
        assert r_fonts.get(qn("w:eastAsia")) == font.name == r_fonts.get(qn("w:ascii")), text
    assert by_text["甲镇人民代表大会主席团"].font.color.rgb == fonts.RGBColor.from_string(fonts.RED)
    assert by_text["标题"].font.size.pt == fonts.ERHAO
    assert by_text["正文"].font.size.pt == fonts.SANHAO
    assert section.footer.paragraphs[0].text == "— 1 —"
    assert section.even_page_footer.paragraphs[0].text == "— 1 —"


def test_each_font_names_its_fallback_in_the_font_table():
    document = Document(BytesIO(lay_out(markup.parse("正文"))))
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))

    xml = font_table.blob.decode()

    for font in fonts.ALL:
        assert f'<w:font w:name="{font.name}"><w:altName w:val="{font.fallback}"/>' in xml


def test_a_download_name_is_one_line_without_folders():
    assert safe_filename('a\r\nb"c/..\\d.xlsx') == 'a b"c .. d.xlsx'
    assert safe_filename("\r\n.docx") == "download.docx"
    assert safe_filename("2026年3月通报.docx") == "2026年3月通报.docx"


@pytest.mark.django_db
def test_a_towns_own_copy_of_a_template_wins(settings, tmp_path, town_a, town_b):
    own = tmp_path / "documents" / town_a.code
    own.mkdir(parents=True)
    (own / "bulletin.txt").write_text("@title 本镇自己的标题\n{{ town.name }}的正文\n", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    context = {"bulletin": None, "ranking": [], "rates": [], "duty": {}, "visits": {}, "year": 2026, "number": 1}

    mine = Document(BytesIO(document_build(name="bulletin", township=town_a, context=context)))
    theirs = Document(BytesIO(document_build(name="bulletin", township=town_b, context=context)))

    assert [p.text for p in mine.paragraphs if p.text] == ["本镇自己的标题", f"{town_a.name}的正文"]
    assert f"{town_b.name}人民代表大会主席团" in [p.text for p in theirs.paragraphs]

"""The fonts of GB/T 9704-2012 by role, each with the font Word falls back to where the official one is not
installed (Windows ships SimSun, FangSong, SimHei and KaiTi; the 方正 and _GB2312 fonts are installed by the
offices themselves).

On Linux, fontconfig maps the names to what is there; the free fonts that look closest are
Noto Serif CJK SC (宋/仿宋), Noto Sans CJK SC (黑体) and AR PL UKai CN (楷体), and they need nothing named here."""

import re
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


@dataclass(frozen=True)
class Font:
    name: str  # the official name, on every run (w:ascii, w:hAnsi, w:eastAsia)
    fallback: str  # the widely installed font, as the font table's w:altName


XIAOBIAOSONG = Font("方正小标宋简体", "SimSun")
FANGSONG = Font("仿宋_GB2312", "FangSong")
HEITI = Font("黑体", "SimHei")
KAITI = Font("楷体_GB2312", "KaiTi")
SONGTI = Font("宋体", "SimSun")
ALL = (XIAOBIAOSONG, FANGSONG, HEITI, KAITI, SONGTI)

# Chinese type sizes (字号) in points.
CHUHAO, XIAOCHU, ERHAO, SANHAO, SIHAO = 42, 36, 22, 16, 14
RED = "FF0000"


def set_font(run_or_style, font: Font, size: float | None = None, *, bold: bool | None = None, color=None) -> None:
    """Name the font on every script slot of a run (or a style), East Asian included."""
    run_or_style.font.name = font.name
    r_fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(slot), font.name)
    if size is not None:
        run_or_style.font.size = Pt(size)
    if bold is not None:
        run_or_style.font.bold = bold
    if color is not None:
        run_or_style.font.color.rgb = RGBColor.from_string(color)


FONT_ENTRY = (
    '<w:font w:name="{name}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/>'
    '<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
)


def add_fallbacks(document) -> None:
    """List each font in the font table with its fallback (w:altName) and the GB2312 charset, so Word on a
    machine without the official font substitutes the named one rather than any font at all."""
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable"))
    xml = part.blob.decode("utf-8")
    entries = "".join(
        FONT_ENTRY.format(name=f.name, fallback=f.fallback, family="modern" if f is HEITI else "roman") for f in ALL
    )
    xml = re.sub(r"</w:fonts>\s*$", entries + "</w:fonts>", xml)
    part._blob = xml.encode("utf-8")

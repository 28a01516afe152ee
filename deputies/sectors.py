"""Sectors (界别): the standard list a town's register starts from, the other names offices write for each, and
the matching of a sheet's sector to the town's list (the sectors its register already uses, then this one)."""

import re
import unicodedata
from collections.abc import Iterable

# Each standard sector with the other names offices write for it. A town that already writes one of these names
# in its register keeps its own: the register's spelling wins over the standard one.
STANDARD_SECTORS: dict[str, tuple[str, ...]] = {
    "党政机关": ("党政", "机关", "党政干部", "党政机关干部", "政府机关", "机关干部"),
    "农业": ("农业界", "农民", "农村", "农业农村", "三农", "种养殖", "种植养殖"),
    "工商企业": ("工商", "企业", "工商界", "企业界", "经济界", "民营企业", "个体工商户", "个体私营", "非公经济"),
    "教育界": ("教育", "教育系统", "教师", "学校"),
    "医疗卫生": ("医卫", "卫生", "医疗", "医药卫生", "卫生健康", "卫健", "医务"),
    "科技界": ("科技", "科学技术", "专业技术", "专业技术人员"),
    "文化体育": ("文化", "文体", "文艺", "文化艺术", "体育"),
    "村社区干部": ("村干部", "社区干部", "村(社区)干部", "村居干部", "基层干部"),
    "人民团体": ("群团", "群团组织", "工青妇", "工会", "共青团", "妇联"),
    "政法": ("政法系统", "公检法"),
    "退役军人": ("军人", "退伍军人", "部队"),
    "民族宗教": ("民族", "宗教"),
    "社会组织": ("社会团体", "社团"),
    "其他": ("其它",),
}


def sector_key(name) -> str:
    """A sector name compared without spaces or full-width forms, and without the trailing 界 (教育 = 教育界)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(name or "")))
    return text.removesuffix("界") or text


class SectorMatcher:
    """Matches a sheet's sector names to one town's list: its register's sectors, then the standard ones."""

    def __init__(self, used: Iterable[str]) -> None:
        used = [name for name in used if sector_key(name)]
        self.known: dict[str, str] = {}
        for standard, others in STANDARD_SECTORS.items():
            # Every spelling of a standard sector leads to the one the register uses, or else the standard name.
            spellings = (standard, *others)
            in_register = [name for name in used if sector_key(name) in {sector_key(s) for s in spellings}]
            stored = in_register[0] if in_register else standard
            for spelling in spellings:
                self.known.setdefault(sector_key(spelling), stored)
        for name in used:
            self.known[sector_key(name)] = name

    def match(self, name: str) -> tuple[str, bool]:
        """The name to store for `name`, and whether it is a sector new to the town (kept as written)."""
        key = sector_key(name)
        if not key:
            return "", False
        if key in self.known:
            return self.known[key], False
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)), True

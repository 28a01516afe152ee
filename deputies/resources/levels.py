"""A deputy's level (代表层级) as offices write it: 县、镇人大代表, 县镇两级, 两级, 县级, 镇人大代表, 乡级…"""

import re

from deputies.models import DeputyLevel
from deputies.resources.cells import ChoiceWidget
from deputies.spreadsheets import clean_name

# The first spelling of each level is what exports write; the message on a refused value lists them all.
LEVELS = {
    "镇级": DeputyLevel.TOWN,
    "县级": DeputyLevel.COUNTY,
    "县镇两级": DeputyLevel.BOTH,
    "县、镇人大代表": DeputyLevel.BOTH,
    "县镇两级人大代表": DeputyLevel.BOTH,
    "县级、镇级": DeputyLevel.BOTH,
    "县/镇": DeputyLevel.BOTH,
    "两级": DeputyLevel.BOTH,
    "县人大代表": DeputyLevel.COUNTY,
    "县": DeputyLevel.COUNTY,
    "镇人大代表": DeputyLevel.TOWN,
    "乡镇人大代表": DeputyLevel.TOWN,
    "乡级": DeputyLevel.TOWN,
    "镇": DeputyLevel.TOWN,
}
# Words around the places that say nothing of the level, and the separators between two places.
_FILLER = re.compile(r"人民代表大会代表|人大代表|代表|人大|两级|级")
_SEPARATORS = re.compile(r"[、,，/\\|;；:：+&和及与·.。\-—()（）]")
_PLACES = {"县": DeputyLevel.COUNTY, "镇": DeputyLevel.TOWN, "县镇": DeputyLevel.BOTH, "镇县": DeputyLevel.BOTH}


def level_of(value) -> str | None:
    """The level a cell names (full-width forms and spaces folded first), or None if it names none."""
    text = clean_name(value)
    if text in LEVELS:
        return LEVELS[text]
    places = _SEPARATORS.sub("", _FILLER.sub("", text)).replace("乡镇", "镇").replace("乡", "镇")
    if "两级" in text:
        # 两级 alone means both; with places it must name both (县镇两级), not one (县两级).
        return DeputyLevel.BOTH if places in ("", "县镇", "镇县") else None
    return _PLACES.get(places)


class LevelWidget(ChoiceWidget):
    def __init__(self) -> None:
        super().__init__(LEVELS, default=DeputyLevel.TOWN)

    def lookup(self, text: str) -> str | None:
        return level_of(text)

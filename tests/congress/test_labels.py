"""A label's colon follows the reader's language: full-width after Chinese, a colon and a space in English."""

from django.template import engines
from django.utils import translation


def render(text: str) -> str:
    return engines["django"].from_string(text).render({})


def test_a_label_s_colon_is_full_width_in_chinese():
    with translation.override("zh-hans"):
        assert render("{% load labels %}标签{% colon %}值") == "标签：值"


def test_a_label_s_colon_is_followed_by_a_space_in_english():
    with translation.override("en"):
        assert render("{% load labels %}Label{% colon %}value") == "Label: value"

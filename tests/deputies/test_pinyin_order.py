"""Names in the order an office expects: full pinyin, syllable by syllable, then tone; not initials, not code
points. The sort menu offers each column once, in Chinese."""

import pytest
from django.utils.translation import gettext as _

from deputies.models import Deputy, name_sort_key
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


def test_the_key_orders_by_full_pinyin_then_tone():
    names = ["郭林林", "高萍", "高光华", "李文", "林一", "马二", "麻三"]
    assert sorted(names, key=name_sort_key) == ["高光华", "高萍", "郭林林", "李文", "林一", "麻三", "马二"]


def test_a_name_with_latin_letters_keeps_them_together():
    assert name_sort_key("欧阳Anna") == "ou1 yang2 anna"


def test_the_register_lists_deputies_in_full_pinyin_order(login, alice, town_a):
    for name in ["郭林林", "高萍", "高光华"]:
        DeputyFactory(township=town_a, name=name)
    page = login(alice).get("/register/deputies/").context["page"]
    assert [d.name for d in page.object_list] == ["高光华", "高萍", "郭林林"]


def test_a_renamed_deputy_moves_to_the_new_place(town_a):
    deputy = DeputyFactory(township=town_a, name="高萍")
    deputy.name = "张萍"
    deputy.save(update_fields=["name"])
    assert Deputy.objects.get(pk=deputy.pk).name_sort == "zhang1 ping2"


def test_sorting_by_group_keeps_pinyin_order_within_the_group(login, alice, town_a):
    for name in ["郭林林", "高萍", "高光华"]:
        DeputyFactory(township=town_a, name=name)
    page = login(alice).get("/register/deputies/", {"order": "group"}).context["page"]
    same_group = [d.name for d in page.object_list if d.small_group_id == page.object_list[0].small_group_id]
    assert same_group == sorted(same_group, key=name_sort_key)


def test_the_sort_menu_names_each_choice_once_with_no_descending_variants(login, alice):
    response = login(alice).get("/register/deputies/")
    labels = [str(label) for _value, label in response.context["filter"].form.fields["order"].choices]
    assert labels.count(_("Name (pinyin)")) == 1
    assert not any("descending" in label or "降序" in label for label in labels)

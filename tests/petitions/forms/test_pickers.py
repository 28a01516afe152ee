"""The people pickers of the petitions forms: who is offered, and whose group comes first."""

import re

from django.utils import translation
from django.utils.translation import gettext

from petitions.forms.duty import AddDeputyForm, LeaveForm, ObservationForm
from petitions.forms.visits import SuggestionForm, VisitForm
from petitions.models import AttendanceStatus, DutyAssignment, DutyObservation
from petitions.services.duty import duty_assignment_add
from tests.factories import DeputyFactory
from tests.pages import select_options as options
from tests.petitions.conftest import deputy


def names(field) -> list[str]:
    return [name for _group, name, _attrs in options(field)]


def test_each_deputy_option_carries_the_name_s_pinyin_and_initials(town_a, groups):
    form = SuggestionForm(township=town_a)
    (row,) = [attrs for _group, name, attrs in options(form["deputy"]) if name == "张三"]
    assert row["data-pinyin"] == "zhang san"
    assert row["data-initials"] == "zs"
    assert "data-picker" in str(form["deputy"])


def test_a_picker_carries_its_no_match_sentence_in_the_reader_s_language(town_a, groups):
    with translation.override("zh-hans"):
        html = str(SuggestionForm(township=town_a)["deputy"])
        sentence = gettext("No deputy matches what you typed. Type part of the name or its pinyin initials.")
    assert f'data-no-results="{sentence}"' in html


def test_without_a_group_to_put_first_the_deputies_are_one_list_in_pinyin_order(town_a, groups):
    rows = options(SuggestionForm(township=town_a)["deputy"])
    assert {group for group, _name, _attrs in rows} == {None}
    # The term-ended 赵六 is left out.
    assert [name for _g, name, _a in rows] == ["李四", "钱七", "孙八", "王五", "吴十", "张三", "郑十一", "周九"]


def test_the_day_s_group_comes_first_then_everyone_else_in_pinyin_order(town_a, groups):
    form = VisitForm(township=town_a, first_group=groups[2])
    rows = options(form["deputies"])
    assert [(g, n) for g, n, _a in rows[:3]] == [
        ("第三代表小组", "吴十"),
        ("第三代表小组", "郑十一"),
        ("第三代表小组", "周九"),
    ]
    assert {g for g, _n, _a in rows[3:]} == {gettext("Other deputies")}
    assert [n for _g, n, _a in rows[3:]] == ["李四", "钱七", "孙八", "王五", "张三"]
    assert names(form["suggestion_1_deputy"])[:3] == ["吴十", "郑十一", "周九"]


def test_a_picker_never_offers_another_town_s_deputies(town_a, town_b, groups):
    DeputyFactory(township=town_b, name="外镇代表")
    form = VisitForm(township=town_a)
    assert "外镇代表" not in names(form["deputies"])
    assert "外镇代表" not in names(form["suggestion_1_deputy"])


def test_the_substitute_picker_leaves_out_everyone_already_on_that_day(town_a, groups, monday):
    form = LeaveForm(township=town_a, exclude=deputy("张三"), duty_day=monday)
    offered = names(form["substitute"])
    assert not {"张三", "李四", "王五"} & set(offered)
    assert set(offered) == {"钱七", "孙八", "周九", "吴十", "郑十一"}


def test_a_substitute_already_on_the_day_is_refused_with_a_clear_message(town_a, groups, monday):
    form = LeaveForm(
        {"reason": "出差", "substitute": deputy("李四").pk}, township=town_a, exclude=deputy("张三"), duty_day=monday
    )
    assert not form.is_valid()
    assert "substitute" in form.errors


def test_adding_a_deputy_to_a_day_offers_only_those_not_on_it(town_a, groups, monday):
    offered = names(AddDeputyForm(township=town_a, duty_day=monday)["deputy"])
    assert set(offered) == {"钱七", "孙八", "周九", "吴十", "郑十一"}


def test_the_visit_form_of_a_duty_day_lists_that_day_s_group_first(login, alice, town_a, groups, monday):
    response = login(alice).get(f"/visits/new/?duty_day={monday.pk}")
    deputies = re.search(r'<select name="deputies".*?</select>', response.content.decode(), re.S)
    rows = options(deputies.group())
    assert rows[0][:2] == ("第一代表小组", "李四")
    assert {group for group, _name, _attrs in rows if _name == "钱七"} == {gettext("Other deputies")}


def test_the_observation_picker_offers_the_day_s_deputies_on_duty_its_group_first(town_a, groups, monday):
    duty_assignment_add(duty_day=monday, deputy=deputy("钱七"), today=monday.date)
    DutyAssignment.objects.filter(duty_day=monday, deputy__name="王五").update(status=AttendanceStatus.LEAVE)

    form = ObservationForm(duty_day=monday)

    rows = options(form["deputy"])
    assert [(g, n) for g, n, _a in rows if n] == [
        ("第一代表小组", "李四"),
        ("第一代表小组", "张三"),
        (gettext("Other deputies"), "钱七"),
    ]
    assert "data-picker" in str(form["deputy"])


def test_the_office_cannot_record_observations_for_a_deputy_not_on_that_day(login, alice, groups, monday):
    response = login(alice).post(
        f"/duty/days/{monday.pk}/observations/", {"deputy": deputy("钱七").pk, "text": "建议增设引导员"}, follow=True
    )

    assert response.status_code == 200
    assert not DutyObservation.objects.exists()
    said = [str(m) for m in response.context["messages"]]
    assert said == [translation.gettext("Choose one of the deputies on duty that day.")]


def test_the_day_sheet_records_an_observation_through_its_picker(login, alice, groups, monday):
    client = login(alice)
    page = client.get(f"/duty/days/{monday.pk}/").content.decode()
    picker = re.search(r'<select name="deputy"[^>]*id="observation_deputy"[^>]*>', page)
    assert picker is not None and "data-picker" in picker.group()

    client.post(f"/duty/days/{monday.pk}/observations/", {"deputy": deputy("张三").pk, "text": "接访秩序良好"})

    assert DutyObservation.objects.get().deputy == deputy("张三")

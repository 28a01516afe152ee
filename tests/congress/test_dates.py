"""Dates read as an office writes them: with the year, without leading zeros, the weekday where it matters."""

from datetime import UTC, date, datetime

from django import forms
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from congress.dates import format_day, format_moment, format_month

DAY = date(2027, 2, 22)


def test_a_day_reads_with_its_year_in_chinese():
    with translation.override("zh-hans"):
        assert format_day(DAY) == "2027年2月22日"


def test_a_duty_day_reads_with_its_weekday_in_both_languages():
    with translation.override("zh-hans"):
        assert format_day(DAY, weekday=True) == "2027年2月22日（星期一）"
    with translation.override("en"):
        assert format_day(DAY, weekday=True) == "Mon 22 Feb 2027"


def test_a_month_reads_as_year_and_month():
    with translation.override("zh-hans"):
        assert format_month(date(2026, 10, 1)) == "2026年10月"


def test_a_moment_reads_in_the_towns_time():
    with translation.override("zh-hans"):
        assert format_moment(datetime(2027, 2, 22, 1, 5, tzinfo=UTC)) == "2027年2月22日 09:05"


def test_templates_have_no_leading_zero_in_a_month_and_day():
    rendered = Template('{% load dates %}{{ d|date:"MONTH_DAY_FORMAT" }} {{ d|weekday_date }}')
    with translation.override("zh-hans"):
        assert rendered.render(Context({"d": date(2027, 2, 2)})) == "2月2日 2027年2月2日（星期二）"


def test_an_empty_choice_asks_to_choose_rather_than_showing_dashes(db):
    class Picking(forms.Form):
        group = forms.ModelChoiceField(queryset=Group.objects.none())

    with translation.override("zh-hans"):
        html = str(Picking()["group"])
        assert "---------" not in html and f">{gettext('Choose…')}</option>" in html

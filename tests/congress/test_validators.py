"""The ranges of typed dates (congress/validators.py): each rule's first and last day from the town's today,
the ends accepted, one day past either end refused with a message naming the range."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from congress.validators import BIRTH, DEADLINE, HAPPENED, RECORD, years_before
from petitions.forms.duty import RangeForm
from petitions.forms.suggestions import CarriedOutForm
from petitions.forms.visits import ExtensionForm

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


@pytest.mark.parametrize(
    ("rule", "first", "last"),
    [
        (HAPPENED, date(2016, 12, 7), TODAY),
        (BIRTH, date(1900, 1, 1), date(2008, 12, 7)),
        (DEADLINE, date(2024, 12, 7), date(2028, 12, 7)),
        (RECORD, date(2016, 12, 7), date(2028, 12, 7)),
    ],
    ids=["happened", "birth", "deadline", "record"],
)
def test_each_rule_accepts_its_ends_and_refuses_a_day_beyond_either(rule, first, last) -> None:
    assert rule.bounds() == (first, last)
    rule(first)
    rule(last)
    for outside in (date.fromordinal(first.toordinal() - 1), date.fromordinal(last.toordinal() + 1)):
        with pytest.raises(ValidationError) as error:
            rule(outside)
        assert error.value.code == "date_range"


def test_the_message_names_the_range() -> None:
    with override("en"), pytest.raises(ValidationError) as error:
        BIRTH(date(9999, 12, 31))
    (message,) = error.value.messages
    assert "1900" in message and "2008" in message and "18" in message


def test_a_moment_is_checked_by_its_local_date() -> None:
    # 23:30 in Shanghai on the 7th is still today, though it is the 7th 15:30 in UTC too; 00:30 on the 8th is not.
    HAPPENED(datetime(2026, 12, 7, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    with pytest.raises(ValidationError):
        HAPPENED(datetime(2026, 12, 7, 16, 30, tzinfo=ZoneInfo("UTC")))


def test_an_empty_date_is_left_to_the_field() -> None:
    BIRTH(None)


def test_the_29th_of_february_falls_back_to_the_28th() -> None:
    assert years_before(date(2028, 2, 29), 18) == date(2010, 2, 28)


@pytest.mark.parametrize(
    ("form", "field", "data"),
    [
        (RangeForm, "end", {"start": "2026-12-07"}),
        (CarriedOutForm, "on", {}),
        (ExtensionForm, "new_due", {"reason": "雨季"}),
    ],
    ids=["roster range", "suggestion carried out", "referral extension"],
)
def test_the_forms_refuse_9999_with_the_range_and_take_a_date_in_it(form, field, data) -> None:
    with override("en"):
        refused = form(data | {field: "9999-12-31"})
        assert not refused.is_valid()
        (message,) = refused.errors[field]
        assert message.startswith("Enter a") and ("2016" in message or "2024" in message), message
    assert form(data | {field: "2026-12-07"}).is_valid()

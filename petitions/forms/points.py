"""Forms of a contact point's own reception days: its rule and deputies, and a range of days to make or publish."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy, DeputyStatus, Station
from deputies.widgets import PeoplePicker
from petitions.forms.duty import TIME, PlainForm, RangeForm
from petitions.models import PointSchedule
from petitions.models.points import DAYS, ORDINALS, WORKING_DAY


class PointScheduleForm(PlainForm):
    ordinal = forms.TypedChoiceField(label=_("Which in the month"), choices=ORDINALS, coerce=int)
    weekday = forms.TypedChoiceField(label=_("Day"), choices=DAYS, coerce=int)
    start_time = forms.TimeField(label=_("Starts"), widget=TIME)
    per_day = forms.IntegerField(label=_("Deputies each day"), min_value=1, max_value=10)
    deputies = forms.ModelMultipleChoiceField(
        label=_("Deputies who take turns"),
        queryset=Deputy.objects.none(),
        widget=PeoplePicker,
        help_text=_("They take turns in pinyin order, the given number each day."),
    )
    active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args, station: Station, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = (
            Deputy.objects.for_township(station.township_id).filter(status=DeputyStatus.SERVING).order_by("name_sort")
        )

    @classmethod
    def initial_for(cls, schedule: PointSchedule | None, station: Station) -> dict:
        if schedule is None:
            attached = Deputy.objects.filter(
                small_group__stations=station, status=DeputyStatus.SERVING, township_id=station.township_id
            )
            return {
                "ordinal": 1,
                "weekday": WORKING_DAY,
                "start_time": "09:00",
                "per_day": 2,
                "deputies": attached,
                "active": True,
            }
        return {
            "ordinal": schedule.ordinal,
            "weekday": schedule.weekday,
            "start_time": schedule.start_time,
            "per_day": schedule.per_day,
            "deputies": schedule.deputies.all(),
            "active": schedule.is_active,
        }


class PointRangeForm(RangeForm):
    """The days to make or publish: from and until."""


def default_range(today: date) -> dict:
    """The rest of this year and the next, the usual span of a contact point's plan."""
    return {"start": today, "end": date(today.year + 1, 12, 31)}

"""Forms of reception duty; choices come from the user's township only."""

from datetime import date

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm, CongressModelForm
from congress.inputs import as_id
from congress.models import Leader, Township
from congress.validators import RECORD
from deputies.models import Deputy, DeputyStatus, SmallGroup, Station, StationLevel
from deputies.widgets import PersonPicker, put_first
from petitions.models import WEEKDAYS, AttendanceStatus, DutyDay, Holiday, ReceptionSettings

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlainForm(CongressForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class RangeForm(PlainForm):
    start = forms.DateField(label=_("From"), widget=DATE, validators=[RECORD])
    end = forms.DateField(label=_("Until"), widget=DATE, validators=[RECORD])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the range is before its start."))
        return data


class DutyDayForm(PlainForm):
    date = forms.DateField(label=_("Date"), widget=DATE, validators=[RECORD])
    small_group = forms.ModelChoiceField(label=_("Small group"), queryset=SmallGroup.objects.none())
    station = forms.ModelChoiceField(label=_("Station"), queryset=Station.objects.none())
    leaders = forms.ModelMultipleChoiceField(
        label=_("Leaders on duty"), queryset=Leader.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["small_group"].queryset = SmallGroup.objects.for_township(township).filter(is_active=True)
        self.fields["station"].queryset = Station.objects.for_township(township).filter(is_active=True)
        self.fields["leaders"].queryset = Leader.objects.for_township(township).filter(is_active=True)

    @classmethod
    def initial_for(cls, duty_day: DutyDay) -> dict:
        return {
            "date": duty_day.date,
            "small_group": duty_day.small_group_id,
            "station": duty_day.station_id,
            "leaders": list(duty_day.leaders.all()),
        }


class AddDeputyForm(PlainForm):
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=Deputy.objects.none(), widget=PersonPicker)

    def __init__(self, *args, township: Township, duty_day: DutyDay | None = None, **kwargs) -> None:
        """With `duty_day` (the page, not the submission, so adding a deputy twice is refused by its rule):
        the day's group first, and no one who is on the day already."""
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
        if duty_day is not None:
            self.fields["deputy"].queryset = _not_on(duty_day, self.fields["deputy"].queryset)
            put_first(self.fields["deputy"], duty_day.small_group)


class ObservationForm(PlainForm):
    """The office records a deputy's observations on a duty day: only those on duty that day are offered (not
    those on leave or absent, whose observations the rule refuses), the day's group first."""

    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=Deputy.objects.none(), widget=PersonPicker)
    text = forms.CharField(label=_("Observations"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, duty_day: DutyDay, **kwargs) -> None:
        # Its own ids: the day sheet also holds the form that adds a deputy, whose field is "deputy" too.
        super().__init__(*args, auto_id="observation_%s", **kwargs)
        on_duty = duty_day.assignments.exclude(status__in=[AttendanceStatus.LEAVE, AttendanceStatus.ABSENT])
        self.fields["deputy"].queryset = Deputy.objects.for_township(duty_day.township).filter(
            pk__in=on_duty.values("deputy")
        )
        put_first(self.fields["deputy"], duty_day.small_group)


# The day's sheet: its choices with their words, and how it posts (choice-<assignment>, note-<assignment>).
SHEET_LABELS = [
    (AttendanceStatus.PRESENT, _("Present")),
    ("late", _("Late")),
    (AttendanceStatus.LEAVE, _("On leave")),
    (AttendanceStatus.ABSENT, _("Absent")),
]


def sheet_from_post(data) -> tuple[dict[int, str], dict[int, str]]:
    """The choices and notes the day's attendance sheet posts, by assignment id."""
    choices, notes = {}, {}
    for key, value in data.items():
        prefix, _sep, raw_id = key.partition("-")
        assignment_id = as_id(raw_id)
        if prefix not in ("choice", "note") or assignment_id is None:
            continue
        (choices if prefix == "choice" else notes)[assignment_id] = str(value)[:200]
    return choices, notes


class LeaveForm(PlainForm):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    substitute = forms.ModelChoiceField(
        label=_("Substitute (optional)"),
        queryset=Deputy.objects.none(),
        required=False,
        help_text=_("Another deputy of the town who stands in for you; they are asked to accept."),
        widget=PersonPicker,
    )

    def __init__(self, *args, township: Township, exclude: Deputy, duty_day: DutyDay, **kwargs) -> None:
        """A substitute is another deputy, not on `duty_day` already; `exclude`'s own small group comes first."""
        super().__init__(*args, **kwargs)
        serving = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING).exclude(pk=exclude.pk)
        self.fields["substitute"].queryset = _not_on(duty_day, serving)
        put_first(self.fields["substitute"], exclude.small_group)


def _not_on(duty_day: DutyDay, deputies: QuerySet[Deputy]) -> QuerySet[Deputy]:
    return deputies.exclude(pk__in=duty_day.assignments.values("deputy"))


class LeaveDecisionForm(PlainForm):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class ReceptionSettingsForm(CongressModelForm):
    weekday_list = forms.TypedMultipleChoiceField(
        label=_("Reception weekdays"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    holidays = forms.CharField(
        label=_("Holidays with no reception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: a date and, if you like, its name, e.g. 2026-10-05 国庆节."),
    )

    class Meta:
        model = ReceptionSettings
        fields = [
            "start_time",
            "window_opens",
            "window_closes",
            "sign_in_proof",
            "station",
            "subsidy_per_duty",
            "subsidy_public_employees",
            "lunch_for_far",
            "reminder_time",
        ]
        widgets = {
            "start_time": TIME,
            "window_opens": TIME,
            "window_closes": TIME,
            "reminder_time": TIME,
            "sign_in_proof": forms.RadioSelect,
        }

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.township = township
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["station"].queryset = Station.objects.for_township(township).filter(level=StationLevel.TOWN)
        self.fields["station"].required = True
        # A form posted without the choice (a page opened before the choice existed) keeps what the town has.
        self.fields["sign_in_proof"].required = False
        self.initial.setdefault("weekday_list", self.instance.weekday_numbers)
        this_year = timezone.localdate().replace(month=1, day=1)
        holidays = Holiday.objects.for_township(township).filter(date__gte=this_year)
        self.initial.setdefault("holidays", "\n".join(str(h) for h in holidays))
        self.order_fields(["weekday_list", *self.Meta.fields, "holidays"])

    def clean_sign_in_proof(self) -> str:
        return self.cleaned_data.get("sign_in_proof") or self.instance.sign_in_proof

    def clean_holidays(self) -> list[tuple[date, str]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["holidays"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            day, _sep, name = line.partition(" ")
            try:
                holiday = date.fromisoformat(day)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)d: “%(text)s” does not start with a date like 2026-10-05.")
                    % {"n": number, "text": line}
                ) from None
            try:
                RECORD(holiday)
            except ValidationError as error:
                raise forms.ValidationError(
                    _("Line %(n)d: %(error)s") % {"n": number, "error": " ".join(error.messages)}
                ) from None
            parsed.append((holiday, name.strip()[:50]))
        return parsed

"""Forms and filters of activities, training and the groups' plans; choices from the user's township only."""

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityKind, Attendance, GroupPlanItem
from congress.forms import CongressForm, CongressModelForm
from congress.inputs import as_id
from congress.models import CongressSession, Township
from congress.validators import RECORD, check_dates
from deputies.forms.register import TownshipModelForm
from deputies.models import Deputy, DeputyStatus, LargeGroup, SmallGroup
from deputies.widgets import PeoplePicker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlainForm(CongressForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ActivityForm(TownshipModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "training_form",
            "title",
            "date",
            "places",
            "organiser",
            "small_group",
            "plan_item",
            "session",
            "findings",
        ]
        widgets = {"date": DATE, "findings": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, township=township, **kwargs)
        self.fields["small_group"].queryset = SmallGroup.objects.for_township(township)
        self.fields["plan_item"].queryset = GroupPlanItem.objects.for_township(township).select_related("small_group")
        self.fields["plan_item"].label_from_instance = lambda item: f"{item.small_group.name} · {item}"
        self.fields["session"].queryset = CongressSession.objects.for_township(township)
        self.fields["training_form"].help_text = _("Only for a training: which of the four forms it takes.")
        check_dates(self, date=RECORD)

    def clean(self):
        data = super().clean()
        kind, form = data.get("kind"), data.get("training_form")
        if kind == ActivityKind.TRAINING and not form:
            self.add_error("training_form", _("Choose the form of the training."))
        elif kind and kind != ActivityKind.TRAINING:
            # The form field stays filled when the kind is changed away from training; it means nothing then.
            data["training_form"] = ""
            self.instance.training_form = ""
        return data


class InviteForm(PlainForm):
    everyone = forms.BooleanField(label=_("All serving deputies"), required=False)
    large_groups = forms.ModelMultipleChoiceField(
        label=_("Large groups"), queryset=LargeGroup.objects.none(), required=False
    )
    small_groups = forms.ModelMultipleChoiceField(
        label=_("Small groups"), queryset=SmallGroup.objects.none(), required=False
    )
    deputies = forms.ModelMultipleChoiceField(
        label=_("Deputies"), queryset=Deputy.objects.none(), required=False, widget=PeoplePicker
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.serving = Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)
        self.fields["large_groups"].queryset = LargeGroup.objects.for_township(township)
        self.fields["small_groups"].queryset = SmallGroup.objects.for_township(township)
        self.fields["deputies"].queryset = self.serving

    def clean(self):
        data = super().clean()
        if not (data.get("everyone") or data.get("large_groups") or data.get("small_groups") or data.get("deputies")):
            raise forms.ValidationError(_("Choose whom to invite: everyone, groups or deputies."))
        return data

    def invitees(self) -> QuerySet[Deputy]:
        data = self.cleaned_data
        if data.get("everyone"):
            return self.serving
        wanted = Q(pk__in=[d.pk for d in data.get("deputies") or []])
        wanted |= Q(small_group__in=data.get("small_groups") or [])
        wanted |= Q(small_group__large_group__in=data.get("large_groups") or [])
        return self.serving.filter(wanted)


def attendance_from_post(data) -> tuple[dict[int, str], dict[int, str]]:
    """The statuses and notes an attendance sheet posts as status-<deputy id> and note-<deputy id>."""
    statuses, notes = {}, {}
    for key, value in data.items():
        prefix, _sep, raw_id = key.partition("-")
        deputy_id = as_id(raw_id)
        if prefix not in ("status", "note") or deputy_id is None:
            continue
        (statuses if prefix == "status" else notes)[deputy_id] = str(value)[:300]
    return statuses, {k: v for k, v in notes.items() if k in statuses}


ATTENDANCE_CHOICES = [(v, label) for v, label in Attendance.choices if v != Attendance.INVITED]


class LeaveAskForm(PlainForm):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class LeaveDecisionForm(PlainForm):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class SelfStudyForm(PlainForm):
    note = forms.CharField(label=_("What I studied"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class PlanItemForm(CongressModelForm):
    class Meta:
        model = GroupPlanItem
        fields = ["quarter", "kind", "title"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["quarter"].choices = [(q, _("Quarter %(q)s") % {"q": q}) for q in range(1, 5)]


def _years(request) -> list[tuple[int, int]]:
    dates = Activity.objects.for_township(request.township).dates("date", "year", order="DESC")
    return [(d.year, d.year) for d in dates]


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Topic"))
    year = django_filters.ChoiceFilter(field_name="date__year", label=_("Year"), empty_label=_("All years"))
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"), empty_label=_("All kinds"))
    small_group = django_filters.ModelChoiceFilter(
        queryset=lambda request: SmallGroup.objects.for_township(request.township),
        label=_("Small group"),
        empty_label=_("All"),
    )

    # The office's queue of activity leave: the activities with a request still to decide.
    leave = django_filters.ChoiceFilter(
        choices=[("waiting", _("Waiting for a decision"))],
        method="leave_waiting",
        label=_("Leave"),
        empty_label=_("All"),
    )

    class Meta:
        model = Activity
        fields = ["q", "year", "kind", "small_group", "leave"]

    def __init__(self, data=None, *args, request=None, **kwargs) -> None:
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["year"].extra["choices"] = _years(request)

    def leave_waiting(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(leave_waiting__gt=0) if value == "waiting" else queryset

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(places__icontains=value)) if value else queryset

"""Forms of major cases and of the supervision panel."""

from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm, CongressModelForm
from congress.inputs import on_days
from congress.models import Leader, Township
from congress.validators import RECORD, check_dates
from deputies.models import Deputy, DeputyStatus
from deputies.widgets import PeoplePicker, PersonPicker
from petitions.models import MajorCase, Referral

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _serving(township: Township):
    return Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)


REPORT_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt")


class MajorCaseForm(CongressModelForm):
    class Meta:
        model = MajorCase
        fields = ["title", "description", "lead_leader", "status", "opened_on", "deputies"]
        widgets = {
            "opened_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "deputies": PeoplePicker,
        }

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["lead_leader"].queryset = Leader.objects.for_township(township).filter(is_active=True)
        self.fields["deputies"].queryset = _serving(township)
        check_dates(self, opened_on=RECORD)


class AttachForm(CongressForm):
    case = forms.ModelChoiceField(label=_("Major case"), queryset=MajorCase.objects.none())

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = MajorCase.objects.for_township(township).filter(status="open")


class EntryForm(CongressForm):
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}))


class MembersForm(CongressForm):
    deputies = forms.ModelMultipleChoiceField(
        label=_("Panel members"), queryset=Deputy.objects.none(), required=False, widget=PeoplePicker
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = _serving(township)


ALL_PRESENT = (
    '{% load i18n %}<button class="btn btn-outline-success btn-sm mb-2" type="button" data-check-all="attendees">'
    '{% translate "All present" %}</button>'
)


class MeetingForm(CongressForm):
    held_on = forms.DateField(label=_("Held on"), widget=DATE, validators=[RECORD])
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    report = forms.CharField(label=_("The leaders' report"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    report_file = forms.FileField(label=_("Report attachment"), required=False)
    attendees = forms.ModelMultipleChoiceField(
        label=_("Deputies present"),
        queryset=Deputy.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leaders = forms.ModelMultipleChoiceField(
        label=_("Leaders reporting"),
        queryset=Leader.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, township: Township, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The members present in two taps: "All present" ticks everyone (static/js/attendance-sheet.js), a tap
        # unticks whoever is missing; each name is a target of 44 px on a phone, two a line.
        self.helper.layout = Layout(
            "held_on",
            "place",
            "report",
            "report_file",
            HTML(ALL_PRESENT),
            Field("attendees", wrapper_class="checks-grid"),
            Field("leaders", wrapper_class="checks-grid"),
        )
        self.fields["attendees"].queryset = members
        self.fields["leaders"].queryset = Leader.objects.for_township(township)

    def clean_report_file(self):
        upload = self.cleaned_data.get("report_file")
        if not upload or not hasattr(upload, "size"):
            return upload
        # Offered for download on the meeting's page: documents and pictures only, never a page or a program.
        if not (upload.name or "").lower().endswith(REPORT_TYPES):
            raise forms.ValidationError(_("Attach a PDF, Word, Excel, JPEG, PNG or text file."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The attachment is larger than 10 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class QuestionForm(CongressForm):
    asked_by = forms.ModelChoiceField(label=_("Asked by"), queryset=Deputy.objects.none(), widget=PersonPicker)
    to_leader = forms.ModelChoiceField(label=_("Put to"), queryset=Leader.objects.none())
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    follow_up = forms.BooleanField(label=_("Follow-up due"), required=False)
    referral = forms.ModelChoiceField(
        label=_("Referred case it concerns"), queryset=Referral.objects.none(), required=False
    )

    def __init__(self, *args, township: Township, month=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.fields["asked_by"].queryset = _serving(township)
        self.fields["to_leader"].queryset = Leader.objects.for_township(township)
        cases = Referral.objects.for_township(township).select_related("visit", "department")
        if month is not None:
            # The cases the month's report covers: referred that month, or still open at its end.
            cases = cases.filter(on_days("visit__received_at", *month)) | cases.filter(
                on_days("visit__received_at", last=month[0] - timedelta(days=1)), finished_at__isnull=True
            )
        self.fields["referral"].queryset = cases.order_by("-id")
        self.fields["referral"].label_from_instance = lambda r: f"{r.department.name} · {r.visit.content[:30]}"

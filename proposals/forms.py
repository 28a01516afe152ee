"""Forms of proposals and suggestions; choices from the user's township only."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import Activity, ActivityKind
from congress.forms import CongressForm, CongressModelForm
from congress.models import CongressSession, Department, Leader, Township
from congress.validators import DEADLINE, RECORD
from deputies.models import Deputy, DeputyStatus
from deputies.widgets import PeoplePicker, PersonPicker, put_first
from proposals.models import (
    FACE_TO_FACE,
    HandlingSettings,
    MeetingForm,
    Period,
    Proposal,
    Rating,
    ReplyClass,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Face to face first, the forms that count; a call or a letter below is recorded as a contact only.
MEETING_FORM_CHOICES = [
    (_("Face to face (counts as the meeting)"), [(f.value, f.label) for f in FACE_TO_FACE]),
    (
        _("Not face to face (a contact; does not count)"),
        [(f.value, f.label) for f in MeetingForm if f not in FACE_TO_FACE],
    ),
]


def _serving(township: Township):
    return Deputy.objects.for_township(township).filter(status=DeputyStatus.SERVING)


class Crispy:
    def _crispy(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False


def _picker(label, queryset, no_results=None):
    """A multiple choice of the town's rows that pickers.js turns into a search box: deputies are found by name or
    pinyin (PeoplePicker); leaders and departments by part of the name."""
    if no_results is None:
        widget = PeoplePicker()
    else:
        attrs = {"data-picker": "", "data-placeholder": _("Type part of the name"), "data-no-results": no_results}
        widget = forms.SelectMultiple(attrs={**attrs, "data-remove": _("Remove")})
    return forms.ModelMultipleChoiceField(label=label, queryset=queryset, required=False, widget=widget)


def participation_fields() -> tuple[forms.Field, forms.Field, forms.Field]:
    """The three participations (三个参与) a meeting or an inspection records: the town's leaders, departments
    and deputies (the presidium's members among them) who took part; the form offers its own town's only."""
    return (
        _picker(
            _("Town leaders (领导参与)"), Leader.objects.none(), _("No leader of the town matches what you typed.")
        ),
        _picker(
            _("Departments (部门参与)"),
            Department.objects.none(),
            _("No department of the town matches what you typed."),
        ),
        _picker(_("Deputies and presidium members (人大参与)"), Deputy.objects.none()),
    )


class Participation:
    """A form that records who took part: its pickers offer the town's own rows; a meeting names someone."""

    participation_prefix = ""
    others_field = ""  # the free-text field of other participants, when the form has one

    def _participation(self, township: Township) -> None:
        prefix = self.participation_prefix
        self.fields[f"{prefix}leaders"].queryset = Leader.objects.for_township(township).filter(is_active=True)
        self.fields[f"{prefix}departments"].queryset = Department.objects.for_township(township).filter(is_active=True)
        self.fields[f"{prefix}deputies"].queryset = _serving(township)

    def _require_someone(self, cleaned: dict) -> None:
        prefix = self.participation_prefix
        kinds = (f"{prefix}leaders", f"{prefix}departments", f"{prefix}deputies")
        if any(name in self.errors for name in (*kinds, self.others_field)):
            return  # a choice of another town is already said
        if not any(cleaned.get(name) for name in kinds) and not (cleaned.get(self.others_field) or "").strip():
            raise forms.ValidationError(
                _("Name at least one participant: a town leader, a department, a deputy, or others in words."),
                code="no_participant",
            )


class ProposalForm(Crispy, CongressModelForm):
    cosigners = forms.ModelMultipleChoiceField(
        label=_("Co-signers (附议)"),
        queryset=Deputy.objects.none(),
        required=False,
        help_text=_("Each confirms from their own login; when the office files, its record is the confirmation."),
        widget=PeoplePicker,
    )

    class Meta:
        model = Proposal
        fields = ["kind", "lead_deputy", "title", "content", "category", "period", "session", "activity", "is_public"]
        widgets = {"content": forms.Textarea(attrs={"rows": 8}), "lead_deputy": PersonPicker}

    def __init__(self, *args, township: Township, lead: Deputy | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()
        self.fields["lead_deputy"].queryset = _serving(township)
        self.fields["session"].queryset = CongressSession.objects.for_township(township)
        # Only activities already held: an item comes out of what deputies saw, not what is planned.
        self.fields["activity"].queryset = Activity.objects.for_township(township).filter(
            date__lte=timezone.localdate()
        )
        self.fields["cosigners"].queryset = _serving(township)
        if self.instance.pk:
            self.initial.setdefault("cosigners", [c.deputy for c in self.instance.cosigners.all()])
            put_first(self.fields["cosigners"], self.instance.lead_deputy.small_group)
        if not self.instance.pk and not self.is_bound:
            self._default_period(township)
        if lead is not None:  # a deputy files as the lead deputy, always
            self.fields["lead_deputy"].disabled = True
            self.fields["lead_deputy"].initial = lead
            self.fields["cosigners"].queryset = _serving(township).exclude(pk=lead.pk)
            put_first(self.fields["cosigners"], lead.small_group)

    def _default_period(self, township: Township) -> None:
        """In the session's days an item is filed during the session, for that session; any other day, in the
        recess: the session calendar decides, not the model's default."""
        today = timezone.localdate()
        sitting = CongressSession.objects.for_township(township).filter(start_date__lte=today, end_date__gte=today)
        session = sitting.first()
        self.initial["period"] = Period.SESSION if session else Period.RECESS
        if session:
            self.initial["session"] = session.pk


class ReviewForm(CongressForm):
    decision = forms.ChoiceField(
        choices=[
            ("accept", _("Accept (立案)")),
            ("merge", _("Merge into another (并案)")),
            ("reject", _("Not accept (不予立案)")),
            ("return", _("Return for revision")),
        ],
        label=pgettext_lazy("reviewing a proposal", "Decision"),
    )
    merge_into = forms.ModelChoiceField(label=_("Merge into"), queryset=Proposal.objects.none(), required=False)
    note = forms.CharField(label=_("Reason (for not accepting or returning)"), max_length=300, required=False)

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = Proposal.objects.for_township(township).filter(
            status__in=["accepted", "assigned"]
        )


class AssignForm(Crispy, CongressForm):
    main = forms.ModelChoiceField(label=_("Main unit (主办)"), queryset=Department.objects.none())
    assisting = forms.ModelMultipleChoiceField(
        label=_("Assisting units (协办)"), queryset=Department.objects.none(), required=False
    )
    due = forms.DateField(
        label=_("Reply due"),
        widget=DATE,
        required=False,
        validators=[DEADLINE],
        help_text=_("Empty: 3 months from today."),
    )
    key_leader = forms.ModelChoiceField(
        label=_("Key item led by (领导领办)"),
        queryset=Leader.objects.none(),
        required=False,
        help_text=_("Choosing a leader makes it a key item (重点督办)."),
    )

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()
        units = Department.objects.for_township(township).filter(is_active=True)
        self.fields["main"].queryset = units
        self.fields["assisting"].queryset = units
        self.fields["key_leader"].queryset = Leader.objects.for_township(township).filter(is_active=True)


OTHERS_HELP = _("Anyone else, in words: the unit's staff, villagers' representatives.")


class MeetingRecordForm(Participation, Crispy, CongressForm):
    stage = forms.ChoiceField(label=_("Meeting"), choices=[c for c in Stage.choices if c[0] != Stage.BEFORE_REPLY])
    held_on = forms.DateField(label=_("Held on"), widget=DATE, validators=[RECORD])
    form = forms.ChoiceField(label=_("Form"), choices=MEETING_FORM_CHOICES)
    leaders, departments, deputies = participation_fields()
    participants = forms.CharField(label=_("Other participants"), max_length=300, required=False, help_text=OTHERS_HELP)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    others_field = "participants"

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()
        self._participation(township)

    def clean(self) -> dict:
        cleaned = super().clean()
        self._require_someone(cleaned)
        return cleaned


class NoteForm(CongressForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(CongressForm):
    months = forms.TypedChoiceField(label=_("Months"), choices=[(1, "1"), (2, "2"), (3, "3")], coerce=int)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ReplyForm(Participation, Crispy, CongressForm):
    reply_class = forms.ChoiceField(label=_("Class"), choices=ReplyClass.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 5}))
    done = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    planned = forms.CharField(label=_("What is planned"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    planned_by = forms.DateField(label=_("Planned by"), widget=DATE, required=False, validators=[DEADLINE])
    not_adopted = forms.CharField(
        label=_("Why anything was not adopted"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    signer = forms.CharField(label=_("Signed by"), max_length=50)
    contact = forms.CharField(label=_("Contact person"), max_length=50)
    phone = forms.CharField(label=_("Contact phone"), max_length=40)
    meeting_held_on = forms.DateField(label=_("Reply meeting held on"), widget=DATE, validators=[RECORD])
    meeting_form = forms.ChoiceField(
        label=_("Reply meeting form"),
        choices=MEETING_FORM_CHOICES,
        help_text=_("Face to face; a call only where the town's handling rules allow it."),
    )
    meeting_leaders, meeting_departments, meeting_deputies = participation_fields()
    meeting_participants = forms.CharField(
        label=_("Reply meeting: other participants"), max_length=300, required=False, help_text=OTHERS_HELP
    )
    participation_prefix = "meeting_"
    others_field = "meeting_participants"

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()
        self._participation(township)

    def clean(self) -> dict:
        cleaned = super().clean()
        self._require_someone(cleaned)
        return cleaned


class FeedbackForm(Crispy, CongressForm):
    consultation = forms.ChoiceField(label=_("Consultation"), choices=Rating.choices, widget=forms.RadioSelect)
    attitude = forms.ChoiceField(label=_("Attitude"), choices=Rating.choices, widget=forms.RadioSelect)
    reply = forms.ChoiceField(label=_("The reply"), choices=Rating.choices, widget=forms.RadioSelect)
    result = forms.ChoiceField(label=_("The result"), choices=Rating.choices, widget=forms.RadioSelect)
    overall = forms.ChoiceField(label=_("Overall"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()


class HandlingSettingsForm(Crispy, CongressModelForm):
    class Meta:
        model = HandlingSettings
        fields = ["phone_third_meeting", "proposal_min_signers"]
        help_texts = {
            "proposal_min_signers": _(
                "The lead deputy and the co-signers together. The organic law of local congresses asks five or more "
                "at a town congress; a proposal (议案) is filed during the session, suggestions (建议) at any time."
            )
        }

    def __init__(self, *args, read_only: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()
        # Left empty, the number stays as it was (a form of the tick box alone keeps it).
        self.fields["proposal_min_signers"].required = False
        if read_only:
            for field in self.fields.values():
                field.disabled = True

    def clean_proposal_min_signers(self) -> int:
        number = self.cleaned_data.get("proposal_min_signers")
        return self.instance.proposal_min_signers if number is None else number


class InspectionForm(Participation, Crispy, CongressForm):
    """The findings of a special inspection (专题视察) already held, on a key item."""

    activity = forms.ModelChoiceField(label=_("Special inspection"), queryset=Activity.objects.none())
    findings = forms.CharField(label=_("Findings"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    leaders, departments, deputies = participation_fields()

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._crispy()
        self._participation(township)
        self.fields["activity"].queryset = Activity.objects.for_township(township).filter(
            kind=ActivityKind.SPECIAL, date__lte=timezone.localdate()
        )

"""Activities (§三) and training (§二.一): what deputies are invited to, who came, who asked leave, what was
found; and each small group's yearly plan of activities, at least one a quarter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.models import CongressSession, TownshipScoped, audit_history
from deputies.models import Deputy, SmallGroup


class ActivityKind(models.TextChoices):
    PRE_SESSION = "pre_session", _("Pre-session inspection")
    INSPECTION = "inspection", _("Inspection")
    CHECK = "check", _("Check")
    RESEARCH = "research", _("Research")
    EVALUATION = "evaluation", _("Evaluation")
    SPECIAL = "special", _("Special inspection")
    GROUP = "group", _("Small-group activity")
    REPORT = "report", _("Report to voters")
    SESSION = "session", _("Congress session")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other activity")


# The parts of the performance record each kind is filed under.
INSPECTION_KINDS = (
    ActivityKind.PRE_SESSION,
    ActivityKind.INSPECTION,
    ActivityKind.CHECK,
    ActivityKind.RESEARCH,
    ActivityKind.EVALUATION,
    ActivityKind.SPECIAL,
)
MEETING_KINDS = (ActivityKind.SESSION, ActivityKind.OTHER)


class TrainingForm(models.TextChoices):
    """The four forms of training of §二.一."""

    FULL = "full", _("Full-member training with large-group activities")
    KEY = "key", _("Key training with study visits")
    LAYERED = "layered", _("Layered training with small-group activities")
    SELF_STUDY = "self_study", _("Material handed out for self-study")


class Activity(TownshipScoped):
    """One activity deputies are invited to: an inspection, research, a training, a group meeting, a session…"""

    kind = models.CharField(_("kind"), max_length=12, choices=ActivityKind.choices)
    training_form = models.CharField(_("form of training"), max_length=12, choices=TrainingForm.choices, blank=True)
    title = models.CharField(_("topic"), max_length=200)
    date = models.DateField(_("date"))
    places = models.CharField(_("places"), max_length=300, blank=True)
    organiser = models.CharField(_("organiser"), max_length=100, blank=True)
    small_group = models.ForeignKey(
        SmallGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("small group"),
        help_text=_("The small group whose activity this is; it counts towards the group's yearly plan."),
    )
    plan_item = models.ForeignKey(
        "GroupPlanItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("planned as"),
    )
    session = models.ForeignKey(
        CongressSession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("congress session"),
    )
    findings = models.TextField(_("findings"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = audit_history()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["township", "date"], name="activity_town_date")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="training") & ~Q(training_form="")) | (~Q(kind="training") & Q(training_form="")),
                name="activity_training_has_form",
                violation_error_message=_("A training names its form; other activities do not."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def is_self_study(self) -> bool:
        return self.training_form == TrainingForm.SELF_STUDY

    @property
    def kind_label(self) -> str:
        return self.get_training_form_display() if self.kind == ActivityKind.TRAINING else self.get_kind_display()


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    LEAVE = "leave", _("On leave")
    ABSENT = "absent", _("Absent")


class LeaveState(models.TextChoices):
    NONE = "", _("No leave asked")
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ActivityAttendance(TownshipScoped):
    """One deputy invited to one activity: whether they came, and the leave they asked (请假) and its decision."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("activity")
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="activity_attendances", verbose_name=_("deputy")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.INVITED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    leave_state = models.CharField(_("leave"), max_length=10, choices=LeaveState.choices, blank=True, default="")
    leave_reason = models.CharField(_("reason for leave"), max_length=300, blank=True)
    leave_asked_at = models.DateTimeField(_("leave asked at"), null=True, blank=True)
    leave_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leave decided by"),
    )
    leave_decided_at = models.DateTimeField(_("leave decided at"), null=True, blank=True)
    leave_comment = models.CharField(_("comment on the leave"), max_length=300, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("activity attendance")
        verbose_name_plural = _("activity attendances")
        ordering = ["activity", "deputy__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "deputy"], name="attendance_one_per_deputy_activity"),
            models.CheckConstraint(
                condition=~Q(leave_state="pending") | Q(leave_asked_at__isnull=False),
                name="attendance_pending_leave_has_time",
            ),
        ]
        indexes = [models.Index(fields=["township", "deputy", "status"], name="attendance_town_deputy_status")]

    def __str__(self) -> str:
        return f"{self.activity} · {self.deputy}"


class GroupPlanItem(TownshipScoped):
    """One planned activity in a small group's yearly plan (年度活动计划); every quarter should have one."""

    small_group = models.ForeignKey(
        SmallGroup, on_delete=models.CASCADE, related_name="plan_items", verbose_name=_("small group")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, q) for q in range(1, 5)])
    kind = models.CharField(_("kind"), max_length=12, choices=ActivityKind.choices, default=ActivityKind.GROUP)
    title = models.CharField(_("topic"), max_length=200)
    history = audit_history()

    class Meta:
        verbose_name = _("planned group activity")
        verbose_name_plural = _("planned group activities")
        ordering = ["year", "quarter", "id"]
        indexes = [models.Index(fields=["township", "year"], name="planitem_town_year")]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="planitem_quarter_valid"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="planitem_year_valid"),
        ]

    def __str__(self) -> str:
        return _("%(year)s Q%(quarter)s · %(title)s") % {
            "year": self.year,
            "quarter": self.quarter,
            "title": self.title,
        }


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1

"""Reception duty (§四 of the source): the small groups take turns on the leaders' reception days; the
roster is published; deputies sign in on the day or ask leave in advance; subsidies and lunches follow."""

import secrets
from datetime import time
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congress.models import Leader, TownshipQuerySet, TownshipScoped, audit_history
from deputies.models import Deputy, SmallGroup, Station

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class SignInProof(models.TextChoices):
    """What a deputy's sign-in must show to count as present at the station."""

    NONE = "none", _("No code needed")
    DAILY_CODE = "daily_code", _("The day's code shown at the station")


class ReceptionSettings(TownshipScoped):
    """How a township runs its reception days: when, where, the sign-in window, the subsidy, the rules."""

    weekdays = models.CharField(
        _("reception weekdays"), max_length=20, default="0", help_text=_("0 is Monday … 6 is Sunday, comma-separated.")
    )
    start_time = models.TimeField(_("reception starts"), default=time(8, 0))
    window_opens = models.TimeField(_("sign-in opens"), default=time(7, 30))
    window_closes = models.TimeField(_("sign-in closes"), default=time(8, 30))
    station = models.ForeignKey(
        Station,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reception station"),
        help_text=_("Where the reception days are held unless a day says otherwise."),
    )
    # A new town asks for the day's code; the migration left the towns that existed before it on "no code", so
    # that no town's deputies find their sign-ins counted remote on a morning nobody told them of the code.
    sign_in_proof = models.CharField(
        _("proof of presence at sign-in"),
        max_length=12,
        choices=SignInProof.choices,
        default=SignInProof.DAILY_CODE,
        help_text=_(
            "With the day's code, a sign-in without it is recorded as remote and counts as present only when the "
            "office confirms it on the day's sheet."
        ),
    )
    subsidy_per_duty = models.DecimalField(
        _("lost-work subsidy per duty attended (yuan)"), max_digits=8, decimal_places=2, default=Decimal("50.00")
    )
    # The town's rule: 公职人员 already draw a government salary, so most towns pay them no lost-work subsidy.
    subsidy_public_employees = models.BooleanField(
        _("pay the duty subsidy to salaried public employees too"),
        default=False,
        help_text=_("Leave unticked to pay no subsidy to civil servants and public-institution staff (公职人员)."),
    )
    lunch_for_far = models.BooleanField(_("lunch for deputies who live far"), default=True)
    reminder_time = models.TimeField(_("reminder the day before, at"), default=time(18, 0))
    referral_answer_days = models.PositiveSmallIntegerField(
        _("days for a referred case's first answer"), default=15, help_text=_("信访条例: 15 days.")
    )
    referral_finish_days = models.PositiveSmallIntegerField(
        _("days to resolve a referred case"), default=60, help_text=_("信访条例: 60 days.")
    )
    history = audit_history()

    class Meta:
        verbose_name = _("reception settings")
        verbose_name_plural = _("reception settings")
        constraints = [
            models.UniqueConstraint(fields=["township"], name="receptionsettings_one_per_township"),
            models.CheckConstraint(
                condition=Q(window_opens__lte=F("start_time")) & Q(window_closes__gte=F("start_time")),
                name="receptionsettings_window_around_start",
                violation_error_message=_("The sign-in window must open before the start and close after it."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Reception settings"))

    @property
    def weekday_numbers(self) -> list[int]:
        return sorted({int(part) for part in self.weekdays.split(",") if part.strip().isdigit()} & set(range(7)))


class Holiday(TownshipScoped):
    """A day on which no reception is held (a public holiday falling on a reception weekday)."""

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=50, blank=True)

    history = audit_history()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["township", "date"], name="holiday_unique_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}".strip()


class DutyDayStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DutyDayQuerySet(TownshipQuerySet):
    def station_days(self) -> "DutyDayQuerySet":
        """The town's reception days at its station (one a date), not the contact points' own days."""
        return self.filter(schedule__isnull=True)


class DutyDay(TownshipScoped):
    """A reception day (接访日): a leader receives the public and one small group of deputies takes part; or a
    contact point's own day (`schedule` set), on which the point's deputies take turns, without a group."""

    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="duty_days", verbose_name=_("station"))
    small_group = models.ForeignKey(
        SmallGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duty_days",
        verbose_name=_("small group"),
    )
    schedule = models.ForeignKey(
        "petitions.PointSchedule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="days",
        verbose_name=_("contact point schedule"),
    )
    leaders = models.ManyToManyField(Leader, blank=True, related_name="duty_days", verbose_name=_("leaders on duty"))
    status = models.CharField(_("status"), max_length=10, choices=DutyDayStatus.choices, default=DutyDayStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Set once by the closing job: who neither signed in nor had leave is then marked absent.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    missing_alert_at = models.DateTimeField(_("missing sign-in alert sent"), null=True, blank=True)
    history = audit_history()

    objects = DutyDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("duty day")
        verbose_name_plural = _("duty days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "date"], condition=Q(schedule__isnull=True), name="dutyday_one_per_date"
            ),
            models.UniqueConstraint(
                fields=["station", "date"], condition=Q(schedule__isnull=False), name="dutyday_point_one_per_date"
            ),
            models.CheckConstraint(
                condition=Q(schedule__isnull=False) | Q(small_group__isnull=False), name="dutyday_station_has_group"
            ),
        ]
        indexes = [models.Index(fields=["township", "status", "date"], name="dutyday_town_status_date")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.team}"

    @property
    def is_point_day(self) -> bool:
        return self.schedule_id is not None

    @property
    def team(self) -> str:
        """Who is on duty, in a few words: the small group, or the contact point's turn."""
        if self.small_group_id is not None:
            return self.small_group.name
        return str(_("Contact point's turn"))


class AttendanceStatus(models.TextChoices):
    """Only PRESENT counts as attended, in every figure; REMOTE (signed in without the day's code where the town
    asks for it) counts nowhere until the office confirms it, which makes it PRESENT."""

    EXPECTED = "expected", _("Expected")
    PRESENT = "present", _("Present")
    REMOTE = "remote", _("Signed in remotely, to be confirmed")
    LEAVE = "leave", _("On leave")
    ABSENT = "absent", _("Absent")


def attended_q(prefix: str = "") -> Q:
    """The one rule every figure of duty attendance counts by (subsidies, assessments, the bulletin, the dashboard,
    the record): present. A remote sign-in is not in it until the office confirms it, which makes it present.
    `prefix` reaches the assignment through a relation (``"assignments__"`` from a duty day)."""
    return Q(**{f"{prefix}status": AttendanceStatus.PRESENT})


class DutyAssignmentQuerySet(TownshipQuerySet):
    def attended(self) -> "DutyAssignmentQuerySet":
        """The duties that count as attended (see attended_q)."""
        return self.filter(attended_q())


class DutyAssignment(TownshipScoped):
    """One deputy on one duty day, and what became of it."""

    duty_day = models.ForeignKey(
        DutyDay, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("duty day")
    )
    deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="duty_assignments", verbose_name=_("deputy")
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.EXPECTED
    )
    signed_in_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    # Wrong day's codes tried: a few typing slips are forgiven, guessing the code is not (see duty_sign_in).
    code_failures = models.PositiveSmallIntegerField(_("wrong codes tried"), default=0, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Set when the office recorded the attendance instead of the deputy signing in."),
    )
    note = models.CharField(_("reason or note"), max_length=200, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("substitute for"),
    )
    history = audit_history()

    objects = DutyAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("duty assignment")
        verbose_name_plural = _("duty assignments")
        ordering = ["duty_day__date", "deputy__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["duty_day", "deputy"], name="dutyassignment_one_per_deputy_day"),
            models.CheckConstraint(
                condition=~Q(status__in=["present", "remote"]) | Q(signed_in_at__isnull=False),
                name="dutyassignment_present_has_time",
            ),
        ]
        indexes = [models.Index(fields=["township", "deputy", "status"], name="assignment_town_deputy_status")]

    def __str__(self) -> str:
        return f"{self.duty_day} · {self.deputy}"


class LeaveStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class SubstituteStatus(models.TextChoices):
    NONE = "none", _("No substitute")
    ASKED = "asked", _("Asked")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class LeaveRequest(TownshipScoped):
    """A deputy's request for leave from a coming duty day (请假), decided by the office."""

    assignment = models.ForeignKey(
        DutyAssignment, on_delete=models.CASCADE, related_name="leave_requests", verbose_name=_("duty")
    )
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(_("decision"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING)
    requested_at = models.DateTimeField(_("asked at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    substitute = models.ForeignKey(
        Deputy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitute_requests",
        verbose_name=_("substitute"),
    )
    substitute_status = models.CharField(
        _("substitute's answer"), max_length=10, choices=SubstituteStatus.choices, default=SubstituteStatus.NONE
    )
    history = audit_history()

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"], condition=Q(status="pending"), name="leaverequest_one_pending_per_duty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_status_display()}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(TownshipScoped):
    """A deputy's secret calendar link; resetting it makes the old link stop working."""

    deputy = models.OneToOneField(
        Deputy, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("deputy")
    )
    token = models.CharField(_("secret"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.deputy)

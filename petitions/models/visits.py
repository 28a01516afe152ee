"""Constituent visits (§四): what visitors raise on reception days, the deputies' handling suggestions, and the
referrals to departments with a named responsible person and a deadline, worked until the visitor is told."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import Department, Leader, TownshipScoped, audit_history
from deputies.models import Deputy, Gender, Station
from petitions.models.duty import DutyDay

DEFAULT_CATEGORIES = [
    "土地与征地拆迁",
    "社会保障",
    "劳动工资",
    "生态环境",
    "基础设施",
    "矛盾纠纷",
    "其他",
]


class VisitCategory(TownshipScoped):
    """A kind of matter visitors raise; each township keeps its own list."""

    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = audit_history()

    class Meta:
        verbose_name = _("visit category")
        verbose_name_plural = _("visit categories")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="visitcategory_unique_name")]

    def __str__(self) -> str:
        return self.name


class VisitOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered on the spot")
    REFERRED = "referred", _("Referred to a department or village committee")
    SUGGESTION = "suggestion", _("Turned into a deputy's suggestion")
    PASSED_UP = "passed_up", _("Passed up to a higher level")


class Visit(TownshipScoped):
    """One reception of a visitor (接待登记), on a duty day or any other day."""

    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    duty_day = models.ForeignKey(
        DutyDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits", verbose_name=_("duty day")
    )
    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="visits", verbose_name=_("station"))
    visitor_name = models.CharField(_("visitor's name"), max_length=50)
    visitor_gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    visitor_phone = models.CharField(_("visitor's phone"), max_length=40, blank=True)
    visitor_address = models.CharField(_("village or address"), max_length=200, blank=True)
    visitor_count = models.PositiveSmallIntegerField(
        _("number of visitors"), default=1, help_text=_("More than one for a collective visit.")
    )
    category = models.ForeignKey(VisitCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category"))
    content = models.TextField(_("what was raised"))
    leader = models.ForeignKey(
        Leader,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("leader receiving"),
    )
    deputies = models.ManyToManyField(Deputy, blank=True, related_name="visits", verbose_name=_("deputies present"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=VisitOutcome.choices)
    answer = models.TextField(_("answer given"), blank=True)
    # Answered is not solved (§四): only a problem the visitor saw solved there and then counts as solved on the spot.
    solved_on_spot = models.BooleanField(
        _("problem solved on the spot"),
        default=False,
        help_text=_("Tick only when the problem itself was solved there and then, not when it was explained."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    history = audit_history(excluded_fields=["visitor_phone", "visitor_address"])

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["township", "received_at"], name="visit_town_received")]
        constraints = [
            models.CheckConstraint(condition=Q(visitor_count__gte=1), name="visit_count_positive"),
            models.CheckConstraint(
                condition=Q(solved_on_spot=False) | Q(outcome="answered"), name="visit_solved_on_spot_answered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d} {self.visitor_name}"


class HandlingSuggestion(TownshipScoped):
    """A deputy's proposal of how to handle what a visitor raised (处理建议)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("visit"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+", verbose_name=_("deputy"))
    text = models.TextField(_("suggestion"))
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    # 代表建议落实制度: the handling unit says whether it adopted the suggestion and what it did, then that it
    # was carried out; the deputy who made it sees both.
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    response = models.TextField(_("what the unit did, or why not"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)

    history = audit_history()

    class Meta:
        verbose_name = _("handling suggestion")
        verbose_name_plural = _("handling suggestions")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(carried_out_at__isnull=True) | Q(adopted=True), name="suggestion_carried_out_adopted"
            ),
            models.CheckConstraint(
                condition=Q(adopted__isnull=True) | Q(decided_at__isnull=False), name="suggestion_decided_when"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.deputy}: {self.text[:30]}"


class DutyObservation(TownshipScoped):
    """A deputy's record of how a reception day was run (监督意见), by one of the deputies on duty."""

    duty_day = models.ForeignKey(
        DutyDay, on_delete=models.CASCADE, related_name="observations", verbose_name=_("duty day")
    )
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+", verbose_name=_("deputy"))
    text = models.TextField(_("observations"))
    created_at = models.DateTimeField(_("made at"), default=timezone.now)

    history = audit_history()

    class Meta:
        verbose_name = _("supervision observation")
        verbose_name_plural = _("supervision observations")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.deputy}: {self.text[:30]}"


class ReferralStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("status of a case", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    UNRESOLVABLE = "unresolvable", _("Cannot be resolved")
    CLOSED = "closed", _("Closed (visitor told)")


FINISHED = (ReferralStatus.RESOLVED, ReferralStatus.UNRESOLVABLE, ReferralStatus.CLOSED)


class Referral(TownshipScoped):
    """A case passed to a department (交办件) with a responsible person and deadlines; overdue is computed."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="referral", verbose_name=_("visit"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("handling unit")
    )
    responsible_name = models.CharField(_("responsible person"), max_length=50)
    responsible_phone = models.CharField(_("responsible person's phone"), max_length=40, blank=True)
    answer_due = models.DateField(_("answer the visitor by"))
    due = models.DateField(_("resolve by"))
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.OPEN)
    result = models.TextField(_("result"), blank=True)
    # Kept apart from the status: a case closed after "cannot be resolved" must never count as solved.
    resolved = models.BooleanField(_("resolved"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    visitor_told_at = models.DateTimeField(_("visitor told at"), null=True, blank=True)
    visitor_satisfied = models.BooleanField(_("visitor satisfied"), null=True, blank=True)
    created_at = models.DateTimeField(_("referred at"), default=timezone.now)
    # The leader chairing the day confirms the unit, the person and the deadline (明确责任人和解决时限).
    confirmed_by = models.ForeignKey(
        Leader,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by leader"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["township", "status", "due"], name="referral_town_status_due"),
            models.Index(fields=["township", "department", "status"], name="referral_town_dept_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(due__gte=models.F("answer_due")), name="referral_due_after_answer"),
            models.CheckConstraint(
                condition=~Q(status__in=["resolved", "unresolvable", "closed"]) | ~Q(result=""),
                name="referral_finished_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.visit.visitor_name}"

    @property
    def is_overdue(self) -> bool:
        return self.status not in FINISHED and self.due < timezone.localdate()


class ReferralNote(TownshipScoped):
    """A line of progress on a referral, by whoever worked it."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes", verbose_name=_("referral"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("progress"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    history = audit_history()

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class DeadlineExtension(TownshipScoped):
    """A request to move a referral's deadline; only the office's approval moves it, and it is kept."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("referral")
    )
    old_due = models.DateField(_("deadline before"))
    new_due = models.DateField(_("deadline asked"))
    reason = models.CharField(_("reason"), max_length=300)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    status = models.CharField(
        _("decision"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(new_due__gt=models.F("old_due")), name="extension_moves_later"),
            models.UniqueConstraint(
                fields=["referral"], condition=Q(status="pending"), name="extension_one_pending_per_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral}: {self.old_due} → {self.new_due}"


class PriorTotals(TownshipScoped):
    """A year's totals from before the system (the town's own books), which the "since" counts include."""

    year = models.PositiveSmallIntegerField(_("year"))
    people_received = models.PositiveIntegerField(_("people received on reception days"))
    problems_solved = models.PositiveIntegerField(_("problems solved"))
    suggestions = models.PositiveIntegerField(_("deputies' handling suggestions"), default=0)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("e.g. the 2019 work ledger"))
    history = audit_history()

    class Meta:
        verbose_name = _("totals from before the system")
        verbose_name_plural = _("totals from before the system")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["township", "year"], name="priortotals_one_per_year"),
            models.CheckConstraint(
                condition=Q(problems_solved__lte=models.F("people_received")), name="priortotals_solved_within"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}"

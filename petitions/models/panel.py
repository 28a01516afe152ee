"""Major, difficult cases deputies take part in (重大疑难信访案件), and the deputies' supervision panel
(人大代表督查团) that meets at month end, hears the leaders' report and questions them face to face."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import Leader, TownshipScoped, audit_history
from congress.storage import RandomName
from deputies.models import Deputy
from petitions.models.visits import Referral, Visit


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("status of a case", "Open")
    CONCLUDED = "concluded", _("Concluded")


class MajorCase(TownshipScoped):
    """One matter that many visits raise, handled with deputies taking part and a leader leading it."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("the matter"), blank=True)
    lead_leader = models.ForeignKey(
        Leader, on_delete=models.PROTECT, related_name="major_cases", verbose_name=_("leading leader")
    )
    deputies = models.ManyToManyField(
        Deputy, blank=True, related_name="major_cases", verbose_name=_("deputies taking part")
    )
    visits = models.ManyToManyField(Visit, blank=True, related_name="major_cases", verbose_name=_("visits on it"))
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("major case")
        verbose_name_plural = _("major cases")
        ordering = ["status", "-opened_on"]

    def __str__(self) -> str:
        return self.title


class CaseEntry(TownshipScoped):
    """A line of the major case's log: a meeting, a visit to the site, a decision."""

    case = models.ForeignKey(MajorCase, on_delete=models.CASCADE, related_name="entries", verbose_name=_("case"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("what happened"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    history = audit_history()

    class Meta:
        verbose_name = _("case log entry")
        verbose_name_plural = _("case log entries")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class PanelMember(TownshipScoped):
    """A deputy on the township's supervision panel."""

    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, related_name="+", verbose_name=_("deputy"))

    history = audit_history()

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        constraints = [models.UniqueConstraint(fields=["township", "deputy"], name="panelmember_unique")]

    def __str__(self) -> str:
        return str(self.deputy)


class PanelMeeting(TownshipScoped):
    """The panel's meeting of one month: the leaders' report on the month's cases, and the questions put."""

    month = models.DateField(_("month"), help_text=_("The first day of the month the meeting reviews."))
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    report = models.TextField(_("the leaders' report"), blank=True)
    # Stored under a random name (see congress.storage); served by panel_meeting_file as report_name.
    report_file = models.FileField(_("report attachment"), upload_to=RandomName("panel-reports"), blank=True)
    report_name = models.CharField(_("report attachment's file name"), max_length=200, blank=True)
    attendees = models.ManyToManyField(Deputy, blank=True, related_name="+", verbose_name=_("deputies present"))
    leaders = models.ManyToManyField(Leader, blank=True, related_name="+", verbose_name=_("leaders reporting"))
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("panel meeting")
        verbose_name_plural = _("panel meetings")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["township", "month"], name="panelmeeting_one_per_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def report_filename(self) -> str:
        """The report attachment's name as uploaded (a report filed before names were kept: its stored name)."""
        return self.report_name or self.report_file.name.rsplit("/", 1)[-1]


class PanelQuestion(TownshipScoped):
    """A question a deputy put to a leader at the panel (质询), the answer, and whether it is followed up."""

    meeting = models.ForeignKey(
        PanelMeeting, on_delete=models.CASCADE, related_name="questions", verbose_name=_("meeting")
    )
    asked_by = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+", verbose_name=_("asked by"))
    to_leader = models.ForeignKey(Leader, on_delete=models.PROTECT, related_name="+", verbose_name=_("put to"))
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    follow_up = models.BooleanField(_("follow-up due"), default=False)
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("referred case")
    )

    history = audit_history()

    class Meta:
        verbose_name = _("panel question")
        verbose_name_plural = _("panel questions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.question[:40]

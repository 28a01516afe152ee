"""Links across the capabilities, kept here because only this app reads across all of them."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.dates import format_month
from congress.models import TownshipScoped, audit_history
from congress.storage import RandomName
from deputies.models import Deputy
from petitions.models import Visit
from proposals.models import Proposal


class VisitProposal(TownshipScoped):
    """A visit whose matter a deputy turned into a suggestion, and that suggestion: linked both ways."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="proposal_link", verbose_name=_("visit"))
    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="visit_link", verbose_name=_("suggestion")
    )

    history = audit_history()

    class Meta:
        verbose_name = _("visit turned into a suggestion")
        verbose_name_plural = _("visits turned into suggestions")

    def __str__(self) -> str:
        return f"{self.visit} → {self.proposal}"


class Commendation(TownshipScoped):
    """A commendation a deputy received (表彰), recorded by the office: the last part of the performance record."""

    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, related_name="commendations", verbose_name=_("deputy"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("commendation"), max_length=200)
    awarded_by = models.CharField(_("awarded by"), max_length=100, blank=True)
    awarded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = audit_history()

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on", "-id"]
        indexes = [models.Index(fields=["township", "year"], name="commendation_town_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "year", "title"],
                name="commendation_once_per_title_year",
                violation_error_message=_("This deputy already has this commendation for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.deputy} · {self.title}"


# --- The unified standard and the monthly assessment (§四 rule 5: 一月一考核, 一月一通报, 表先促后) ---------


class Item(models.TextChoices):
    """What the standard scores; each is counted from the records of the month."""

    DUTY_ATTENDED = "duty_attended", _("Reception duty attended")
    DUTY_ABSENT = "duty_absent", _("Reception duty missed without leave")
    DUTY_LATE = "duty_late", _("Late sign-in")
    SUGGESTION = "suggestion", _("Handling suggestion on a visit")
    ACTIVITY = "activity", _("Activity attended")
    TRAINING = "training", _("Training attended")
    PROPOSAL_LED = "proposal_led", _("Proposal or suggestion led and accepted")
    COSIGNED = "cosigned", _("Proposal or suggestion co-signed")
    PANEL = "panel", _("Supervision panel meeting attended")
    PANEL_QUESTION = "panel_question", _("Question put at the panel")
    MAJOR_CASE = "major_case", _("Major case taken part in")
    REPORT = "report", _("Report to voters")


# The default standard: points per occurrence and the monthly cap on an item's points (None: no cap).
# The beginning of time for a town's first standard: every month it ever assesses is under it.
EPOCH = date(2000, 1, 1)

DEFAULT_STANDARD: dict[str, tuple[int, int | None]] = {
    Item.DUTY_ATTENDED: (5, None),
    Item.DUTY_ABSENT: (-5, None),
    Item.DUTY_LATE: (-1, None),
    Item.SUGGESTION: (2, 10),
    Item.ACTIVITY: (3, None),
    Item.TRAINING: (2, None),
    Item.PROPOSAL_LED: (3, None),
    Item.COSIGNED: (1, 3),
    Item.PANEL: (3, None),
    Item.PANEL_QUESTION: (1, None),
    Item.MAJOR_CASE: (3, None),
    Item.REPORT: (5, None),
}


class Standard(TownshipScoped):
    """One version of the town's unified standard (统一标准), in force from the first day of a month."""

    active_from = models.DateField(_("in force from"), help_text=_("The first day of a month."))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = audit_history()

    class Meta:
        verbose_name = _("assessment standard")
        verbose_name_plural = _("assessment standards")
        ordering = ["-active_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "active_from"],
                name="standard_one_per_month",
                violation_error_message=_("A version of the standard already starts that month."),
            ),
            models.CheckConstraint(condition=models.Q(active_from__day=1), name="standard_starts_on_the_first"),
        ]

    def __str__(self) -> str:
        return _("Standard from %(date)s") % {"date": format_month(self.active_from)}


class StandardItem(models.Model):
    """The points one item of a standard's version is worth, and its monthly cap."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="items", verbose_name=_("standard"))
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    points = models.SmallIntegerField(_("points per occurrence"))
    monthly_cap = models.PositiveSmallIntegerField(
        _("monthly cap (points)"), null=True, blank=True, help_text=_("Empty: no cap.")
    )

    history = audit_history()

    class Meta:
        verbose_name = _("standard item")
        verbose_name_plural = _("standard items")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["standard", "item"], name="standarditem_once")]

    def __str__(self) -> str:
        return f"{self.get_item_display()} {self.points:+d}"


class Assessment(TownshipScoped):
    """A deputy's score for one month under the standard then in force: the total, each item, the rank."""

    deputy = models.ForeignKey(Deputy, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("deputy"))
    month = models.DateField(_("month"), help_text=_("The first day of the month assessed."))
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+", verbose_name=_("standard"))
    total = models.IntegerField(_("score"))
    # {item: [count, points]} for every item of the standard, zeros included.
    breakdown = models.JSONField(_("breakdown"), default=dict)
    rank = models.PositiveIntegerField(_("rank in the town"))
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("monthly assessment")
        verbose_name_plural = _("monthly assessments")
        ordering = ["month", "rank", "deputy_id"]
        indexes = [models.Index(fields=["township", "month", "rank"], name="assessment_town_month_rank")]
        constraints = [
            models.UniqueConstraint(fields=["deputy", "month"], name="assessment_one_per_deputy_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="assessment_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.deputy} {self.total}"


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Bulletin(TownshipScoped):
    """The monthly bulletin (月度通报): the town's figures, the ranking, who is praised and who is urged.
    Publishing it locks the month's assessment."""

    month = models.DateField(_("month"))
    status = models.CharField(_("status"), max_length=10, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    praised = models.TextField(_("praised"), blank=True, help_text=_("表先: the deputies ahead, and why."))
    urged = models.TextField(_("urged"), blank=True, help_text=_("促后: the deputies behind, and what is expected."))
    figures = models.JSONField(_("figures"), default=dict)
    drafted_at = models.DateTimeField(_("drafted"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = audit_history()

    class Meta:
        verbose_name = _("monthly bulletin")
        verbose_name_plural = _("monthly bulletins")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["township", "month"], name="bulletin_one_per_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="bulletin_month_first_day"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == BulletinStatus.PUBLISHED


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASIC = "basic", _("Basically competent")
    NOT = "not", _("Not competent")


class GradeThresholds(TownshipScoped):
    """The year's score a deputy needs for each grade, set by each town."""

    excellent = models.PositiveSmallIntegerField(_("excellent from"), default=80)
    competent = models.PositiveSmallIntegerField(_("competent from"), default=50)
    basic = models.PositiveSmallIntegerField(_("basically competent from"), default=30)
    history = audit_history()

    class Meta:
        verbose_name = _("grade thresholds")
        verbose_name_plural = _("grade thresholds")
        constraints = [
            models.UniqueConstraint(fields=["township"], name="gradethresholds_one_per_town"),
            models.CheckConstraint(
                condition=models.Q(excellent__gt=models.F("competent")) & models.Q(competent__gt=models.F("basic")),
                name="gradethresholds_ordered",
                violation_error_message=_("Excellent must need more than competent, and competent more than basic."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.excellent}/{self.competent}/{self.basic}"

    def grade(self, score: int) -> str:
        if score >= self.excellent:
            return Grade.EXCELLENT
        if score >= self.competent:
            return Grade.COMPETENT
        if score >= self.basic:
            return Grade.BASIC
        return Grade.NOT


# --- The presidium's reports to the town's party committee (重大事项请示报告) ----------------------------------


class PartyReportKind(models.TextChoices):
    REQUEST = "request", _("Request for instructions")  # 请示
    REPORT = "report", _("Report")  # 报告


class PartyReport(TownshipScoped):
    """A report or a request for instructions the presidium sent to the town's party committee on a major matter,
    and the committee's answer once it came."""

    kind = models.CharField(_("kind"), max_length=10, choices=PartyReportKind.choices, default=PartyReportKind.REPORT)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), max_length=20_000, blank=True)
    sent_on = models.DateField(_("sent on"))
    answer = models.TextField(_("the committee's answer"), max_length=20_000, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    # The report as sent (a scan, the Word file), stored under a random name; `file_name` is the uploaded one.
    file = models.FileField(_("file"), upload_to=RandomName("party-reports"), blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = audit_history()

    class Meta:
        verbose_name = _("report to the party committee")
        verbose_name_plural = _("reports to the party committee")
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["township", "sent_on"], name="partyreport_town_sent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True) | models.Q(answered_on__gte=models.F("sent_on")),
                name="partyreport_answered_after_sent",
                violation_error_message=_("The committee cannot answer before the report was sent."),
            )
        ]

    def __str__(self) -> str:
        return self.subject


class CommitteeRating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    NOT = "not", _("Not satisfied")


class YearReview(TownshipScoped):
    """The town's party committee's assessment of the presidium's work of a year (党委满意)."""

    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("the committee's rating"), max_length=10, choices=CommitteeRating.choices)
    assessment = models.TextField(_("the committee's assessment"), max_length=20_000)
    assessed_on = models.DateField(_("assessed on"))
    history = audit_history()

    class Meta:
        verbose_name = _("party committee's assessment of the year")
        verbose_name_plural = _("party committee's assessments of the year")
        constraints = [models.UniqueConstraint(fields=["township", "year"], name="yearreview_one_per_town_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_rating_display()}"


# --- Each town's figures of a month, kept as a row (issue #23) ----------------------------------------------


class TownMonth(TownshipScoped):
    """A town's figures of one month as the dashboard and the county overview show them (the visit figures,
    duty attendance, items filed and replied, the reply rate, the year's tables by category, unit and group),
    counted once and kept: a change to a record the figures count raises `version` for the months from the
    record's earliest date on (assessments.signals), and a row whose `computed_version` is behind, or that
    was counted before its month ended on an earlier day, is counted again when next read."""

    month = models.DateField(_("month"))
    version = models.PositiveIntegerField(_("version"), default=0)
    computed_version = models.PositiveIntegerField(_("version counted"), default=0)
    computed_on = models.DateField(_("counted on"))
    figures = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("town's month of figures")
        verbose_name_plural = _("towns' months of figures")
        constraints = [models.UniqueConstraint(fields=["township", "month"], name="townmonth_unique")]

    def __str__(self) -> str:
        return f"{self.township_id} {self.month:%Y-%m}"

"""Proposals and suggestions (§五): filed by a lead deputy with co-signers, reviewed and assigned by the
presidium, handled by a main unit (and assisting units) through the "three meetings" to a reply, rated by the
lead deputy; an unsatisfied item is handled again within a month."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from congress.models import CongressSession, Department, Leader, TownshipScoped, audit_history
from congress.storage import RandomName
from deputies.models import Deputy
from proposals.choices import (  # noqa: F401 (the choices are read from here too)
    FACE_TO_FACE,
    Category,
    ExtensionStatus,
    Kind,
    MeetingForm,
    Period,
    Rating,
    ReplyClass,
    Stage,
    Status,
    UnitRole,
)

# The three participations (三个参与) a meeting with the deputy or a special inspection records, by kind: the
# town's leaders (领导参与), its departments (部门参与) and the congress side, deputies or the presidium (人大参与).
PARTICIPATION = ("leaders", "departments", "deputies")


class Proposal(TownshipScoped):
    """A proposal (议案) or a suggestion, criticism or opinion (建议) — one matter per item."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SUGGESTION)
    title = models.CharField(_("title (案由)"), max_length=200)
    content = models.TextField(
        _("content"), help_text=_("One matter per item: the situation, the reasons, what to do.")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    period = models.CharField(_("filed"), max_length=10, choices=Period.choices, default=Period.SESSION)
    session = models.ForeignKey(
        CongressSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("session"),
    )
    lead_deputy = models.ForeignKey(
        Deputy, on_delete=models.PROTECT, related_name="led_proposals", verbose_name=_("lead deputy")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("arising from the activity"),
        help_text=_("The inspection or research this item came out of, if any."),
    )
    is_public = models.BooleanField(_("may be public"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged", verbose_name=_("merged into")
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    due = models.DateField(_("reply due"), null=True, blank=True)
    # The first round's deadline, kept when an unsatisfied item gets a new one: the reply rate is judged on it.
    first_due = models.DateField(_("first reply due"), null=True, blank=True)
    assisting_due = models.DateField(_("assisting units' opinions due"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    key_item = models.BooleanField(_("key item (重点督办)"), default=False)
    key_leader = models.ForeignKey(
        Leader, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("leading leader")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = audit_history()

    class Meta:
        verbose_name = _("proposal or suggestion")
        verbose_name_plural = _("proposals and suggestions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["township", "status", "due"], name="proposal_town_status_due"),
            # The lists' order within a town: the newest page is read from the index, not sorted from all.
            models.Index(fields=["township", "-created_at", "-id"], name="proposal_town_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "session", "kind", "number"],
                condition=Q(number__isnull=False),
                name="proposal_unique_number",
            ),
            models.CheckConstraint(
                condition=~Q(key_item=True) | Q(key_leader__isnull=False), name="key_item_has_leader"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def number_label(self) -> str:
        """The number as the session writes it, within its series of 议案 or of 建议 ("建议第3号"); "" before the
        presidium accepts the item and numbers it."""
        if self.number is None:
            return ""
        if self.kind == Kind.PROPOSAL:
            return _("Proposal No. %(number)s") % {"number": self.number}
        return _("Suggestion No. %(number)s") % {"number": self.number}

    @property
    def heading(self) -> str:
        """The title with its number before it once numbered, as the messages about the item name it."""
        return f"{self.number_label} {self.title}" if self.number is not None else self.title

    @property
    def days_overdue(self) -> int:
        """Days past the reply deadline of an item still waiting for this round's reply; 0 when not overdue."""
        if self.status != Status.ASSIGNED or self.due is None:
            return 0
        return max(0, (timezone.localdate() - self.due).days)


def overdue_q(today: date, prefix: str = "") -> Q:
    """The one definition of an overdue item: being handled, its reply not given, the deadline passed. In the
    first round `due` is `first_due` (the 办复率's deadline, extensions included); after an unsatisfied rating,
    the re-handling month's deadline."""
    return Q(**{f"{prefix}status": Status.ASSIGNED, f"{prefix}due__lt": today})


class CoSigner(TownshipScoped):
    """A deputy who co-signs (附议) an item; confirmed from their own login or recorded by the office."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cosigners", verbose_name=_("item"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="cosigned", verbose_name=_("deputy"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    history = audit_history()

    class Meta:
        verbose_name = _("co-signer")
        verbose_name_plural = _("co-signers")
        constraints = [models.UniqueConstraint(fields=["proposal", "deputy"], name="cosigner_once")]

    def __str__(self) -> str:
        return str(self.deputy)


class HandlingUnit(TownshipScoped):
    """A unit an item is assigned to: one main unit, any assisting units."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="units", verbose_name=_("item"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="proposal_units")
    role = models.CharField(_("role"), max_length=10, choices=UnitRole.choices)
    opinion = models.TextField(_("opinion to the main unit"), blank=True)

    history = audit_history()

    class Meta:
        verbose_name = _("handling unit of an item")
        verbose_name_plural = _("handling units of items")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "department"], name="handlingunit_once"),
            models.UniqueConstraint(fields=["proposal"], condition=Q(role="main"), name="handlingunit_one_main"),
        ]

    def __str__(self) -> str:
        return f"{self.department} ({self.get_role_display()})"


class HandlingSettings(TownshipScoped):
    """A township's rules for handling proposals and suggestions beyond the county's defaults."""

    phone_third_meeting = models.BooleanField(
        _("a phone call may be the meeting before the reply"),
        default=False,
        help_text=_(
            "The first two meetings are always face to face. Tick to let a call stand for the third when the "
            "deputy agrees; it then does not count toward the meeting rate."
        ),
    )
    # 《地方组织法》(2022年修正) 第二十二条, 《代表法》第九条: a town congress's deputies put a proposal (议案) to it
    # during its session, five or more jointly (五人以上联名). A province may ask more: the number is the town's.
    proposal_min_signers = models.PositiveSmallIntegerField(
        _("deputies needed to put a proposal"), default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    history = audit_history()

    class Meta:
        verbose_name = _("handling rules")
        verbose_name_plural = _("handling rules")
        constraints = [models.UniqueConstraint(fields=["township"], name="handlingsettings_one_per_township")]

    def __str__(self) -> str:
        return str(_("Handling rules"))


class Meeting(TownshipScoped):
    """One of the three meetings (三见面) of the unit with the lead deputy, in a handling round."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("item"))
    round = models.PositiveSmallIntegerField(_("round"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    held_on = models.DateField(_("held on"))
    form = models.CharField(_("form"), max_length=10, choices=MeetingForm.choices)
    # The three participations (三个参与): the town's leaders, departments and the congress side who took part.
    leaders = models.ManyToManyField(Leader, blank=True, related_name="+", verbose_name=_("town leaders"))
    departments = models.ManyToManyField(Department, blank=True, related_name="+", verbose_name=_("departments"))
    deputies = models.ManyToManyField(Deputy, blank=True, related_name="+", verbose_name=_("deputies"))
    participants = models.CharField(_("other participants"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    history = audit_history(m2m_fields=PARTICIPATION)

    class Meta:
        verbose_name = _("meeting with the deputy")
        verbose_name_plural = _("meetings with the deputy")
        ordering = ["round", "held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "round", "stage"], name="meeting_once_per_stage")]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.get_stage_display()}"


class Reply(TownshipScoped):
    """The main unit's reply (答复) in a round, with its class and what was and will be done."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="replies", verbose_name=_("item"))
    round = models.PositiveSmallIntegerField(_("round"))
    reply_class = models.CharField(_("class"), max_length=1, choices=ReplyClass.choices)
    text = models.TextField(_("reply"))
    done = models.TextField(_("what was done"), blank=True)
    planned = models.TextField(_("what is planned"), blank=True)
    planned_by = models.DateField(_("planned by"), null=True, blank=True)
    not_adopted = models.TextField(_("why anything was not adopted"), blank=True)
    signer = models.CharField(_("signed by"), max_length=50)
    contact = models.CharField(_("contact person"), max_length=50)
    phone = models.CharField(_("contact phone"), max_length=40)
    submitted_at = models.DateTimeField(_("replied at"), default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Stored, not computed: the round's deadline moves later (a re-handling month replaces `due`), and the record
    # of how late this reply came must not move with it. Empty for replies recorded before it was kept.
    late_days = models.PositiveSmallIntegerField(_("days late"), null=True, blank=True)
    # Implementation (落实): the promised actions, marked done by the office when they are.
    actions_done_at = models.DateField(_("promised actions done on"), null=True, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["round"]
        constraints = [models.UniqueConstraint(fields=["proposal", "round"], name="reply_once_per_round")]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.reply_class}"

    @property
    def has_promised_actions(self) -> bool:
        return bool(self.planned.strip())


class Feedback(TownshipScoped):
    """The lead deputy's rating of a round (征询意见), per aspect and overall."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("item"))
    round = models.PositiveSmallIntegerField(_("round"))
    consultation = models.CharField(_("consultation"), max_length=10, choices=Rating.choices)
    attitude = models.CharField(_("attitude"), max_length=10, choices=Rating.choices)
    reply = models.CharField(_("the reply"), max_length=10, choices=Rating.choices)
    result = models.CharField(_("the result"), max_length=10, choices=Rating.choices)
    overall = models.CharField(_("overall"), max_length=10, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    history = audit_history()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["round"]
        constraints = [models.UniqueConstraint(fields=["proposal", "round"], name="feedback_once_per_round")]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.get_overall_display()}"


class Extension(TownshipScoped):
    """A hard item's extension of the reply deadline: at most three months in all, with the presidium's consent."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("item"))
    months = models.PositiveSmallIntegerField(_("months"))
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(_("decision"), max_length=10, choices=ExtensionStatus.choices, default="pending")
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    history = audit_history()

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(condition=Q(months__gte=1, months__lte=3), name="extension_1_to_3_months")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} +{self.months}"


class Note(TownshipScoped):
    """Progress reported by a unit, or a supervision note on a key item by the office or its leader."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="notes", verbose_name=_("item"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    supervision = models.BooleanField(_("supervision note"), default=False)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    history = audit_history()

    class Meta:
        verbose_name = _("progress or supervision note")
        verbose_name_plural = _("progress and supervision notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class Attachment(TownshipScoped):
    """A file filed with an item (a photo of the site, a survey, a plan); served only to those who see the item."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("item"))
    # Stored under a random name (see congress.storage); `name` is the uploaded one, shown and sent as the
    # download's name.
    file = models.FileField(_("file"), upload_to=RandomName("proposal-attachments"))
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = audit_history()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class ItemInspection(TownshipScoped):
    """A special inspection (专题视察) of a key item: the activity that looked at how it is handled, and what it
    found; the item's leading leader is told of the findings."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("item"))
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="item_inspections", verbose_name=_("special inspection")
    )
    findings = models.TextField(_("findings"), max_length=5000)
    leaders = models.ManyToManyField(Leader, blank=True, related_name="+", verbose_name=_("town leaders"))
    departments = models.ManyToManyField(Department, blank=True, related_name="+", verbose_name=_("departments"))
    deputies = models.ManyToManyField(Deputy, blank=True, related_name="+", verbose_name=_("deputies"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = audit_history(m2m_fields=PARTICIPATION)

    class Meta:
        verbose_name = _("special inspection of an item")
        verbose_name_plural = _("special inspections of items")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "activity"],
                name="iteminspection_once",
                violation_error_message=_("This inspection's findings on the item are already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} → {self.proposal}"

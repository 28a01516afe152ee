"""The organisation core: counties and townships, who may do what where, handling units, leaders,
congress sessions, and the notification outbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.history import SignallingHistoryManager


class County(models.Model):
    """A county (县) whose congress office reads across its townships."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Township(models.Model):
    """A township or town (乡镇): the tenant every domain row belongs to."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="townships", verbose_name=_("county"))
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Used in public addresses, e.g. /public/damogu/.")
    )
    address = models.CharField(_("office address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["county__name", "name"]
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="township_unique_name_in_county")]

    def __str__(self) -> str:
        return self.name


class AddressedHistory(models.Model):
    """What every history row (django-simple-history) adds: the address the change came from."""

    history_ip = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        abstract = True


def audit_history(**options) -> HistoricalRecords:
    """The history of a model's rows: who changed what, when, and from which address (kept for the audit)."""
    return HistoricalRecords(bases=[AddressedHistory], history_manager=SignallingHistoryManager, **options)


class TownshipQuerySet(models.QuerySet):
    def for_township(self, township: Township | None) -> "TownshipQuerySet":
        """Rows of one township; none at all when there is no township (never every town's rows)."""
        if township is None:
            return self.none()
        return self.filter(township=township)


class TownshipScoped(models.Model):
    """Base of every domain row: it belongs to one township, indexed, first in composite indexes."""

    township = models.ForeignKey(Township, on_delete=models.PROTECT, verbose_name=_("township"), related_name="+")

    objects = TownshipQuerySet.as_manager()

    class Meta:
        abstract = True


class Role(models.TextChoices):
    OFFICE = "office", _("Congress office staff")
    LEADER = "leader", _("Town leader")
    DEPUTY = "deputy", _("Deputy")
    UNIT = "unit", _("Handling unit staff")
    COUNTY = "county", _("County congress office")


class DepartmentKind(models.TextChoices):
    TOWN_DEPARTMENT = "department", _("Town department")
    VILLAGE_COMMITTEE = "village", _("Village or community committee")


class Department(TownshipScoped):
    """A handling unit (承办单位): a town department or a village committee."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.TOWN_DEPARTMENT
    )
    head = models.CharField(_("head"), max_length=50, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = audit_history()

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="department_unique_name",
                violation_error_message=_("A handling unit with this name already exists in this township."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Leader(TownshipScoped):
    """A town leader (镇领导) who chairs reception days."""

    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=100, help_text=_("e.g. Party Secretary, Mayor, Deputy Mayor"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leader",
        verbose_name=_("login"),
    )

    history = audit_history()

    class Meta:
        verbose_name = _("town leader")
        verbose_name_plural = _("town leaders")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "name"],
                name="leader_unique_name",
                violation_error_message=_("A leader with this name already exists in this township."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class CongressSession(TownshipScoped):
    """A session of the town people's congress (人代会): the term (届) and its session (次)."""

    term = models.PositiveSmallIntegerField(_("term"), help_text=_("届"))
    number = models.PositiveSmallIntegerField(_("session number"), help_text=_("次"))
    start_date = models.DateField(_("opens on"))
    end_date = models.DateField(_("closes on"))

    history = audit_history()

    class Meta:
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["township", "term", "number"], name="session_unique_number"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="session_dates_ordered"),
        ]

    def __str__(self) -> str:
        return _("Term %(term)s, session %(number)s") % {"term": self.term, "number": self.number}


class Membership(models.Model):
    """What one user may do in one township (or, for the county office, across one county)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    township = models.ForeignKey(
        Township,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("township"),
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("county")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("handling unit"),
        help_text=_("Required for handling unit staff."),
    )
    phone = models.CharField(_("phone for text messages"), max_length=40, blank=True)
    history = audit_history()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "role"]
        constraints = [
            # The county office belongs to a county; everyone else to exactly one township.
            models.CheckConstraint(
                condition=(Q(role="county", county__isnull=False, township__isnull=True))
                | (~Q(role="county") & Q(township__isnull=False, county__isnull=True)),
                name="membership_scope_matches_role",
            ),
            models.CheckConstraint(
                condition=~Q(role="unit") | Q(department__isnull=False),
                name="membership_unit_has_department",
            ),
            models.UniqueConstraint(fields=["user", "township", "role"], name="membership_unique_town_role"),
            models.UniqueConstraint(fields=["user", "county"], name="membership_unique_county"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.township or self.county}"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one person in the outbox: written in the same transaction as the change that causes it,
    delivered later by text message (to the person's mobile from the register, login or not) and email, and
    shown in the recipient's inbox when they have a login. A text's kind names the provider's template and
    `params` fill it."""

    township = models.ForeignKey(
        Township, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("township")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    recipient_name = models.CharField(_("recipient"), max_length=100, blank=True)
    # e.g. "duty-reminder:<assignment>:<date>": the same event never makes two messages.
    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=40, default="general")
    params = models.JSONField(_("template parameters"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    phone = models.CharField(_("text message to"), max_length=40, blank=True)
    urgent = models.BooleanField(_("sent in quiet hours too"), default=False)
    status = models.CharField(
        _("delivery"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    error_code = models.CharField(_("provider's error code"), max_length=100, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    not_before = models.DateTimeField(_("held until"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    texted_at = models.DateTimeField(_("text accepted"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("email sent"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_inbox"),
            models.Index(fields=["status", "created_at"], name="notification_outbox"),
            models.Index(fields=["township", "created_at"], name="notification_record"),
            models.Index(fields=["township", "texted_at"], name="notification_texts"),
            models.Index(fields=["provider_id"], name="notification_provider_id"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class JobKind(models.TextChoices):
    REGISTER_IMPORT = "register-import", _("Register import")
    REGISTER_PREVIEW = "register-preview", _("Register import check")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Stopped with an error")


class Job(TownshipScoped):
    """A long piece of work an office user started, run by a worker (后台任务), e.g. importing a sheet of
    thousands of rows; its page shows the progress and then the outcome."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    # Where the user started it from: the history rows the job writes carry it into the audit trail.
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    title = models.CharField(_("name"), max_length=200)
    # The worker writes its messages in the language of the user who started the job.
    language = models.CharField(_("language"), max_length=10, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The uploaded file, kept in the database so that a worker on another machine can read it; emptied when
    # the job ends, since a register sheet holds personal data.
    payload = models.BinaryField(_("uploaded file"), blank=True, default=b"")
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    message = models.TextField(_("outcome"), blank=True)
    result = models.JSONField(_("counts"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    done_url = models.CharField(_("link to what the job changed"), max_length=300, blank=True)
    retry_url = models.CharField(_("link to start again"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="job_done_within_total")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        """Still waiting or running: its page keeps asking for news."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 0


class PasswordState(models.Model):
    """The hash of the password a user last chose themselves. A password set by anyone else (the
    administration, a script) no longer matches it, and the user must choose their own at the next login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_state", verbose_name=_("user")
    )
    own_password = models.CharField(_("own password (hash)"), max_length=128, blank=True)
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("password state")
        verbose_name_plural = _("password states")

    def __str__(self) -> str:
        return str(self.user)


def password_is_own(user) -> bool:
    """Whether the user's current password is one they chose themselves."""
    state = PasswordState.objects.filter(user=user).only("own_password").first()
    return state is not None and bool(user.password) and state.own_password == user.password

"""Writes of proposals and suggestions: filing, co-signing, review, assignment, the three meetings, progress,
extensions, the reply, the lead deputy's feedback and re-handling, and the reminders. Each transition is
allowed from the states named here and nowhere else."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import add_months
from congress.errors import RuleViolation
from congress.models import Department, Leader, Membership, Role, Township
from congress.services import notification_create, notification_settle
from deputies.models import Deputy, DeputyStatus
from proposals.models import (
    Attachment,
    CoSigner,
    Extension,
    ExtensionStatus,
    Feedback,
    HandlingUnit,
    Meeting,
    Note,
    Proposal,
    Rating,
    Reply,
    Stage,
    Status,
    UnitRole,
)

MAX_EXTENSION_MONTHS = 3
EDITABLE = (Status.DRAFT, Status.RETURNED)


class ProposalError(RuleViolation):
    """A rule of proposal handling refused the action; the message says why."""


def _require(proposal: Proposal, *allowed: str) -> None:
    if proposal.status not in allowed:
        raise ProposalError(
            _("This item is %(status)s; that cannot be done now.") % {"status": proposal.get_status_display()}
        )


def _tell(user, *, proposal: Proposal, key: str, subject: str, body: str = "") -> int:
    """Put one message in the outbox; returns 1 if it is new, 0 if the same key was already sent."""
    if user is None:
        return 0
    created = notification_create(
        recipient=user,
        key=key,
        subject=subject,
        body=body,
        url=reverse("proposal_detail", args=[proposal.pk]),
        township=proposal.township,
    )
    return int(created is not None)


def _tell_lead(proposal: Proposal, *, key: str, subject: str, body: str = "") -> int:
    return _tell(proposal.lead_deputy.user, proposal=proposal, key=key, subject=subject, body=body)


def _tell_units(proposal: Proposal, *, key: str, subject: str, main_only: bool = False) -> int:
    units = proposal.units.filter(role=UnitRole.MAIN) if main_only else proposal.units.all()
    staff = Membership.objects.filter(role=Role.UNIT, department__in=units.values("department")).select_related("user")
    return sum(
        _tell(membership.user, proposal=proposal, key=f"{key}:{membership.user_id}", subject=subject)
        for membership in staff
    )


def _tell_office(proposal: Proposal, *, key: str, subject: str) -> None:
    for membership in Membership.objects.filter(township=proposal.township, role=Role.OFFICE).select_related("user"):
        _tell(membership.user, proposal=proposal, key=f"{key}:{membership.user_id}", subject=subject)


# --- Filing ---------------------------------------------------------------------------------------------


def proposal_save(
    *, proposal: Proposal, township: Township, cosigners: list[Deputy], user: AbstractBaseUser, by_office: bool
) -> Proposal:
    """Save a draft (or a returned item being revised) with its co-signers; the office's record counts as
    their confirmation, a deputy's draft asks each co-signer to confirm from their own login."""
    if proposal.pk:
        _require(Proposal.objects.get(pk=proposal.pk), *EDITABLE)
    deputies = [proposal.lead_deputy, *cosigners]
    if any(d.township_id != township.pk or d.status != DeputyStatus.SERVING for d in deputies):
        raise ProposalError(_("The lead deputy and every co-signer must be serving deputies of this township."))
    if proposal.session_id and proposal.session.township_id != township.pk:
        raise ProposalError(_("Choose a session of this township."))
    with transaction.atomic():
        proposal.township = township
        proposal.created_by = proposal.created_by or user
        proposal.full_clean()
        proposal.save()
        proposal.cosigners.exclude(deputy__in=cosigners).delete()
        for deputy in cosigners:
            if deputy.pk == proposal.lead_deputy_id:
                continue
            row, created = CoSigner.objects.get_or_create(
                proposal=proposal, deputy=deputy, defaults={"township": township}
            )
            if by_office and row.confirmed_at is None:
                row.confirmed_at = timezone.now()
                row.save(update_fields=["confirmed_at"])
            elif created:
                _tell(
                    deputy.user,
                    proposal=proposal,
                    key=f"cosign-asked:{row.pk}",
                    subject=_("%(name)s asks you to co-sign “%(title)s”")
                    % {"name": proposal.lead_deputy.name, "title": proposal.title},
                )
    return proposal


ATTACHMENT_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".txt")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def attachment_add(*, proposal: Proposal, upload, user: AbstractBaseUser) -> Attachment:
    """File a document with a draft or returned item: PDF, Word, Excel, a photo or text, at most 10 MB."""
    _require(proposal, *EDITABLE)
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    if not name.lower().endswith(ATTACHMENT_TYPES):
        raise ProposalError(_("Attach a PDF, Word, Excel, JPEG, PNG or text file."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ProposalError(_("The attachment is larger than 10 MB."))
    if upload.size == 0:
        raise ProposalError(_("The file is empty."))
    return Attachment.objects.create(
        township=proposal.township, proposal=proposal, file=upload, name=name, size=upload.size, uploaded_by=user
    )


def cosign_confirm(*, proposal: Proposal, deputy: Deputy) -> CoSigner:
    row = proposal.cosigners.filter(deputy=deputy).first()
    if row is None:
        raise ProposalError(_("You are not asked to co-sign this item."))
    if row.confirmed_at is None:
        row.confirmed_at = timezone.now()
        row.save(update_fields=["confirmed_at"])
    return row


def proposal_submit(*, proposal: Proposal) -> Proposal:
    """Hand a draft (or a revised returned item) to the presidium for review."""
    _require(proposal, *EDITABLE)
    with transaction.atomic():
        proposal.status = Status.SUBMITTED
        proposal.submitted_at = timezone.now()
        proposal.save(update_fields=["status", "submitted_at"])
        stamp = proposal.submitted_at.strftime("%Y%m%d%H%M%S")
        _tell_office(
            proposal,
            key=f"proposal-submitted:{proposal.pk}:{stamp}",
            subject=_("New item to review: %(t)s") % {"t": proposal.title},
        )
    return proposal


# --- Review and assignment ------------------------------------------------------------------------------


def proposal_review(
    *, proposal: Proposal, decision: str, note: str = "", merge_into: Proposal | None = None
) -> Proposal:
    """The presidium accepts (numbered per session), merges, does not accept (with the reason) or returns."""
    _require(proposal, Status.SUBMITTED)
    note = note.strip()
    with transaction.atomic():
        if decision == "accept":
            proposal.status = Status.ACCEPTED
            proposal.accepted_at = timezone.now()
            last = Proposal.objects.filter(
                township=proposal.township, session=proposal.session, kind=proposal.kind
            ).aggregate(n=Max("number"))["n"]
            proposal.number = (last or 0) + 1
        elif decision == "merge":
            if merge_into is None or merge_into.pk == proposal.pk or merge_into.township_id != proposal.township_id:
                raise ProposalError(_("Choose the item of this township to merge into."))
            if merge_into.status not in (Status.ACCEPTED, Status.ASSIGNED):
                raise ProposalError(_("Merge only into an accepted item."))
            proposal.status, proposal.merged_into = Status.MERGED, merge_into
        elif decision in ("reject", "return"):
            if not note:
                raise ProposalError(_("Give the reason, for the lead deputy."))
            proposal.status = Status.REJECTED if decision == "reject" else Status.RETURNED
        else:
            raise ProposalError(_("Choose accept, merge, not accept or return."))
        proposal.review_note = note[:300]
        try:
            with transaction.atomic():
                proposal.save()
        except IntegrityError:
            raise ProposalError(_("Another item took that number at the same moment; try again.")) from None
        _tell_lead(
            proposal,
            key=f"proposal-reviewed:{proposal.pk}:{proposal.status}:{timezone.now():%Y%m%d%H%M%S}",
            subject=_("Your item “%(t)s”: %(s)s") % {"t": proposal.title, "s": proposal.get_status_display()},
            body=note,
        )
    return proposal


def proposal_assign(
    *,
    proposal: Proposal,
    main: Department,
    assisting: list[Department],
    due: date | None = None,
    key_leader: Leader | None = None,
    today: date | None = None,
) -> Proposal:
    """Assign an accepted item: one main unit, any assisting units; reply in 3 months, assisting opinions in 1."""
    _require(proposal, Status.ACCEPTED)
    today = today or timezone.localdate()
    if main is None:
        raise ProposalError(_("Choose the main unit."))
    if any(d.township_id != proposal.township_id for d in [main, *assisting]) or (
        key_leader is not None and key_leader.township_id != proposal.township_id
    ):
        raise ProposalError(_("Assign only to units of this township."))
    with transaction.atomic():
        HandlingUnit.objects.create(township=proposal.township, proposal=proposal, department=main, role=UnitRole.MAIN)
        for department in assisting:
            if department.pk != main.pk:
                HandlingUnit.objects.get_or_create(
                    proposal=proposal,
                    department=department,
                    defaults={"township": proposal.township, "role": UnitRole.ASSISTING},
                )
        proposal.status = Status.ASSIGNED
        proposal.assigned_at = timezone.now()
        proposal.due = proposal.first_due = due or add_months(today, 3)
        proposal.assisting_due = add_months(today, 1)
        proposal.key_item = key_leader is not None
        proposal.key_leader = key_leader
        proposal.save()
        _tell_units(
            proposal,
            key=f"proposal-assigned:{proposal.pk}",
            subject=_("Assigned to your unit: %(t)s, reply by %(d)s")
            % {"t": proposal.title, "d": f"{proposal.due:%Y-%m-%d}"},
        )
    return proposal


# --- Handling -------------------------------------------------------------------------------------------


def meeting_record(
    *,
    proposal: Proposal,
    stage: str,
    held_on: date,
    form: str,
    participants: str,
    notes: str,
    user: AbstractBaseUser,
) -> Meeting:
    """Record the first (consultation) or second (handling) meeting of this round; the third goes with the reply."""
    _require(proposal, Status.ASSIGNED)
    if stage not in (Stage.AFTER_ASSIGNMENT, Stage.DURING):
        raise ProposalError(_("The meeting before the reply is recorded with the reply."))
    if held_on > timezone.localdate():
        raise ProposalError(_("A meeting is recorded once it has been held."))
    try:
        with transaction.atomic():
            return Meeting.objects.create(
                township=proposal.township,
                proposal=proposal,
                round=proposal.round,
                stage=stage,
                held_on=held_on,
                form=form,
                participants=participants.strip(),
                notes=notes.strip(),
                recorded_by=user,
            )
    except IntegrityError:
        raise ProposalError(_("This meeting of the round is already recorded.")) from None


def note_add(*, proposal: Proposal, user: AbstractBaseUser, text: str, supervision: bool = False) -> Note:
    """A unit's progress report, or a supervision note on a key item."""
    _require(proposal, Status.ASSIGNED, Status.REPLIED)
    if supervision and not proposal.key_item:
        raise ProposalError(_("Supervision notes are for key items."))
    if not text.strip():
        raise ProposalError(_("Write the note."))
    return Note.objects.create(
        township=proposal.township, proposal=proposal, author=user, text=text.strip(), supervision=supervision
    )


def assisting_opinion(*, unit: HandlingUnit, text: str) -> HandlingUnit:
    """An assisting unit sends its view to the main unit."""
    if unit.role != UnitRole.ASSISTING:
        raise ProposalError(_("Only an assisting unit sends an opinion to the main unit."))
    _require(unit.proposal, Status.ASSIGNED)
    if not text.strip():
        raise ProposalError(_("Write the opinion."))
    unit.opinion = text.strip()
    unit.save(update_fields=["opinion"])
    return unit


def extension_request(*, proposal: Proposal, months: int, reason: str) -> Extension:
    """A hard item may be given up to 3 more months in all, once the presidium agrees."""
    _require(proposal, Status.ASSIGNED)
    used = proposal.extensions.exclude(status=ExtensionStatus.REFUSED).aggregate(n=Sum("months"))["n"] or 0
    if months < 1 or used + months > MAX_EXTENSION_MONTHS:
        raise ProposalError(
            _("An item can be extended by at most 3 months in all; %(left)d left.")
            % {"left": MAX_EXTENSION_MONTHS - used}
        )
    if not reason.strip():
        raise ProposalError(_("Give the reason for the extension."))
    if proposal.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ProposalError(_("An extension of this item already waits for a decision."))
    extension = Extension.objects.create(
        township=proposal.township, proposal=proposal, months=months, reason=reason.strip()
    )
    _tell_office(
        proposal, key=f"proposal-extension:{extension.pk}", subject=_("Extension asked: %(t)s") % {"t": proposal.title}
    )
    return extension


def extension_decide(*, extension: Extension, approve: bool, user: AbstractBaseUser) -> Extension:
    if extension.proposal.status != Status.ASSIGNED:
        raise ProposalError(_("The item is no longer being handled; its deadline cannot move."))
    with transaction.atomic():
        claimed = Extension.objects.filter(pk=extension.pk, status=ExtensionStatus.PENDING).update(
            status=ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED, decided_by=user
        )
        if claimed != 1:
            raise ProposalError(_("This extension was already decided."))
        if approve:
            proposal = Proposal.objects.select_for_update().get(pk=extension.proposal_id)
            proposal.due = add_months(proposal.due, extension.months)
            if proposal.round == 1:
                proposal.first_due = proposal.due
            proposal.save(update_fields=["due", "first_due"])
    extension.refresh_from_db()
    return extension


def reply_submit(
    *,
    proposal: Proposal,
    user: AbstractBaseUser,
    reply_class: str,
    text: str,
    signer: str,
    contact: str,
    phone: str,
    meeting_held_on: date,
    meeting_form: str,
    meeting_participants: str,
    done: str = "",
    planned: str = "",
    planned_by: date | None = None,
    not_adopted: str = "",
    meeting_notes: str = "",
) -> Reply:
    """The main unit's reply for this round, with the third meeting (before the reply); the first two must
    be recorded already. The lead deputy is asked for feedback."""
    _require(proposal, Status.ASSIGNED)
    held = set(proposal.meetings.filter(round=proposal.round).values_list("stage", flat=True))
    missing = [
        label
        for value, label in ((Stage.AFTER_ASSIGNMENT, _("consultation")), (Stage.DURING, _("handling")))
        if value not in held
    ]
    if missing:
        raise ProposalError(
            _("Record the meetings with the deputy first: %(missing)s.")
            % {"missing": "、".join(str(m) for m in missing)}
        )
    if meeting_held_on > timezone.localdate():
        raise ProposalError(_("A meeting is recorded once it has been held."))
    if planned.strip() and planned_by is None:
        raise ProposalError(_("Say by when the planned actions will be done."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                Meeting.objects.create(
                    township=proposal.township,
                    proposal=proposal,
                    round=proposal.round,
                    stage=Stage.BEFORE_REPLY,
                    held_on=meeting_held_on,
                    form=meeting_form,
                    participants=meeting_participants.strip(),
                    notes=meeting_notes.strip(),
                    recorded_by=user,
                )
                reply = Reply(
                    township=proposal.township,
                    proposal=proposal,
                    round=proposal.round,
                    reply_class=reply_class,
                    text=text.strip(),
                    done=done.strip(),
                    planned=planned.strip(),
                    planned_by=planned_by,
                    not_adopted=not_adopted.strip(),
                    signer=signer.strip(),
                    contact=contact.strip(),
                    phone=phone.strip(),
                    submitted_by=user,
                )
                reply.full_clean()
                reply.save()
        except IntegrityError:
            raise ProposalError(_("This round already has its reply.")) from None
        proposal.status = Status.REPLIED
        proposal.save(update_fields=["status"])
        _tell_lead(
            proposal,
            key=f"proposal-replied:{proposal.pk}:{proposal.round}",
            subject=_("Reply to “%(t)s”: please give your feedback") % {"t": proposal.title},
        )
    return reply


def feedback_give(
    *, proposal: Proposal, deputy: Deputy, ratings: dict[str, str], comment: str = "", today: date | None = None
) -> Feedback:
    """The lead deputy rates the round. Not satisfied overall: the item goes back to the main unit, which must
    reply again within a month; otherwise the item is closed."""
    _require(proposal, Status.REPLIED)
    if deputy.pk != proposal.lead_deputy_id:
        raise ProposalError(_("Only the lead deputy gives feedback on the reply."))
    aspects = ("consultation", "attitude", "reply", "result", "overall")
    if any(ratings.get(a) not in Rating.values for a in aspects):
        raise ProposalError(_("Rate every aspect."))
    if ratings["overall"] == Rating.NOT and not comment.strip():
        raise ProposalError(_("Say what is not satisfactory, so the unit can handle it again."))
    today = today or timezone.localdate()
    with transaction.atomic():
        try:
            with transaction.atomic():
                feedback = Feedback.objects.create(
                    township=proposal.township,
                    proposal=proposal,
                    round=proposal.round,
                    comment=comment.strip(),
                    **{a: ratings[a] for a in aspects},
                )
        except IntegrityError:
            raise ProposalError(_("This round already has its feedback.")) from None
        if ratings["overall"] == Rating.NOT:
            proposal.round += 1
            proposal.status = Status.ASSIGNED
            proposal.due = add_months(today, 1)
            _tell_units(
                proposal,
                key=f"proposal-rehandle:{proposal.pk}:{proposal.round}",
                main_only=True,
                subject=_("Not satisfied: handle “%(t)s” again, reply by %(d)s")
                % {"t": proposal.title, "d": f"{proposal.due:%Y-%m-%d}"},
            )
        else:
            proposal.status = Status.CLOSED
        proposal.save(update_fields=["round", "status", "due"])
        # The requests for this round's feedback are answered: they leave the deputy's unread messages.
        notification_settle(
            keys=[
                f"proposal-replied:{proposal.pk}:{feedback.round}",
                f"proposal-feedback-wait:{proposal.pk}:{feedback.round}",
            ]
        )
    return feedback


def reply_actions_done(*, reply: Reply, on: date | None = None) -> Reply:
    """The office marks the reply's promised actions done (implementation, 落实)."""
    if not reply.has_promised_actions:
        raise ProposalError(_("This reply promised no further action."))
    reply.actions_done_at = on or timezone.localdate()
    reply.save(update_fields=["actions_done_at"])
    return reply


# --- Reminders ------------------------------------------------------------------------------------------


def proposal_reminders_send(*, today: date | None = None) -> int:
    """To the main unit: reply due in 14 and in 3 days, overdue (weekly), the first meeting still missing
    two weeks after assignment; to the lead deputy: a reply waiting for feedback. Each once per step."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    sent = 0
    handling = Proposal.objects.filter(status=Status.ASSIGNED).select_related("township")
    for proposal in handling:
        steps = []
        left = (proposal.due - today).days
        if left in (14, 3):
            steps.append(
                (
                    f"proposal-due{left}:{proposal.pk}:{proposal.round}",
                    _("Reply due in %(n)d days: %(t)s") % {"n": left, "t": proposal.title},
                )
            )
        elif left < 0:
            steps.append(
                (
                    f"proposal-overdue:{proposal.pk}:{week.year}-W{week.week:02d}",
                    _("Reply overdue since %(d)s: %(t)s") % {"d": f"{proposal.due:%Y-%m-%d}", "t": proposal.title},
                )
            )
        assigned = timezone.localtime(proposal.assigned_at).date() if proposal.assigned_at else today
        # Only the first round: a re-handled item already met its deputy, and its month is short.
        if proposal.round == 1 and (today - assigned).days >= 14 and not proposal.meetings.exists():
            steps.append(
                (
                    f"proposal-meeting-missing:{proposal.pk}:{proposal.round}",
                    _("No meeting with the deputy recorded yet: %(t)s") % {"t": proposal.title},
                )
            )
        for key, subject in steps:
            sent += _tell_units(proposal, key=key, subject=subject, main_only=True)
    waiting = Proposal.objects.filter(status=Status.REPLIED).select_related("lead_deputy__user", "township")
    for proposal in waiting:
        key = f"proposal-feedback-wait:{proposal.pk}:{proposal.round}"
        sent += _tell_lead(proposal, key=key, subject=_("Your feedback is awaited: %(t)s") % {"t": proposal.title})
    return sent

"""Writes of proposals and suggestions: filing, co-signing, review, assignment, the three meetings, progress,
extensions, the reply, the lead deputy's feedback and re-handling, and the reminders. Each transition is
allowed from the states named here and nowhere else."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from congress.audit import history_record_update
from congress.dates import add_months, format_day
from congress.models import Department, Leader
from congress.services import notification_settle
from deputies.models import Deputy
from proposals.models import (
    FACE_TO_FACE,
    Extension,
    ExtensionStatus,
    Feedback,
    HandlingUnit,
    Meeting,
    MeetingForm,
    Note,
    Proposal,
    Rating,
    Reply,
    Stage,
    Status,
    UnitRole,
)
from proposals.selectors import third_meeting_forms
from proposals.services.participation import Participants, participants_check, participants_set
from proposals.services.rules import (
    MAX_EXTENSION_MONTHS,
    ProposalError,
    rate_request_send,
    require_status,
    tell_office,
    tell_units,
)


def meeting_record(
    *,
    proposal: Proposal,
    stage: str,
    held_on: date,
    form: str,
    participants: str,
    notes: str,
    user: AbstractBaseUser,
    leaders: Iterable[Leader] = (),
    departments: Iterable[Department] = (),
    deputies: Iterable[Deputy] = (),
) -> Meeting:
    """Record the first (consultation) or second (handling) meeting of this round; the third goes with the reply.
    A call or a letter may be recorded (a contact, which does not count as the meeting); a face-to-face meeting
    recorded later for the same stage takes its place, the contact kept in its notes. Who took part: the town's
    leaders, departments and deputies (the three participations), and others in words; someone at least."""
    require_status(proposal, Status.ASSIGNED)
    present = Participants.of(leaders=leaders, departments=departments, deputies=deputies, others=participants)
    participants_check(present, township_id=proposal.township_id, required=True)
    if stage not in (Stage.AFTER_ASSIGNMENT, Stage.DURING):
        raise ProposalError(_("The meeting before the reply is recorded with the reply."))
    if form not in MeetingForm.values:
        raise ProposalError(_("Choose how the meeting was held."))
    if held_on > timezone.localdate():
        raise ProposalError(_("A meeting is recorded once it has been held."))
    with transaction.atomic():
        earlier = proposal.meetings.select_for_update().filter(round=proposal.round, stage=stage).first()
        if earlier is not None:
            if earlier.form in FACE_TO_FACE or form not in FACE_TO_FACE:
                raise ProposalError(_("This meeting of the round is already recorded."))
            return _contact_replaced(earlier, held_on=held_on, form=form, present=present, notes=notes, user=user)
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                township=proposal.township,
                proposal=proposal,
                round=proposal.round,
                stage=stage,
                held_on=held_on,
                form=form,
                participants=present.others,
                notes=notes.strip(),
                recorded_by=user,
            )
            participants_set(record=meeting, participants=present)
            return meeting
    except IntegrityError:
        raise ProposalError(_("This meeting of the round is already recorded.")) from None


def _contact_replaced(
    contact: Meeting, *, held_on: date, form: str, present: Participants, notes: str, user: AbstractBaseUser
) -> Meeting:
    """The face-to-face meeting takes the place of a contact recorded for its stage, with who took part in it;
    the contact stays in the notes (and in the row's history)."""
    earlier = _("Earlier contact: %(day)s, %(form)s, %(participants)s") % {
        "day": format_day(contact.held_on),
        "form": contact.get_form_display(),
        "participants": "、".join(_names(contact)) or "—",
    }
    contact.held_on = held_on
    contact.form = form
    contact.participants = present.others
    contact.notes = "\n".join(part for part in (notes.strip(), earlier) if part)
    contact.recorded_by = user
    contact.save(update_fields=["held_on", "form", "participants", "notes", "recorded_by"])
    participants_set(record=contact, participants=present, new=False)
    return contact


def _names(meeting: Meeting) -> list[str]:
    """Everyone a meeting names as taking part, in words."""
    people = [leader.name for leader in meeting.leaders.all()]
    people += [department.name for department in meeting.departments.all()]
    people += [deputy.name for deputy in meeting.deputies.all()]
    return [*people, meeting.participants] if meeting.participants else people


def note_add(*, proposal: Proposal, user: AbstractBaseUser, text: str, supervision: bool = False) -> Note:
    """A unit's progress report, or a supervision note on a key item."""
    require_status(proposal, Status.ASSIGNED, Status.REPLIED)
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
    require_status(unit.proposal, Status.ASSIGNED)
    if not text.strip():
        raise ProposalError(_("Write the opinion."))
    unit.opinion = text.strip()
    unit.save(update_fields=["opinion"])
    return unit


def extension_request(*, proposal: Proposal, months: int, reason: str) -> Extension:
    """A hard item may be given up to 3 more months in all, once the presidium agrees."""
    require_status(proposal, Status.ASSIGNED)
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
    tell_office(
        proposal,
        key=f"proposal-extension:{extension.pk}",
        subject=_("Extension asked: %(t)s") % {"t": proposal.heading},
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
        history_record_update(Extension.objects.get(pk=extension.pk), user=user)
        if approve:
            proposal = Proposal.objects.select_for_update().get(pk=extension.proposal_id)
            proposal.due = add_months(proposal.due, extension.months)
            if proposal.round == 1:
                proposal.first_due = proposal.due
            proposal.save(update_fields=["due", "first_due"])
    extension.refresh_from_db()
    return extension


@dataclass(frozen=True, kw_only=True)
class ReplyDraft:
    """What the main unit writes in its reply (the reply form's fields), with the third meeting's record."""

    reply_class: str
    text: str
    signer: str
    contact: str
    phone: str
    meeting_held_on: date
    meeting_form: str
    meeting_participants: str = ""
    done: str = ""
    planned: str = ""
    planned_by: date | None = None
    not_adopted: str = ""
    meeting_notes: str = ""
    meeting_leaders: tuple[Leader, ...] = ()
    meeting_departments: tuple[Department, ...] = ()
    meeting_deputies: tuple[Deputy, ...] = ()

    @property
    def present(self) -> Participants:
        """Who took part in the meeting before the reply."""
        return Participants.of(
            leaders=self.meeting_leaders,
            departments=self.meeting_departments,
            deputies=self.meeting_deputies,
            others=self.meeting_participants,
        )


STAGE_NAMES = {Stage.AFTER_ASSIGNMENT: _lazy("consultation"), Stage.DURING: _lazy("handling")}


def _require_reply_ready(proposal: Proposal, draft: ReplyDraft) -> None:
    """The round's first two meetings are recorded and were face to face, the third is held face to face (or
    by a call where the town allows it), and planned actions have a date."""
    require_status(proposal, Status.ASSIGNED)
    held = {m.stage: m for m in proposal.meetings.filter(round=proposal.round)}
    missing = [label for value, label in STAGE_NAMES.items() if value not in held]
    if missing:
        raise ProposalError(
            _("Record the meetings with the deputy first: %(missing)s.")
            % {"missing": "、".join(str(m) for m in missing)}
        )
    for value, label in STAGE_NAMES.items():
        if held[value].form not in FACE_TO_FACE:
            raise ProposalError(
                _(
                    "The %(meeting)s meeting was not face to face (%(form)s) and does not count: meet the deputy "
                    "face to face and record it before the reply."
                )
                % {"meeting": label, "form": held[value].get_form_display()}
            )
    if draft.meeting_form not in third_meeting_forms(proposal):
        form = MeetingForm(draft.meeting_form).label if draft.meeting_form in MeetingForm.values else "—"
        raise ProposalError(
            _(
                "The meeting before the reply must be face to face (in person, a meeting or a visit), or a call "
                "where the town's handling rules allow it; %(form)s does not count."
            )
            % {"form": form}
        )
    if draft.meeting_held_on > timezone.localdate():
        raise ProposalError(_("A meeting is recorded once it has been held."))
    participants_check(draft.present, township_id=proposal.township_id, required=True)
    if draft.planned.strip() and draft.planned_by is None:
        raise ProposalError(_("Say by when the planned actions will be done."))


def _reply_create(proposal: Proposal, user: AbstractBaseUser, draft: ReplyDraft) -> Reply:
    """The meeting before the reply and the reply itself; a round has one of each."""
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                township=proposal.township,
                proposal=proposal,
                round=proposal.round,
                stage=Stage.BEFORE_REPLY,
                held_on=draft.meeting_held_on,
                form=draft.meeting_form,
                participants=draft.present.others,
                notes=draft.meeting_notes.strip(),
                recorded_by=user,
            )
            participants_set(record=meeting, participants=draft.present)
            reply = Reply(
                township=proposal.township,
                proposal=proposal,
                round=proposal.round,
                reply_class=draft.reply_class,
                text=draft.text.strip(),
                done=draft.done.strip(),
                planned=draft.planned.strip(),
                planned_by=draft.planned_by,
                not_adopted=draft.not_adopted.strip(),
                signer=draft.signer.strip(),
                contact=draft.contact.strip(),
                phone=draft.phone.strip(),
                submitted_by=user,
                late_days=proposal.days_overdue,
            )
            reply.full_clean()
            reply.save()
    except IntegrityError:
        raise ProposalError(_("This round already has its reply.")) from None
    return reply


def reply_submit(*, proposal: Proposal, user: AbstractBaseUser, draft: ReplyDraft) -> Reply:
    """The main unit's reply for this round, with the third meeting (before the reply); the first two must
    be recorded already. The lead deputy is asked for feedback."""
    _require_reply_ready(proposal, draft)
    with transaction.atomic():
        reply = _reply_create(proposal, user, draft)
        proposal.status = Status.REPLIED
        proposal.save(update_fields=["status"])
        rate_request_send(
            proposal=proposal,
            reply=reply,
            key=f"proposal-replied:{proposal.pk}:{proposal.round}",
            subject=_("Reply to “%(t)s”: please give your feedback") % {"t": proposal.heading},
        )
    return reply


def feedback_give(
    *, proposal: Proposal, deputy: Deputy, ratings: dict[str, str], comment: str = "", today: date | None = None
) -> Feedback:
    """The lead deputy rates the round. Not satisfied overall: the item goes back to the main unit, which must
    reply again within a month; otherwise the item is closed."""
    require_status(proposal, Status.REPLIED)
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
            tell_units(
                proposal,
                key=f"proposal-rehandle:{proposal.pk}:{proposal.round}",
                main_only=True,
                subject=_("Not satisfied: handle “%(t)s” again, reply by %(d)s")
                % {"t": proposal.heading, "d": format_day(proposal.due)},
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

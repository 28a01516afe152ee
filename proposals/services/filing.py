"""Writes of proposals and suggestions: filing, co-signing, review, assignment, the three meetings, progress,
extensions, the reply, the lead deputy's feedback and re-handling, and the reminders. Each transition is
allowed from the states named here and nowhere else."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import add_months, format_day
from congress.models import Department, Leader, Township
from congress.storage import DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, uploaded_name
from deputies.models import Deputy, DeputyStatus
from proposals.models import (
    Attachment,
    CoSigner,
    HandlingUnit,
    Proposal,
    Status,
    UnitRole,
)
from proposals.services.rules import (
    EDITABLE,
    ProposalError,
    require_joint_proposal,
    require_proposal_in_session,
    require_status,
    tell,
    tell_lead,
    tell_office,
    tell_units,
)


def proposal_save(
    *,
    proposal: Proposal,
    township: Township,
    cosigners: list[Deputy],
    user: AbstractBaseUser,
    by_office: bool,
    submit: bool = False,
) -> Proposal:
    """Save a draft (or a returned item being revised) with its co-signers; the office's record counts as
    their confirmation, a deputy's draft asks each co-signer to confirm from their own login. With `submit`,
    the item saved goes to the presidium in the same transaction."""
    if proposal.pk:
        require_status(Proposal.objects.get(pk=proposal.pk), *EDITABLE)
    deputies = [proposal.lead_deputy, *cosigners]
    if any(d.township_id != township.pk or d.status != DeputyStatus.SERVING for d in deputies):
        raise ProposalError(_("The lead deputy and every co-signer must be serving deputies of this township."))
    if proposal.session_id and proposal.session.township_id != township.pk:
        raise ProposalError(_("Choose a session of this township."))
    require_proposal_in_session(proposal)
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
                tell(
                    deputy.user,
                    proposal=proposal,
                    key=f"cosign-asked:{row.pk}",
                    subject=_("%(name)s asks you to co-sign “%(title)s”")
                    % {"name": proposal.lead_deputy.name, "title": proposal.title},
                )
        if submit:
            proposal_submit(proposal=proposal)
    return proposal


ATTACHMENT_TYPES = DOCUMENT_TYPES
MAX_ATTACHMENT_BYTES = MAX_DOCUMENT_BYTES


def attachment_add(*, proposal: Proposal, upload, user: AbstractBaseUser) -> Attachment:
    """File a document with a draft or returned item: PDF, Word, Excel, a photo or text, at most 10 MB."""
    require_status(proposal, *EDITABLE)
    name = uploaded_name(upload)
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
    require_status(proposal, *EDITABLE)
    require_joint_proposal(proposal)
    with transaction.atomic():
        proposal.status = Status.SUBMITTED
        proposal.submitted_at = timezone.now()
        proposal.save(update_fields=["status", "submitted_at"])
        stamp = proposal.submitted_at.strftime("%Y%m%d%H%M%S")
        tell_office(
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
    require_status(proposal, Status.SUBMITTED)
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
        tell_lead(
            proposal,
            key=f"proposal-reviewed:{proposal.pk}:{proposal.status}:{timezone.now():%Y%m%d%H%M%S}",
            subject=_("Your item “%(t)s”: %(s)s") % {"t": proposal.heading, "s": proposal.get_status_display()},
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
    require_status(proposal, Status.ACCEPTED)
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
        tell_units(
            proposal,
            key=f"proposal-assigned:{proposal.pk}",
            subject=_("Assigned to your unit: %(t)s, reply by %(d)s")
            % {"t": proposal.heading, "d": format_day(proposal.due)},
        )
    return proposal


# --- Handling -------------------------------------------------------------------------------------------

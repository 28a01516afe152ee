"""Special inspections (专题视察) of key items: the findings of an inspection on each key item it looked at,
recorded by the office; the item's leading leader is told of them."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from activities.models import Activity, ActivityKind
from congress.models import Department, Leader
from congress.services import notify_person
from deputies.models import Deputy
from proposals.models import ItemInspection, Proposal
from proposals.services.participation import Participants, participants_check, participants_set
from proposals.services.rules import ProposalError


def inspection_record(
    *,
    proposal: Proposal,
    activity: Activity,
    findings: str,
    user: AbstractBaseUser | None,
    leaders: Iterable[Leader] = (),
    departments: Iterable[Department] = (),
    deputies: Iterable[Deputy] = (),
) -> ItemInspection:
    """Record what a special inspection found on a key item of the same town, once per inspection and item, with
    the town's leaders, departments and deputies who took part (the three participations); then tell the item's
    leading leader (by text, and in their inbox if they have a login)."""
    if activity.township_id != proposal.township_id:
        raise ProposalError(_("The inspection and the item must be of the same town."))
    if activity.kind != ActivityKind.SPECIAL:
        raise ProposalError(_("Only a special inspection records findings on a key item."))
    if not proposal.key_item:
        raise ProposalError(_("Only a key item (重点督办) is inspected this way: mark it key first."))
    findings = findings.strip()
    if not findings:
        raise ProposalError(_("Write what the inspection found on the item."))
    present = Participants.of(leaders=leaders, departments=departments, deputies=deputies)
    participants_check(present, township_id=proposal.township_id, required=False)
    inspection = ItemInspection(
        township_id=proposal.township_id, proposal=proposal, activity=activity, findings=findings, recorded_by=user
    )
    try:
        with transaction.atomic():
            inspection.save()
            participants_set(record=inspection, participants=present)
            if proposal.key_leader is not None:
                _tell_leader(inspection)
    except IntegrityError:
        raise ProposalError(_("This inspection's findings on the item are already recorded.")) from None
    return inspection


def _tell_leader(inspection: ItemInspection) -> None:
    proposal, leader = inspection.proposal, inspection.proposal.key_leader
    notify_person(
        name=leader.name,
        phone=leader.phone,
        user=leader.user,
        township=proposal.township,
        key=f"item-inspected:{inspection.pk}",
        subject=_("Findings of a special inspection: %(t)s") % {"t": proposal.heading},
        body=inspection.findings[:500],
        url=reverse("proposal_detail", args=[proposal.pk]),
    )

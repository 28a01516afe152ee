"""Telling a voter what became of their matter: each step is a `MatterUpdate` (shown on their private link)
and a text to their mobile (kind "matter-update"), written in the transaction of the change it reports."""

from django.db import transaction
from django.utils import timezone

from congress.services import notification_create
from petitions.models import MatterUpdate, VoterMatter


@transaction.atomic
def matter_tell(*, matter: VoterMatter, kind: str, text: str, step: str, at=None, sms: bool = True) -> MatterUpdate:
    """Record a step for the voter: `text` in full on their private link, `step` (a few words, e.g. "已转交镇
    农业农村办办理") in the text message. Once per matter, kind and moment: the same step told twice (a
    job run twice) is one update and one text."""
    at = at or timezone.now()
    update, created = MatterUpdate.objects.get_or_create(
        township=matter.township, matter=matter, kind=kind, at=at, defaults={"text": text}
    )
    if created and sms:
        notification_create(
            recipient=None,
            key=f"matter-update:{matter.pk}:{update.pk}",
            subject=f"{matter.reference} {step}",
            body=text,
            township=matter.township,
            phone=matter.phone,
            name=matter.name,
            kind="matter-update",
            params={
                "town": matter.township.name,
                "reference": matter.reference,
                "step": step,
                "token": matter.token,
            },
        )
    return update

"""The three participations (三个参与) a meeting with the deputy or a special inspection records: the town's
leaders, its departments and the congress side (deputies, presidium members) who took part. The rules of who
may be named live here, for every writer of such a record."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from congress.models import Department, Leader
from deputies.models import Deputy
from proposals.models import PARTICIPATION, ItemInspection, Meeting
from proposals.services.rules import ProposalError


@dataclass(frozen=True, kw_only=True)
class Participants:
    """Who took part: the town's leaders, departments and deputies, and anyone else in words."""

    leaders: tuple[Leader, ...] = ()
    departments: tuple[Department, ...] = ()
    deputies: tuple[Deputy, ...] = ()
    others: str = ""

    @classmethod
    def of(
        cls,
        *,
        leaders: Iterable[Leader] = (),
        departments: Iterable[Department] = (),
        deputies: Iterable[Deputy] = (),
        others: str = "",
    ) -> "Participants":
        return cls(
            leaders=tuple(leaders), departments=tuple(departments), deputies=tuple(deputies), others=others.strip()
        )

    @property
    def anyone(self) -> bool:
        return bool(self.leaders or self.departments or self.deputies or self.others)


def participants_check(participants: Participants, *, township_id: int, required: bool) -> None:
    """Every leader, department and deputy named is of the record's town; a meeting (`required`) names someone."""
    if required and not participants.anyone:
        raise ProposalError(
            _("Name at least one participant: a town leader, a department, a deputy, or others in words.")
        )
    for kind in PARTICIPATION:
        if any(row.township_id != township_id for row in getattr(participants, kind)):
            raise ProposalError(_("Only the town's own leaders, departments and deputies can be named as taking part."))


def participants_set(*, record: Meeting | ItemInspection, participants: Participants, new: bool = True) -> None:
    """Write who took part on a saved record: a `new` one has nobody yet, so only the kinds named are written
    (each write is a row of the record's history, naming who made it)."""
    for kind in PARTICIPATION:
        chosen = getattr(participants, kind)
        if chosen or not new:
            getattr(record, kind).set(chosen)

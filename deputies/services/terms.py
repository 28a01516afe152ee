"""Writes of the town's terms (届): recording the current one, and ending it when a new congress is elected
(换届): its deputies' service ends and their logins no longer open deputy pages; every record stays."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from congress.audit import history_attrs
from congress.errors import RuleViolation
from congress.models import Membership, Role, Township
from deputies.models import Deputy, DeputyStatus, GroupMembership, Term


class TermError(RuleViolation):
    """A rule of the town's terms refused the change."""


def term_start(*, township: Township, number: int, starts_on: date) -> Term:
    """Record the town's current term; refused while another term is current or when the number is taken."""
    with transaction.atomic():
        current = Term.objects.select_for_update().filter(township=township, ends_on__isnull=True).first()
        if current is not None:
            raise TermError(_("Term %(number)s is still current: end it first.") % {"number": current.number})
        if Term.objects.filter(township=township, number=number).exists():
            raise TermError(_("Term %(number)s is already recorded for this town.") % {"number": number})
        last = Term.objects.filter(township=township).order_by("-number").first()
        if last is not None and (number <= last.number or starts_on < last.ends_on):
            raise TermError(
                _("A new term must come after term %(number)s, which ended on %(date)s.")
                % {"number": last.number, "date": last.ends_on}
            )
        term = Term(township=township, number=number, starts_on=starts_on)
        term.full_clean()
        term.save()
    return term


def term_end(*, township: Township, ends_on: date, next_starts_on: date | None = None) -> Term:
    """End the current term on `ends_on` (换届): its serving deputies' service ends that day, their small-group
    memberships close and their logins lose the deputy role. With `next_starts_on`, the next term is recorded
    as current. Deputies, their records and their logins' other roles stay."""
    with transaction.atomic():
        term = Term.objects.select_for_update().filter(township=township, ends_on__isnull=True).first()
        if term is None:
            raise TermError(_("This town has no current term to end."))
        if ends_on < term.starts_on:
            message = _("A term cannot end (%(end)s) before it began (%(start)s).")
            raise TermError(message % {"end": ends_on, "start": term.starts_on})
        if next_starts_on is not None and next_starts_on < ends_on:
            raise TermError(_("The next term cannot begin before the current one ends."))
        term.ends_on = ends_on
        term.save(update_fields=["ends_on"])
        serving = list(
            Deputy.objects.select_for_update().filter(township=township, term=term.number, status=DeputyStatus.SERVING)
        )
        for deputy in serving:
            deputy.status = DeputyStatus.ENDED
        bulk_update_with_history(serving, Deputy, ["status"], custom_historical_attrs=history_attrs())
        groups = list(GroupMembership.objects.filter(deputy__in=serving, end_date__isnull=True))
        for membership in groups:
            membership.end_date = ends_on
        bulk_update_with_history(groups, GroupMembership, ["end_date"], custom_historical_attrs=history_attrs())
        users = [deputy.user_id for deputy in serving if deputy.user_id]
        for membership in Membership.objects.filter(user_id__in=users, township=township, role=Role.DEPUTY):
            membership.delete()  # the history row keeps who held it and until when
        if next_starts_on is not None:
            Term.objects.create(township=township, number=term.number + 1, starts_on=next_starts_on)
    return term

"""Writes of the rules library (制度库): a rule and its first version, a new version (numbered here, never in force
before the one it follows), publishing to the deputies and showing to the public."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.dates import format_day
from congress.errors import RuleViolation
from congress.models import Township
from deputies.models import Rule, RuleKind, RuleState, RuleVersion, Station


class RuleError(RuleViolation):
    """A rule of the library refused the change."""


def _check_title(*, township: Township, title: str, rule: Rule | None = None) -> str:
    title = (title or "").strip()
    if not title:
        raise RuleError(_("Enter the rule's title."))
    taken = Rule.objects.for_township(township).filter(title=title)
    if rule is not None and rule.pk:
        taken = taken.exclude(pk=rule.pk)
    if taken.exists():
        raise RuleError(_("A rule with this title already exists in this town."))
    return title


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise RuleError(_("Enter the rule's text."))
    return text


def _check_stations(*, township: Township, kind: str, stations: Iterable[Station]) -> list[Station]:
    stations = list(stations)
    if any(s.township_id != township.pk for s in stations):
        raise RuleError(_("Choose stations and contact points of this town."))
    if stations and kind != RuleKind.WALL:
        raise RuleError(_("Only a rule posted at a station names the stations it is posted at."))
    return stations


def rule_create(
    *,
    township: Township,
    user: AbstractBaseUser | None,
    title: str,
    kind: str,
    text: str,
    in_force_on: date,
    stations: Iterable[Station] = (),
    is_public: bool = False,
    published: bool = False,
) -> Rule:
    """A new rule of the town with its first version (第1版); a draft unless `published`."""
    if kind not in RuleKind.values:
        raise RuleError(_("Choose the kind of rule."))
    with transaction.atomic():
        rule = Rule(
            township=township,
            title=_check_title(township=township, title=title),
            kind=kind,
            is_public=is_public,
            created_by=user,
        )
        if published:
            rule.state, rule.published_at = RuleState.PUBLISHED, timezone.now()
        chosen = _check_stations(township=township, kind=kind, stations=stations)
        rule.save()
        rule.stations.set(chosen)
        RuleVersion.objects.create(
            township=township, rule=rule, number=1, text=_check_text(text), in_force_on=in_force_on, recorded_by=user
        )
    return rule


def rule_edit(*, rule: Rule, title: str, kind: str, stations: Iterable[Station] = ()) -> Rule:
    """Correct a rule's title, kind or the stations it is posted at; its text changes only by a new version."""
    if kind not in RuleKind.values:
        raise RuleError(_("Choose the kind of rule."))
    with transaction.atomic():
        rule = Rule.objects.select_for_update().get(pk=rule.pk)
        rule.title = _check_title(township=rule.township, title=title, rule=rule)
        rule.kind = kind
        chosen = _check_stations(township=rule.township, kind=kind, stations=stations)
        rule.save()
        rule.stations.set(chosen)
    return rule


def rule_version_add(*, rule: Rule, user: AbstractBaseUser | None, text: str, in_force_on: date) -> RuleVersion:
    """A new version of the rule, numbered after the last; it cannot take effect before the version it follows."""
    text = _check_text(text)
    with transaction.atomic():
        # The rule's row is locked so that two versions saved at once do not take the same number.
        rule = Rule.objects.select_for_update().get(pk=rule.pk)
        last = rule.versions.order_by("-number").first()
        if last is not None and in_force_on < last.in_force_on:
            raise RuleError(
                _("The date in force cannot be before the previous version's (%(date)s).")
                % {"date": format_day(last.in_force_on)}
            )
        number = (rule.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return RuleVersion.objects.create(
            township=rule.township, rule=rule, number=number, text=text, in_force_on=in_force_on, recorded_by=user
        )


def rule_publish(*, rule: Rule, published: bool) -> Rule:
    """Publish the rule to the town's deputies, or take it back to a draft (it then leaves the public pages too)."""
    with transaction.atomic():
        rule = Rule.objects.select_for_update().get(pk=rule.pk)
        state = RuleState.PUBLISHED if published else RuleState.DRAFT
        if rule.state != state:
            rule.state = state
            rule.published_at = timezone.now() if published else None
            rule.save(update_fields=["state", "published_at"])
    return rule


def rule_mark_public(*, rule: Rule, public: bool) -> Rule:
    """Show the rule on the town's public pages (once published), or keep it to the deputies."""
    with transaction.atomic():
        rule = Rule.objects.select_for_update().get(pk=rule.pk)
        if rule.is_public != public:
            rule.is_public = public
            rule.save(update_fields=["is_public"])
    return rule

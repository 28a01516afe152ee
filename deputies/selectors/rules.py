"""Reads of the rules library (制度库): what each reader may see — the office, the leaders and the county every rule
of the town, a deputy the published ones, the public the published public ones — each with its current version."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from congress.models import Membership, Role, Township
from deputies.models import Rule, RuleKind, RuleState, RuleVersion, Station


def _with_current(rules: QuerySet[Rule]) -> QuerySet[Rule]:
    """Each rule with its current version's number, date in force and id (the version with the highest number)."""
    last = RuleVersion.objects.filter(rule=OuterRef("pk")).order_by("-number")
    return rules.annotate(
        current_number=Subquery(last.values("number")[:1]),
        current_in_force_on=Subquery(last.values("in_force_on")[:1]),
    )


def rules_for(*, viewer: Membership | None, township: Township | None) -> QuerySet[Rule]:
    """The town's rules the viewer may read, each with its current version's number and date in force: a deputy
    reads the published ones only, the office, leaders and the county all of them."""
    rules = Rule.objects.for_township(township)
    if viewer is None or viewer.role not in (Role.OFFICE, Role.LEADER, Role.COUNTY, Role.DEPUTY):
        return rules.none()
    if viewer.role == Role.DEPUTY:
        rules = rules.filter(state=RuleState.PUBLISHED)
    return _with_current(rules).prefetch_related("stations").order_by("kind", "title")


def rule_detail(*, viewer: Membership | None, township: Township | None, pk: int) -> Rule:
    """One rule the viewer may read, with its versions newest first (Rule.DoesNotExist otherwise: another town's,
    or a draft a deputy asked for)."""
    versions = Prefetch("versions", queryset=RuleVersion.objects.select_related("recorded_by").order_by("-number"))
    return rules_for(viewer=viewer, township=township).prefetch_related(versions).get(pk=pk)


def rule_version(*, rule: Rule, number: int) -> RuleVersion:
    """A version of a rule already read through rule_detail (RuleVersion.DoesNotExist when there is none)."""
    for version in rule.versions.all():
        if version.number == number:
            return version
    raise RuleVersion.DoesNotExist


def by_kind(rules: QuerySet[Rule]) -> list[tuple[str, list[Rule]]]:
    """The rules under their kinds, in the kinds' order, leaving out the kinds with none."""
    rows = list(rules)
    grouped = [(label, [r for r in rows if r.kind == kind]) for kind, label in RuleKind.choices]
    return [(label, rules) for label, rules in grouped if rules]


# --- Public (no login) ------------------------------------------------------------------------------------


def public_rules(*, township: Township, kind: str | None = None) -> QuerySet[Rule]:
    """The town's rules on its public pages: published and marked public, with their current version."""
    rules = Rule.objects.for_township(township).filter(state=RuleState.PUBLISHED, is_public=True)
    if kind is not None:
        rules = rules.filter(kind=kind)
    return _with_current(rules).order_by("kind", "title")


def public_rule(*, township: Township, pk: int) -> tuple[Rule, RuleVersion]:
    """A public rule with its current version (Rule.DoesNotExist when it is not public, or not published)."""
    rule = public_rules(township=township).get(pk=pk)
    return rule, rule.versions.order_by("-number").first()


def _current_versions(rules: QuerySet[Rule]) -> list[tuple[Rule, RuleVersion]]:
    """The rules with their current versions, in two queries whatever their number."""
    current = Prefetch("versions", queryset=RuleVersion.objects.order_by("-number"), to_attr="newest_first")
    rows = rules.prefetch_related(current).order_by("title")
    return [(rule, rule.newest_first[0]) for rule in rows if rule.newest_first]


def station_wall_rules(*, township: Township, station: Station, public: bool = True) -> list[tuple[Rule, RuleVersion]]:
    """The rules posted at a station with their current versions: on its public page the published public ones,
    on the office's page every one."""
    rules = Rule.objects.for_township(township).filter(stations=station, kind=RuleKind.WALL)
    if public:
        rules = rules.filter(state=RuleState.PUBLISHED, is_public=True)
    return _current_versions(rules)


def reception_rules(
    *, township: Township | None, public: bool = False, drafts: bool = False
) -> list[tuple[Rule, RuleVersion]]:
    """The town's reception work rules (接待工作制度) with their current versions: the published ones for the
    deputies, the published public ones for the public roster, every one (`drafts`) for the office."""
    rules = Rule.objects.for_township(township).filter(kind=RuleKind.RECEPTION)
    if not drafts:
        rules = rules.filter(state=RuleState.PUBLISHED)
    if public:
        rules = rules.filter(is_public=True)
    return _current_versions(rules)

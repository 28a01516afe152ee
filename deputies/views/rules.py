"""Pages of the rules library (制度库): the office keeps the town's rules in versions and publishes them; leaders
and the county read them all, a deputy the published ones (on a phone); each prints on A4 for the wall. The public
reads the published public ones without a login."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only, readers_and_deputies
from congress.models import Township
from deputies.forms.rules import RuleCreateForm, RuleEditForm, RuleVersionForm
from deputies.models import Rule, RuleKind, RuleVersion
from deputies.selectors import rules as selectors
from deputies.services import rules as services


def _rule(request: HttpRequest, pk: int) -> Rule:
    """The rule the viewer may read; another town's, or a draft asked for by a deputy, is not found."""
    try:
        return selectors.rule_detail(viewer=request.membership, township=request.township, pk=pk)
    except Rule.DoesNotExist as missing:
        raise Http404 from missing


@require_safe
@readers_and_deputies
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = selectors.rules_for(viewer=request.membership, township=request.township)
    return render(request, "deputies/rules/rule_list.html", {"kinds": selectors.by_kind(rules)})


@require_safe
@readers_and_deputies
def rule_detail(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """A rule with its current text and its versions; with `number`, that version's text instead."""
    rule = _rule(request, pk)
    versions = list(rule.versions.all())
    if not versions:
        raise Http404
    shown = versions[0]
    if number is not None:
        try:
            shown = selectors.rule_version(rule=rule, number=number)
        except RuleVersion.DoesNotExist as missing:
            raise Http404 from missing
    return render(
        request,
        "deputies/rules/rule_detail.html",
        {"rule": rule, "versions": versions, "shown": shown, "current": versions[0]},
    )


@require_safe
@readers_and_deputies
def rule_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The rule's current version on A4, large enough to post on the wall."""
    rule = _rule(request, pk)
    current = next(iter(rule.versions.all()), None)
    if current is None:
        raise Http404
    return render(request, "deputies/rules/rule_print.html", {"rule": rule, "current": current})


@office_only
def rule_create(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind")
    initial = {"in_force_on": timezone.localdate(), "kind": kind if kind in RuleKind.values else None}
    form = RuleCreateForm(request.POST or None, township=request.township, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.rule_create(township=request.township, user=request.user, **form.cleaned_data)
        except services.RuleError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("“%(title)s” is in the library as a draft.") % {"title": rule.title})
            return redirect("rule_detail", pk=rule.pk)
    return render(request, "deputies/rules/rule_form.html", {"form": form, "rule": None})


@office_only
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    initial = {"title": rule.title, "kind": rule.kind, "stations": list(rule.stations.all())}
    form = RuleEditForm(request.POST or None, township=request.township, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_edit(rule=rule, **form.cleaned_data)
        except services.RuleError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The rule is saved."))
            return redirect("rule_detail", pk=rule.pk)
    return render(request, "deputies/rules/rule_form.html", {"form": form, "rule": rule})


@office_only
def rule_version_create(request: HttpRequest, pk: int) -> HttpResponse:
    rule = _rule(request, pk)
    current = next(iter(rule.versions.all()), None)
    initial = {"text": current.text if current else "", "in_force_on": timezone.localdate()}
    form = RuleVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.rule_version_add(rule=rule, user=request.user, **form.cleaned_data)
        except services.RuleError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("Version %(number)d is recorded.") % {"number": version.number})
            return redirect("rule_detail", pk=rule.pk)
    return render(request, "deputies/rules/version_form.html", {"form": form, "rule": rule, "current": current})


@require_POST
@office_only
def rule_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the rule to the deputies (publish=1) or take it back to a draft (publish=0)."""
    rule = _rule(request, pk)
    if request.POST.get("publish") not in ("0", "1"):
        messages.error(request, _("Choose whether to publish the rule or take it back."))
        return redirect("rule_detail", pk=rule.pk)
    published = request.POST["publish"] == "1"
    rule = services.rule_publish(rule=rule, published=published)
    if published:
        messages.success(request, _("The rule is published: the town's deputies can read it."))
    else:
        messages.success(request, _("The rule is a draft again: only the office, leaders and the county read it."))
    return redirect("rule_detail", pk=rule.pk)


@require_POST
@office_only
def rule_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the rule on the town's public pages (public=1) or keep it to the deputies (public=0)."""
    rule = _rule(request, pk)
    if request.POST.get("public") not in ("0", "1"):
        messages.error(request, _("Choose whether the rule is shown on the public pages."))
        return redirect("rule_detail", pk=rule.pk)
    public = request.POST["public"] == "1"
    rule = services.rule_mark_public(rule=rule, public=public)
    if public and not rule.is_published:
        messages.success(request, _("The rule is marked public: it shows on the public pages once published."))
    elif public:
        messages.success(request, _("The rule is public: it shows on the town's public pages."))
    else:
        messages.success(request, _("The rule is no longer on the public pages."))
    return redirect("rule_detail", pk=rule.pk)


# --- Public (no login) ------------------------------------------------------------------------------------


@require_safe
def public_rule(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """A published public rule of the town, for anyone: its current text and date in force."""
    township = get_object_or_404(Township.objects.select_related("county"), code=code)
    try:
        rule, current = selectors.public_rule(township=township, pk=pk)
    except Rule.DoesNotExist as missing:
        raise Http404 from missing
    if current is None:
        raise Http404
    return render(
        request, "deputies/rules/public_rule.html", {"public_township": township, "rule": rule, "current": current}
    )

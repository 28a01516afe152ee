"""Pages of the register: deputies, groups, stations, handling units and leaders; import and export; the
stations' public pages and QR posters. The office writes; leaders and the county read."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only, readers
from congress.models import Department, Leader, Role
from congress.qr import qr_svg
from congress.responses import xlsx_response
from deputies.filters import DeputyFilter
from deputies.forms.register import DepartmentForm, DeputyForm, LargeGroupForm, LeaderForm, SmallGroupForm, StationForm
from deputies.models import Deputy, DeputyStatus, LargeGroup, SmallGroup, Station
from deputies.resources.cells import mask_address, mask_phone
from deputies.selectors import register as selectors
from deputies.selectors import rules as rule_reads
from deputies.services.imports import KINDS, register_export
from deputies.services.register import deputy_end_term, deputy_reinstate, deputy_save, register_save


def _can_see_phones(request: HttpRequest) -> bool:
    return request.role == Role.OFFICE


def _or_404(fetch):
    try:
        return fetch()
    except ObjectDoesNotExist:
        raise Http404 from None


def _save_form(request, form, save) -> bool:
    """Validate a form and save it through a service; model and constraint errors land on the form."""
    if not form.is_valid():
        return False
    try:
        save(form.save(commit=False))
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


# --- Deputies -------------------------------------------------------------------------------------------


def _deputy_filter(request: HttpRequest) -> DeputyFilter:
    data = request.GET.copy()
    # The list opens on the serving deputies; "all" is one choice away.
    if "status" not in data:
        data["status"] = DeputyStatus.SERVING
    return DeputyFilter(data, queryset=selectors.deputy_list(township=request.township), request=request)


@require_safe
@readers
def deputy_list(request: HttpRequest) -> HttpResponse:
    filterset = _deputy_filter(request)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "deputies/register/deputy_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_see_phones": _can_see_phones(request),
        },
    )


@require_safe
@readers
def deputy_export(request: HttpRequest) -> HttpResponse:
    filterset = _deputy_filter(request)
    content = register_export(
        kind=KINDS["deputies"],
        township=request.township,
        queryset=filterset.qs,
        mask_phones=not _can_see_phones(request),
    )
    return xlsx_response(content, _("Deputies of %(town)s") % {"town": request.township.name} + ".xlsx")


@require_safe
@readers
def deputy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _or_404(lambda: selectors.deputy_detail(township=request.township, pk=pk))
    groups = {g.pk: g.name for g in SmallGroup.objects.for_township(request.township)}
    return render(
        request,
        "deputies/register/deputy_detail.html",
        {
            "deputy": deputy,
            "history": selectors.history_of(
                record=deputy,
                label_lookups={"small_group": groups},
                # What the page hides, its history hides too: the old and new phone and home address.
                masks=None if _can_see_phones(request) else {"phone": mask_phone, "address": mask_address},
            ),
            "can_see_phones": _can_see_phones(request),
        },
    )


@office_only
def deputy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    deputy = get_object_or_404(Deputy.objects.for_township(request.township), pk=pk) if pk else None
    form = DeputyForm(request.POST or None, request.FILES or None, instance=deputy, township=request.township)
    if request.method == "POST" and _save_form(
        request, form, lambda d: deputy_save(deputy=d, township=request.township)
    ):
        messages.success(request, _("%(name)s is saved.") % {"name": form.instance.name})
        return redirect("deputy_detail", pk=form.instance.pk)
    cancel = reverse("deputy_detail", args=[deputy.pk]) if deputy else reverse("deputy_list")
    return render(
        request,
        "deputies/register/form.html",
        {"form": form, "object": deputy, "kind": _("deputy"), "cancel_url": cancel},
    )


@require_POST
@office_only
def deputy_status(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = get_object_or_404(Deputy.objects.for_township(request.township), pk=pk)
    if request.POST.get("action") == "end":
        deputy_end_term(deputy=deputy)
        messages.success(request, _("%(name)s's term is recorded as ended.") % {"name": deputy.name})
    elif request.POST.get("action") == "reinstate":
        deputy_reinstate(deputy=deputy)
        messages.success(request, _("%(name)s is serving again.") % {"name": deputy.name})
    else:
        messages.error(request, _("Choose whether to end the term or to reinstate."))
    return redirect("deputy_detail", pk=deputy.pk)


# --- Groups ---------------------------------------------------------------------------------------------


@require_safe
@readers
def group_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "deputies/register/group_list.html",
        {"large_groups": selectors.large_groups_with_small(township=request.township)},
    )


@require_safe
@readers
def small_group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = _or_404(lambda: selectors.small_group_detail(township=request.township, pk=pk))
    return render(
        request,
        "deputies/register/small_group_detail.html",
        {"group": group, "history": selectors.history_of(record=group), "can_see_phones": _can_see_phones(request)},
    )


def _simple_edit(request, *, model, form_class, pk, kind, done, cancel):
    instance = get_object_or_404(model.objects.for_township(request.township), pk=pk) if pk else None
    form = form_class(request.POST or None, instance=instance, township=request.township)
    if request.method == "POST" and _save_form(
        request, form, lambda obj: register_save(instance=obj, township=request.township)
    ):
        messages.success(request, _("%(name)s is saved.") % {"name": form.instance})
        return redirect(done(form.instance))
    return render(
        request,
        "deputies/register/form.html",
        {"form": form, "object": instance, "kind": kind, "cancel_url": reverse(cancel)},
    )


@office_only
def large_group_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=LargeGroup,
        form_class=LargeGroupForm,
        pk=pk,
        kind=_("large group"),
        done=lambda obj: reverse("group_list"),
        cancel="group_list",
    )


@office_only
def small_group_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=SmallGroup,
        form_class=SmallGroupForm,
        pk=pk,
        kind=_("small group"),
        done=lambda obj: reverse("small_group_detail", args=[obj.pk]),
        cancel="group_list",
    )


# --- Stations -------------------------------------------------------------------------------------------


@require_safe
@readers
def station_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "deputies/register/station_list.html", {"stations": selectors.station_list(township=request.township)}
    )


@require_safe
@readers
def station_detail(request: HttpRequest, pk: int) -> HttpResponse:
    station = _or_404(lambda: selectors.station_detail(township=request.township, pk=pk))
    return render(
        request,
        "deputies/register/station_detail.html",
        {
            "station": station,
            "history": selectors.history_of(record=station),
            "wall_rules": rule_reads.station_wall_rules(township=request.township, station=station, public=False),
        },
    )


@office_only
def station_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=Station,
        form_class=StationForm,
        pk=pk,
        kind=_("station or contact point"),
        done=lambda obj: reverse("station_detail", args=[obj.pk]),
        cancel="station_list",
    )


@require_safe
@readers
def station_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """The station's A4 poster: two QR codes side by side, each captioned so that nobody takes one for the other:
    the public's (the station's public page: its deputies, and leaving a matter) and the deputies' (sign-in)."""
    station = _or_404(lambda: selectors.station_detail(township=request.township, pk=pk))
    codes = [
        (
            "public",
            _("The public: scan to find your deputies and leave a matter"),
            reverse("public_station", kwargs={"code": request.township.code, "pk": station.pk}),
        ),
        ("deputies", _("Deputies: scan to sign in"), reverse("sign_in", args=[station.pk])),
    ]
    qr_codes = []
    for kind, caption, path in codes:
        target = request.build_absolute_uri(path)
        # Our own SVG, drawn from our own address: nothing of a person's text goes into it.
        qr_codes.append({"kind": kind, "caption": caption, "svg": mark_safe(qr_svg(target)), "target": target})  # noqa: S308
    return render(request, "deputies/register/station_poster.html", {"station": station, "qr_codes": qr_codes})


# --- Handling units and leaders -------------------------------------------------------------------------


@require_safe
@readers
def department_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "deputies/register/department_list.html",
        {"departments": selectors.department_list(township=request.township)},
    )


@office_only
def department_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=Department,
        form_class=DepartmentForm,
        pk=pk,
        kind=_("handling unit"),
        done=lambda obj: reverse("department_list"),
        cancel="department_list",
    )


@require_safe
@readers
def leader_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "deputies/register/leader_list.html", {"leaders": selectors.leader_list(township=request.township)}
    )


@office_only
def leader_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=Leader,
        form_class=LeaderForm,
        pk=pk,
        kind=_("town leader"),
        done=lambda obj: reverse("leader_list"),
        cancel="leader_list",
    )


# --- Public ---------------------------------------------------------------------------------------------


@require_safe
def station_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a station's printed QR code leads: a deputy of its town to the sign-in, anyone else to the
    station's public page."""
    station = get_object_or_404(Station.objects.select_related("township").filter(is_active=True), pk=pk)
    if request.role == Role.DEPUTY and request.township == station.township:
        return redirect("sign_in", station=station.pk)
    return redirect("public_station", code=station.township.code, pk=station.pk)

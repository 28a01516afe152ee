"""Pages of the register: deputies, groups, stations, handling units and leaders; import and export; the
stations' public pages and QR posters. The office writes; leaders and the county read."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only
from congress.audit import client_ip
from congress.inputs import as_id
from congress.models import Job, JobKind, JobStatus
from congress.responses import xlsx_response
from congress.selectors import jobs_for_township
from deputies.forms.imports import ImportConfirmForm, ImportUploadForm
from deputies.resources.township import ImportChoices
from deputies.services import import_previews
from deputies.services.import_jobs import register_import_start
from deputies.services.imports import KINDS, register_template
from deputies.spreadsheets import SheetError

SESSION_IMPORTS = "register_imports"


def _kind_or_404(slug: str):
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


@office_only
def register_import(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload a sheet: a background job checks each row, its page shows the progress and then leads back here
    (?job=…) to each row's outcome, before anything is written."""
    import_kind = _kind_or_404(kind)
    if request.method != "POST" and "job" in request.GET:
        return _preview_page(request, import_kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_previews.register_preview_start(
            kind=import_kind,
            township=request.township,
            user=request.user,
            upload=form.cleaned_data["file"],
            address=client_ip(request),
        )
        pending = request.session.get(SESSION_IMPORTS, {})
        pending[job.params["token"]] = {
            "kind": kind,
            "township": request.township.pk,
            "filename": job.filename,
            "job": job.pk,
        }
        request.session[SESSION_IMPORTS] = pending
        return redirect("job_detail", pk=job.pk)
    return render(request, "deputies/imports/import.html", {"form": form, "kind": import_kind, "preview": None})


def _preview_job(request: HttpRequest, kind: str, pk) -> Job | None:
    """The preview job `pk` of this kind that this session started, in the active town; None otherwise."""
    job = jobs_for_township(township=request.township).filter(kind=JobKind.REGISTER_PREVIEW, pk=as_id(pk)).first()
    entry = request.session.get(SESSION_IMPORTS, {}).get(job.params.get("token", "")) if job else None
    if entry is None or entry["kind"] != kind or entry.get("job") != job.pk:
        return None
    return job


def _preview_page(request: HttpRequest, import_kind) -> HttpResponse:
    job = _preview_job(request, import_kind.slug, request.GET.get("job"))
    if job is None:
        messages.error(request, _("The uploaded file has expired. Upload it again."))
        return redirect("register_import", kind=import_kind.slug)
    if job.status != JobStatus.DONE:  # still running, or failed: its page says so
        return redirect("job_detail", pk=job.pk)
    preview = import_previews.preview_load(kind=import_kind, township=request.township, data=job.result)
    return render(request, "deputies/imports/import.html", {"form": None, "kind": import_kind, "preview": preview})


@require_POST
@office_only
def register_import_apply(request: HttpRequest, kind: str) -> HttpResponse:
    """Import the previewed sheet in the background, whole or only its valid rows when the user chose so; the
    job's page shows the progress and the outcome."""
    import_kind = _kind_or_404(kind)
    pending = request.session.get(SESSION_IMPORTS, {})
    entry = pending.get(request.POST.get("token", ""))
    if entry is None or entry["kind"] != kind or entry["township"] != request.township.pk:
        messages.error(request, _("The uploaded file has expired. Upload it again."))
        return redirect("register_import", kind=kind)
    job = _preview_job(request, kind, entry.get("job"))
    needs_large_group = bool(job and job.result.get("needs_large_group"))
    form = ImportConfirmForm(request.POST, needs_large_group=needs_large_group)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("__all__", [])) or _("Check the choices and try again."))
        return redirect("register_import", kind=kind)
    data = form.cleaned_data
    choices = ImportChoices(
        large_group_id=data["large_group"],
        new_large_group=data["new_large_group"],
        confirm_new_sectors=data["confirm_new_sectors"],
    )
    try:
        job = register_import_start(
            kind=import_kind,
            township=request.township,
            user=request.user,
            token=data["token"],
            filename=entry["filename"],
            only_valid=data["only_valid"],
            choices=choices,
            address=client_ip(request),
        )
    except SheetError as error:
        messages.error(request, str(error))
        return redirect("register_import", kind=kind)
    pending.pop(form.cleaned_data["token"], None)
    request.session[SESSION_IMPORTS] = pending
    return redirect("job_detail", pk=job.pk)


@require_POST
@office_only
def register_import_cancel(request: HttpRequest, kind: str) -> HttpResponse:
    """Give up a previewed sheet: its file and its preview are removed at once."""
    _kind_or_404(kind)
    pending = request.session.get(SESSION_IMPORTS, {})
    token = request.POST.get("token", "")
    entry = pending.get(token)
    if entry is not None and entry["kind"] == kind and entry["township"] == request.township.pk:
        import_previews.register_import_cancel(township=request.township, token=token)
        pending.pop(token, None)
        request.session[SESSION_IMPORTS] = pending
    else:
        messages.error(request, _("The uploaded file has expired. Upload it again."))
    return redirect("register_import", kind=kind)


@require_safe
@office_only
def register_import_template(request: HttpRequest, kind: str) -> HttpResponse:
    import_kind = _kind_or_404(kind)
    name = _("Import template, %(what)s") % {"what": import_kind.label}
    return xlsx_response(register_template(kind=import_kind, township=request.township), f"{name}.xlsx")


# --- Public ---------------------------------------------------------------------------------------------

"""Pages of the register: deputies, groups, stations, handling units and leaders; import and export; the
stations' public pages and QR posters. The office writes; leaders and the county read."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only
from congress.audit import client_ip
from congress.responses import xlsx_response
from deputies.forms.imports import ImportConfirmForm, ImportUploadForm
from deputies.resources.township import ImportChoices
from deputies.services.import_jobs import register_import_start
from deputies.services.imports import KINDS, register_import_preview, register_template
from deputies.spreadsheets import SheetError

SESSION_IMPORTS = "register_imports"


def _kind_or_404(slug: str):
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


@office_only
def register_import(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload a sheet and see each row's outcome before anything is written."""
    import_kind = _kind_or_404(kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            preview = register_import_preview(
                kind=import_kind, township=request.township, upload=form.cleaned_data["file"]
            )
        except SheetError as error:
            form.add_error("file", str(error))
        else:
            pending = request.session.get(SESSION_IMPORTS, {})
            pending[preview.token] = {
                "kind": kind,
                "township": request.township.pk,
                "filename": preview.filename,
                "needs_large_group": preview.needs_large_group,
            }
            request.session[SESSION_IMPORTS] = pending
    return render(request, "deputies/imports/import.html", {"form": form, "kind": import_kind, "preview": preview})


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
    form = ImportConfirmForm(request.POST, needs_large_group=entry.get("needs_large_group", False))
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


@require_safe
@office_only
def register_import_template(request: HttpRequest, kind: str) -> HttpResponse:
    import_kind = _kind_or_404(kind)
    name = _("Import template, %(what)s") % {"what": import_kind.label}
    return xlsx_response(register_template(kind=import_kind, township=request.township), f"{name}.xlsx")


# --- Public ---------------------------------------------------------------------------------------------

"""Pages of the organisation core: login and password, the inbox, choosing a town, the audit trail, the record
of the town's messages, a background job's progress, the error pages."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from congress import selectors
from congress.access import SESSION_MEMBERSHIP, SESSION_TOWNSHIP, office_only, role_required
from congress.audit import audit_events, audit_kinds
from congress.errors import RuleViolation, refused
from congress.filters import MessageFilter
from congress.forms import AuditFilterForm, LoginForm
from congress.inputs import as_id
from congress.middleware import SESSION_PASSWORD_OWN, session_remember
from congress.models import JobKind, JobStatus, Role, password_is_own
from congress.selectors import inbox_for_user, jobs_for_township
from congress.services import notification_mark_read, notification_resend, password_change


@require_safe
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox_for_user(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "congress/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_read(request: HttpRequest, pk: int) -> HttpResponse:
    # Another user's message id answers exactly like one that does not exist.
    if not inbox_for_user(user=request.user).filter(pk=pk).exists():
        raise Http404
    notification_mark_read(user=request.user, notification_id=pk)
    target = inbox_for_user(user=request.user).get(pk=pk).url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("inbox")


@login_required
@require_POST
def inbox_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_mark_read(user=request.user)
    messages.success(request, _("%(count)d messages marked as read.") % {"count": count})
    return redirect("inbox")


@login_required
@require_POST
def township_switch(request: HttpRequest) -> HttpResponse:
    """Choose the active town: a county reader among the county's towns (then on to its dashboard), anyone
    among their memberships."""
    town, membership = as_id(request.POST.get("township")), as_id(request.POST.get("membership"))
    if town is not None and any(t.pk == town for t in request.townships):
        request.session[SESSION_TOWNSHIP] = town
        # A county reader opens a town to read it: its dashboard, not the county's home again.
        return redirect("dashboard")
    elif membership is not None and any(m.pk == membership for m in request.memberships):
        request.session[SESSION_MEMBERSHIP] = membership
    else:
        messages.error(request, _("You cannot open that township."))
    return redirect("home")


@require_safe
@never_cache
@role_required(Role.OFFICE)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A background job's page; htmx asks it again every second for the progress alone, until the job ends."""
    job = get_object_or_404(jobs_for_township(township=request.township), pk=pk)
    partial = request.headers.get("HX-Request") == "true"
    if job.kind == JobKind.REGISTER_PREVIEW and job.status == JobStatus.DONE and job.done_url:
        # A finished check leads straight on to its preview: upload, progress, preview, confirm.
        if partial:
            response = HttpResponse()
            response["HX-Redirect"] = job.done_url
            return response
        return redirect(job.done_url)
    response = render(request, "congress/_job_status.html" if partial else "congress/job_detail.html", {"job": job})
    patch_vary_headers(response, ["HX-Request"])
    return response


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"message": _("Your role does not allow this page or action.")}, status=403)


class PasswordChange(PasswordChangeView):
    """Django's password change, which also remembers that the new password is the user's own choice."""

    def form_valid(self, form):
        # Django's own form_valid saves the user through the form; here one service saves both rows at once.
        password_change(user=form.user, raw_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        self.request.session[SESSION_PASSWORD_OWN] = True
        return redirect(self.get_success_url())


def login_locked(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes shows a login locked after too many wrong passwords, in the reader's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


class Login(LoginView):
    """Django's login, which also notes whether the password is the user's own choice (see the middleware) and
    keeps a deputy's session on their phone when they ask to."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        session_remember(self.request, wanted=form.cleaned_data.get("remember", False))
        if password_is_own(form.get_user()):
            self.request.session[SESSION_PASSWORD_OWN] = True
        return response


@require_safe
@role_required(Role.OFFICE)
def audit(request: HttpRequest) -> HttpResponse:
    """The town's audit trail for its office: logins and every change to its records, filtered."""
    today = timezone.localdate()
    data = request.GET.copy() if request.GET else {}
    data.setdefault("since", f"{today - timedelta(days=7):%Y-%m-%d}")
    data.setdefault("until", f"{today:%Y-%m-%d}")
    form = AuditFilterForm(data, township=request.township, kinds=audit_kinds())
    events = []
    if form.is_valid():
        events = audit_events(
            township=request.township,
            since=form.cleaned_data["since"],
            until=form.cleaned_data["until"],
            user=form.cleaned_data["user"],
            kind=form.cleaned_data["kind"] or None,
        )
    return render(request, "congress/audit.html", {"form": form, "events": events})


@require_safe
@office_only
def message_record(request: HttpRequest) -> HttpResponse:
    """The office's record of every message the town sent (短信与消息记录): to whom, how, and what became of it."""
    rows = selectors.message_record(viewer=request.membership, township=request.township)
    filterset = MessageFilter(request.GET or None, queryset=rows)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "rows": selectors.message_rows(viewer=request.membership, township=request.township, rows=page.object_list),
        "query": query.urlencode(),
        "back": request.GET.urlencode(),
        "month": selectors.message_month(viewer=request.membership, township=request.township),
        "quiet": (settings.SMS_QUIET_FROM, settings.SMS_QUIET_UNTIL),
        "cap": settings.SMS_DAILY_CAP,
    }
    return render(request, "congress/message_record.html", context)


@require_POST
@office_only
def message_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a failed message again; another town's message answers like one that does not exist."""
    if not selectors.message_record(viewer=request.membership, township=request.township).filter(pk=pk).exists():
        raise Http404
    try:
        notification = notification_resend(township=request.township, notification_id=pk)
    except RuleViolation as error:
        refused(request, error)
    else:
        to = notification.recipient_name or notification.phone
        messages.success(request, _("The message to %(name)s waits to be sent again.") % {"name": to})
    # Back to the record as the office left it: its filters and page, rebuilt from the parsed query.
    back = QueryDict(request.POST.get("back", "")).urlencode()
    return redirect(reverse("message_record") + (f"?{back}" if back else ""))

"""Pages of the town's logins (账号管理), for the office: who has a login and in what state; creating logins;
printing or texting initial passwords; resetting, disabling and enabling a login; changing its role."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only
from congress.errors import refused
from congress.inputs import as_id
from congress.sms import sms_configured
from deputies.forms.accounts import AccountCreateForm, AccountFilterForm, AccountRoleForm
from deputies.selectors import accounts as selectors
from deputies.services import accounts
from deputies.services.accounts import AccountError, Issued


def _or_404(fetch):
    try:
        return fetch()
    except ObjectDoesNotExist:
        raise Http404 from None


def _slips(request: HttpRequest, issued: list[Issued]) -> HttpResponse:
    """The slips to print and cut, one per new initial password: shown once, never kept by any cache."""
    context = {"slips": [i for i in issued if i.password], "site": request.build_absolute_uri("/")}
    response = render(request, "deputies/accounts/slips.html", context)
    add_never_cache_headers(response)
    return response


def _chosen(request: HttpRequest) -> list[int]:
    return [pk for pk in (as_id(raw) for raw in request.POST.getlist("users")) if pk is not None]


@require_safe
@office_only
def account_list(request: HttpRequest) -> HttpResponse:
    form = AccountFilterForm(request.GET or None)
    kind = status = ""
    if form.is_valid():
        kind, status = form.cleaned_data["kind"], form.cleaned_data["status"]
    rows = selectors.account_list(viewer=request.membership, township=request.township, kind=kind, status=status)
    locked = selectors.account_locks(viewer=request.membership, township=request.township)
    context = {
        "form": form,
        "rows": rows,
        "locked": locked,
        "can_text": sms_configured(),
        "filtered": bool(kind or status),
    }
    return render(request, "deputies/accounts/account_list.html", context)


@office_only
def account_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    person = _or_404(
        lambda: selectors.account_person(viewer=request.membership, township=request.township, kind=kind, pk=pk)
    )
    # Bound on every POST: a person with a mobile needs no field filled, so the POST may well be empty.
    form = AccountCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = accounts.account_create(
                township=request.township, person=person, login_name=form.cleaned_data["login_name"]
            )
        except AccountError as error:
            refused(request, error)
        else:
            if not issued.password:
                message = _("%(name)s's own login %(login)s now has this role too; their password is unchanged.")
                messages.success(request, message % {"name": issued.name, "login": issued.login})
                return redirect("account_list")
            messages.success(request, _("A login is made for %(name)s.") % {"name": issued.name})
            return _slips(request, [issued])
    context = {
        "form": form,
        "person": person,
        "name": selectors.person_name(person),
        "mobile": selectors.mobile_of(person.phone),
        "login": selectors.person_login(person),
        "kind_label": selectors.AccountKind(kind).label,
    }
    return render(request, "deputies/accounts/account_form.html", context)


@require_POST
@office_only
def accounts_create_missing(request: HttpRequest) -> HttpResponse:
    outcome = accounts.accounts_create_missing(township=request.township)
    if outcome.issued:
        messages.success(request, _("%(count)d logins made.") % {"count": len(outcome.issued)})
    else:
        messages.info(request, _("No login was made: everyone who can have one has one."))
    for reason in outcome.skipped:
        messages.warning(request, reason)
    return _slips(request, outcome.issued)


@require_POST
@office_only
def account_slips(request: HttpRequest) -> HttpResponse:
    try:
        issued = accounts.account_passwords_issue(township=request.township, user_ids=_chosen(request))
    except AccountError as error:
        refused(request, error)
        return redirect("account_list")
    return _slips(request, issued)


@require_POST
@office_only
def account_send(request: HttpRequest) -> HttpResponse:
    try:
        outcome = accounts.account_passwords_send(township=request.township, user_ids=_chosen(request))
    except AccountError as error:
        refused(request, error)
        return redirect("account_list")
    if outcome.issued:
        names = "、".join(i.name for i in outcome.issued)
        messages.success(request, _("Login and initial password texted to %(names)s.") % {"names": names})
    if outcome.skipped:
        names = "、".join(outcome.skipped)
        messages.error(request, _("The text to %(names)s could not be sent: print their slips.") % {"names": names})
    return redirect("account_list")


def _town_user(request: HttpRequest, pk: int):
    return _or_404(lambda: selectors.account_user(viewer=request.membership, township=request.township, pk=pk))


@require_POST
@office_only
def account_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user = _town_user(request, pk)
    try:
        issued = accounts.account_password_reset(township=request.township, user=user)
    except AccountError as error:
        refused(request, error)
        return redirect("account_list")
    messages.success(request, _("%(name)s has a new initial password.") % {"name": issued.name})
    return _slips(request, [issued])


@require_POST
@office_only
def account_disable(request: HttpRequest, pk: int) -> HttpResponse:
    user = _town_user(request, pk)
    try:
        accounts.account_disable(township=request.township, user=user, by=request.user)
    except AccountError as error:
        refused(request, error)
    else:
        messages.success(request, _("The login %(login)s is disabled.") % {"login": user.get_username()})
    return redirect("account_list")


@require_POST
@office_only
def account_enable(request: HttpRequest, pk: int) -> HttpResponse:
    user = _town_user(request, pk)
    try:
        accounts.account_enable(township=request.township, user=user)
    except AccountError as error:
        refused(request, error)
    else:
        messages.success(request, _("The login %(login)s can log in again.") % {"login": user.get_username()})
    return redirect("account_list")


@office_only
def account_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _or_404(
        lambda: selectors.account_membership(viewer=request.membership, township=request.township, pk=pk)
    )
    initial = {"role": membership.role, "department": membership.department}
    data = request.POST if request.method == "POST" else None
    form = AccountRoleForm(data, initial=initial, township=request.township)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.account_role_change(
                township=request.township,
                membership=membership,
                role=form.cleaned_data["role"],
                department=form.cleaned_data["department"],
            )
        except AccountError as error:
            refused(request, error)
        else:
            messages.success(request, _("The login %(login)s's role is changed.") % {"login": membership.user})
            return redirect("account_list")
    return render(request, "deputies/accounts/role_form.html", {"form": form, "membership": membership})


@office_only
def account_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first (what is locked, and where), then lifts the login's locks and delay on the POST."""
    user = _town_user(request, pk)
    if request.method == "POST":
        try:
            accounts.account_unlock(township=request.township, user=user)
        except AccountError as error:
            refused(request, error)
        else:
            messages.success(request, _("The login %(login)s is unlocked.") % {"login": user.get_username()})
        return redirect("account_list")
    locks = {row.user.pk: row for row in selectors.account_locks(viewer=request.membership, township=request.township)}
    context = {"account": user, "locked": locks.get(user.pk)}
    return render(request, "deputies/accounts/unlock_confirm.html", context)

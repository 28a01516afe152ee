"""The town's terms (届): the office records the current term and ends it when a new congress is elected."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import office_only, readers
from congress.errors import refused
from deputies.forms.terms import TermEndForm, TermStartForm
from deputies.selectors.terms import current_term, terms_of
from deputies.services.terms import TermError, term_end, term_start


def _page(request: HttpRequest, *, start: TermStartForm | None = None, end: TermEndForm | None = None):
    township = request.township
    current = current_term(township=township)
    if start is None and current is None:
        last = terms_of(township=township)[:1]
        start = TermStartForm(initial={"number": last[0].number + 1 if last else None})
    if end is None and current is not None:
        end = TermEndForm()
    context = {"terms": terms_of(township=township), "current": current, "start_form": start, "end_form": end}
    return render(request, "deputies/terms/terms.html", context, status=400 if request.method == "POST" else 200)


@require_safe
@readers
def term_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@office_only
def term_start_view(request: HttpRequest) -> HttpResponse:
    form = TermStartForm(request.POST)
    if not form.is_valid():
        return _page(request, start=form)
    try:
        term = term_start(township=request.township, **form.cleaned_data)
    except TermError as error:
        refused(request, error)
        return redirect("term_list")
    messages.success(request, _("Term %(number)s is recorded as current.") % {"number": term.number})
    return redirect("term_list")


@require_POST
@office_only
def term_end_view(request: HttpRequest) -> HttpResponse:
    form = TermEndForm(request.POST)
    if not form.is_valid():
        return _page(request, end=form)
    data = form.cleaned_data
    try:
        term = term_end(township=request.township, ends_on=data["ends_on"], next_starts_on=data["next_starts_on"])
    except TermError as error:
        refused(request, error)
        return redirect("term_list")
    messages.success(request, _("Term %(number)s is ended; its deputies' service is closed.") % {"number": term.number})
    return redirect("term_list")

"""Pages of the monthly assessment: the unified standard, the month's ranking, the bulletins (drafted, edited,
published, printed, exported), a deputy's own scores, the year's grades and commendations, the leadership
dashboard and the county overview."""

from itertools import zip_longest

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.forms.bulletin import BulletinForm
from assessments.models import Bulletin, Item
from assessments.resources import bulletin_workbook
from assessments.selectors import assessment
from assessments.selectors import bulletin as bulletin_selectors
from assessments.selectors.assessment import with_cells
from assessments.services.assessment import AssessmentError
from assessments.services.bulletin import bulletin_publish, bulletin_update
from congress.access import office_only, readers_and_deputies
from congress.documents import document_build
from congress.errors import refused
from congress.models import Role
from congress.replica import reads_replica
from congress.responses import docx_response, xlsx_response
from congress.selectors import members_of


def _bulletin(request: HttpRequest, pk: int) -> Bulletin:
    rows = bulletin_selectors.bulletins(viewer=request.membership, township=request.township)
    return get_object_or_404(rows, pk=pk)


@require_safe
@readers_and_deputies
@reads_replica
def bulletin_list(request: HttpRequest) -> HttpResponse:
    rows = bulletin_selectors.bulletins(viewer=request.membership, township=request.township)
    return render(request, "assessments/bulletin/bulletin_list.html", {"bulletins": rows[:120]})


def _bulletin_context(request: HttpRequest, bulletin: Bulletin) -> dict:
    ranking = with_cells(list(assessment.month_ranking(township=request.township, month=bulletin.month)))
    rates = bulletin_selectors.bulletin_rates(bulletin)
    counts, implemented = bulletin_selectors.bulletin_counts(bulletin)
    return {
        "bulletin": bulletin,
        "ranking": ranking,
        "items": Item.choices,
        "rates": rates,
        "counts": counts,
        "implemented": implemented,
        # Publishing tells each of them: the button says how many before it is pressed.
        "to_tell": members_of(township=request.township, roles=[Role.DEPUTY, Role.LEADER]).count()
        if request.role == Role.OFFICE and not bulletin.is_published
        else 0,
    }


@require_safe
@readers_and_deputies
@reads_replica
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    context = _bulletin_context(request, bulletin)
    if request.role == Role.OFFICE and not bulletin.is_published:
        context["form"] = BulletinForm(instance=bulletin)
    return render(request, "assessments/bulletin/bulletin.html", context)


@require_safe
@readers_and_deputies
@reads_replica
def bulletin_print(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    return render(request, "assessments/bulletin/bulletin_print.html", _bulletin_context(request, bulletin))


@require_safe
@readers_and_deputies
@reads_replica
def bulletin_export(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    ranking = list(assessment.month_ranking(township=request.township, month=bulletin.month))
    counts, implemented = bulletin_selectors.bulletin_counts(bulletin)
    rates = bulletin_selectors.bulletin_rates(bulletin) + ([implemented] if implemented else [])
    name = _("%(town)s bulletin %(month)s") % {"town": request.township.name, "month": f"{bulletin.month:%Y-%m}"}
    return xlsx_response(
        bulletin_workbook(bulletin=bulletin, ranking=ranking, rates=rates, counts=counts),
        f"{name}.xlsx",
    )


@require_safe
@readers_and_deputies
@reads_replica
def bulletin_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The bulletin as a Word document (公文), numbered by its month: 〔2026〕12号 for December's."""
    bulletin = _bulletin(request, pk)
    counts, implemented = bulletin_selectors.bulletin_counts(bulletin)
    day = timezone.localtime(bulletin.published_at).date() if bulletin.published_at else timezone.localdate()
    content = document_build(
        name="bulletin",
        township=request.township,
        context={
            "bulletin": bulletin,
            "ranking": list(assessment.month_ranking(township=request.township, month=bulletin.month)),
            "rates": bulletin_selectors.bulletin_rates(bulletin) + ([implemented] if implemented else []),
            "duty": (bulletin.figures or {}).get("duty", {}),
            # The visit figures as the page, print and workbook show them, two to a table row.
            "count_pairs": list(zip_longest(counts[::2], counts[1::2])),
            "year": bulletin.month.year,
            "number": bulletin.month.month,
            "date": day,
        },
    )
    name = _("%(town)s bulletin %(month)s") % {"town": request.township.name, "month": f"{bulletin.month:%Y-%m}"}
    return docx_response(content, f"{name}.docx")


@require_POST
@office_only
def bulletin_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin.objects.for_township(request.township), pk=pk)
    form = BulletinForm(request.POST, instance=bulletin)
    if not form.is_valid():
        context = _bulletin_context(request, bulletin) | {"form": form}
        return render(request, "assessments/bulletin/bulletin.html", context, status=400)
    try:
        texts = {key: form.cleaned_data[key] for key in ("title", "summary", "praised", "urged")}
        bulletin_update(bulletin=bulletin, **texts)
    except AssessmentError as error:
        refused(request, error)
    else:
        messages.success(request, _("The bulletin is saved."))
    return redirect("bulletin_detail", pk=bulletin.pk)


@require_POST
@office_only
def bulletin_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(Bulletin.objects.for_township(request.township), pk=pk)
    try:
        bulletin_publish(bulletin=bulletin, user=request.user)
    except AssessmentError as error:
        refused(request, error)
    else:
        messages.success(request, _("The bulletin is published; the deputies and leaders are told."))
    return redirect("bulletin_detail", pk=bulletin.pk)


# --- A deputy's own scores -------------------------------------------------------------------------------

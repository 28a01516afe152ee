"""Pages of voters' matters: the office's queue (its readers read it, the voter's mobile masked), a deputy's own
matters (those left at their small group's contact points), a matter with its actions, and its photos."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from congress.access import forbidden, office_and_deputies, readers_and_deputies
from congress.errors import form_problems, refused
from congress.inputs import as_id, as_month
from congress.models import Role, Township
from congress.responses import private_file_response
from deputies.models import Station
from petitions import figures_voters
from petitions.forms.matters import AnswerAgainForm, MatterTakeForm
from petitions.models import MatterPhoto, MatterStatus, VoterMatter
from petitions.selectors import matters as selectors
from petitions.services import matters as services
from petitions.services.matters import MatterError
from petitions.services.visits import VisitError

OFFICE_ACTIONS = ("answer-again", "spam", "unblock", "approve", "withdraw")
ACTIONS = ("take", *OFFICE_ACTIONS)


def _deputy(request: HttpRequest):
    if request.role != Role.DEPUTY:
        return None
    return selectors.point_deputy(user=request.user, township=request.township)


def _visible(request: HttpRequest):
    return selectors.matters_for(viewer=request.membership, township=request.township, deputy=_deputy(request))


def _matter(request: HttpRequest, pk: int) -> VoterMatter:
    return get_object_or_404(_visible(request), pk=pk)


def _month(request: HttpRequest) -> tuple[date, date] | None:
    first = as_month(request.GET.get("month"))
    if first is None:
        return None
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


@require_safe
@readers_and_deputies
def matter_list(request: HttpRequest) -> HttpResponse:
    visible = _visible(request)
    tab = request.GET.get("status") or ""
    tab = tab if tab in selectors.TABS else ""
    rows = selectors.matter_rows(visible, tab=tab, station=as_id(request.GET.get("station")), month=_month(request))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("status", None)
    counts = selectors.matter_counts(visible)
    office = request.role == Role.OFFICE
    return render(
        request,
        "petitions/matters/matter_list.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(key, _tab_label(key), counts[key]) for key in selectors.TABS],
            "query": query.urlencode(),
            "stations": Station.objects.for_township(request.township).filter(is_active=True),
            "blocked": selectors.blocked_phones(township=request.township) if office and tab == "spam" else [],
            "is_deputy": request.role == Role.DEPUTY,
        },
    )


def _tab_label(key: str) -> str:
    if key == selectors.RETURNED:
        return _("Returned by the voter")
    return MatterStatus(key).label


def _detail_context(request: HttpRequest, matter: VoterMatter, take_form=None) -> dict:
    deputy = _deputy(request)
    office = request.role == Role.OFFICE
    can_take = matter.status == MatterStatus.NEW and (office or deputy is not None)
    if can_take and take_form is None:
        take_form = MatterTakeForm(matter=matter, township=request.township, first_group=_first_group(matter, deputy))
    return {
        "matter": matter,
        "show_contacts": selectors.handles_voter(viewer=request.membership, matter=matter, deputy=deputy),
        "updates": matter.updates.all(),
        "photos": matter.photos.all(),
        "take_form": take_form if can_take else None,
        "answer_form": AnswerAgainForm() if office else None,
        "is_office": office,
        "returned": matter.status == MatterStatus.HANDLING and matter.reopened_at is not None,
        "blocked": office and selectors.blocked_phones(township=request.township).filter(phone=matter.phone).exists(),
    }


def _first_group(matter: VoterMatter, deputy):
    """The deputies of the taker's small group (or of the point's first group) first in the pickers."""
    if deputy is not None:
        return deputy.small_group
    return matter.station.small_groups.first()


@require_safe
@readers_and_deputies
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _matter(request, pk)
    return render(request, "petitions/matters/matter_detail.html", _detail_context(request, matter))


@require_POST
@office_and_deputies
def matter_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take (the office or a deputy of the point), and the office's answer again, spam, unblock, approve and
    withdraw: each through its service."""
    matter = _matter(request, pk)
    if action not in ACTIONS:
        raise Http404
    if action in OFFICE_ACTIONS and request.role != Role.OFFICE:
        return forbidden(request)
    if action == "take":
        return _take(request, matter)
    try:
        if action == "answer-again":
            form = AnswerAgainForm(request.POST)
            if not form.is_valid():
                messages.error(request, form_problems(form, _("Write the answer.")))
                return redirect("matter_detail", pk=matter.pk)
            services.matter_answer_again(matter=matter, user=request.user, text=form.cleaned_data["text"])
        elif action == "spam":
            services.matter_spam(matter=matter, user=request.user)
        elif action == "unblock":
            services.phone_unblock(matter=matter, user=request.user)
        else:
            services.matter_approve(matter=matter, user=request.user, approve=action == "approve")
    except MatterError as error:
        refused(request, error)
        return redirect("matter_detail", pk=matter.pk)
    messages.success(request, _("Saved."))
    if action == "spam":
        return redirect("matter_list")
    return redirect("matter_detail", pk=matter.pk)


def _take(request: HttpRequest, matter: VoterMatter) -> HttpResponse:
    deputy = _deputy(request)
    form = MatterTakeForm(
        request.POST, matter=matter, township=request.township, first_group=_first_group(matter, deputy)
    )
    if form.is_valid():
        try:
            services.matter_take(matter=matter, user=request.user, plan=form.plan(), deputy=deputy)
        except MatterError as error:
            refused(request, error)
            return redirect("matter_detail", pk=matter.pk)
        except VisitError as error:
            form.add_error(None, error.text)
        else:
            messages.success(request, _("The matter is taken and its visit recorded."))
            return redirect("matter_detail", pk=matter.pk)
    matter.refresh_from_db()
    if matter.status != MatterStatus.NEW:
        messages.error(request, _("This matter was already taken, or is no longer waiting to be taken."))
        return redirect("matter_detail", pk=matter.pk)
    return render(request, "petitions/matters/matter_detail.html", _detail_context(request, matter, form))


@require_safe
@readers_and_deputies
def matter_photo(request: HttpRequest, pk: int, photo: int) -> HttpResponse:
    """A voter's photo, to the office and the deputies of the matter's point only."""
    matter = _matter(request, pk)
    if not selectors.handles_voter(viewer=request.membership, matter=matter, deputy=_deputy(request)):
        raise Http404
    picture = get_object_or_404(MatterPhoto.objects.for_township(request.township), matter=matter, pk=photo)
    return private_file_response(request, picture.image, f"{matter.reference}-{picture.pk}.jpg")


@require_safe
def public_matter_figures(request: HttpRequest, code: str) -> HttpResponse:
    """The town's figures of voters' matters, and the answered matters shown with the voter's leave: for the
    public, no login; never a name nor a mobile."""
    township = get_object_or_404(Township.objects.select_related("county"), code=code)
    year, months = figures_voters.year_figures(township=township)
    return render(
        request,
        "petitions/matters/public_figures.html",
        {
            "public_township": township,
            "year": year,
            "months": months,
            "shown": figures_voters.public_matters(township=township),
        },
    )

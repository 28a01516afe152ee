"""The voters' pages (群众意见建议), phone-first and without a login: leave a matter (from a contact point's QR code
or the town's public page) once the mobile answers a text-message code, then follow it on a private link and
rate the answer. Nothing of the matter is stored before the code is right; the private link's token is the
only credential, and a wrong one is a plain 404."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from congress.audit import changes_made_by, client_ip
from congress.models import Township
from congress.responses import private_file_response
from petitions.forms.voters import MatterForm, PhoneForm, RateForm
from petitions.models import MatterStatus
from petitions.selectors import voters as selectors
from petitions.services import voters as services

# Per address, beside the per-mobile limits the services count from the stored rows: a network that asks for
# codes or sends forms without end is turned away before anything is sent or checked.
CODE_RATE = "20/h"
SUBMIT_RATE = "30/h"


def _address(group: str, request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def _too_often(request: HttpRequest, group: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key=_address, rate=rate, method="POST", increment=True)


def private(view):
    """A page of a voter's private link: its address (the token) is never sent to another site, no search
    engine keeps it, and nothing caches it. "same-origin", not "no-referrer": under "no-referrer" the browser
    sends `Origin: null` with the page's own forms (the rating, the language), which CSRF then refuses."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    return wrapped


def masked_mobile(phone: str) -> str:
    """A mobile as the voter's own page shows it, enough to recognise it: 138****8000."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else "****"


def _township(code: str) -> Township:
    return get_object_or_404(Township.objects.select_related("county"), code=code)


def _form_page(request: HttpRequest, township: Township, form: MatterForm, **extra) -> HttpResponse:
    return render(request, "petitions/public/matter_form.html", {"public_township": township, "form": form, **extra})


def _station(township: Township, pk: str) -> dict:
    """The contact point named by `pk` as the form's initial value, when it is one of this town's active ones;
    any other value (another town's, a word, a number too long for an id) is ignored."""
    station = None
    if pk.isdigit() and len(pk) < 10:
        station = selectors.intake_stations(township=township).filter(pk=pk).first()
    return {"station": station} if station else {}


@require_http_methods(["GET", "HEAD", "POST"])
def public_matter_create(request: HttpRequest, code: str) -> HttpResponse:
    """The form to leave a matter; the final POST (with the code) stores it and opens the private link."""
    township = _township(code)
    if request.method != "POST":
        return _form_page(
            request, township, MatterForm(township=township, initial=_station(township, request.GET.get("station", "")))
        )
    form = MatterForm(request.POST, request.FILES, township=township)
    if _too_often(request, "matter-submit", SUBMIT_RATE):
        form.is_valid()
        return _form_page(request, township, form, refusal=_("Too many attempts from this network. Try again later."))
    if not form.is_valid():
        return _form_page(request, township, form)
    draft = services.MatterDraft(**{key: form.cleaned_data[key] for key in services.MatterDraft.__dataclass_fields__})
    try:
        with changes_made_by(user=None, address=client_ip(request)):
            matter = services.voter_matter_submit(township=township, draft=draft, ip_address=client_ip(request))
    except services.VoterError as error:
        return _form_page(request, township, form, refusal=error.text)
    messages.success(request, _("Thank you. Your matter was received."))
    return redirect("public_matter_track", token=matter.token)


@require_POST
def public_matter_code(request: HttpRequest, code: str) -> HttpResponse:
    """Send the text-message code to the mobile typed in the form. From the page's script (js/matter_code.js),
    only the line saying what happened; without it, the whole form again, as it was typed, with that line."""
    township = _township(code)
    phone_form = PhoneForm(request.POST)
    sent, note = False, ""
    if not phone_form.is_valid():
        note = " ".join(phone_form.errors.get("phone", [])) or _("Enter a mainland mobile number of 11 digits.")
    elif _too_often(request, "matter-code", CODE_RATE):
        note = _("Too many codes were asked from this network in the last hour. Please try again later.")
    else:
        try:
            services.phone_code_send(
                township=township, phone=phone_form.cleaned_data["phone"], ip_address=client_ip(request)
            )
            sent, note = True, _("A code was sent to your mobile. It is valid for 10 minutes.")
        except services.VoterError as error:
            note = error.text
    if request.headers.get("HX-Request") == "true":
        return render(request, "petitions/public/_code_status.html", {"sent": sent, "note": note})
    form = MatterForm(township=township, initial=_typed(request, township))
    return _form_page(request, township, form, code_sent=sent, code_note=note)


def _typed(request: HttpRequest, township: Township) -> dict:
    """What the voter typed, to show the form again as it was (the station only when it is this town's)."""
    typed = {key: request.POST.get(key, "") for key in ("content", "village", "name", "phone")}
    typed["public_allowed"] = bool(request.POST.get("public_allowed"))
    return typed | _station(township, request.POST.get("station", ""))


@private
@require_safe
def public_matter_track(request: HttpRequest, token: str) -> HttpResponse:
    """The voter's private link: the reference, the contact point, the status, the steps, the photos."""
    matter = selectors.matter_for_token(token=token)
    return render(
        request,
        "petitions/public/matter_track.html",
        {
            "matter": matter,
            "public_township": matter.township,
            "masked_phone": masked_mobile(matter.phone),
            "answer": selectors.matter_answer(matter=matter),
            "rate_form": RateForm() if matter.status == MatterStatus.ANSWERED else None,
        },
    )


@private
@require_POST
def public_matter_rate(request: HttpRequest, token: str) -> HttpResponse:
    """The voter's rating of the answer; refused with a message unless the matter waits for it."""
    matter = selectors.matter_for_token(token=token)
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the ratings."))
        return redirect("public_matter_track", token=token)
    try:
        with changes_made_by(user=None, address=client_ip(request)):
            services.voter_matter_rate(token=matter.token, rating=form.cleaned_data["rating"])
    except services.VoterError as error:
        messages.error(request, error.text)
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect("public_matter_track", token=token)


@private
@require_safe
def public_matter_photo(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """A photo of the private link's own matter; any other is a 404."""
    matter = selectors.matter_for_token(token=token)
    photo = next((photo for photo in matter.photos.all() if photo.pk == pk), None)
    if photo is None:
        raise Http404
    return private_file_response(request, photo.image, f"{matter.reference}-{photo.pk}.jpg")

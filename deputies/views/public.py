"""A deputy's portrait, for the town's public pages: sent only while the deputy serves, to anyone."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from congress.models import Township
from congress.responses import private_file_response
from deputies.selectors.public import public_deputy_with_photo

# The page links the portrait with its stored name in the address (see portrait_url), so a new portrait is a new
# address: a day in any cache is safe, and a deputy whose term ends drops off the pages within it.
PORTRAIT_MAX_AGE = 24 * 3600


@require_safe
def public_deputy_photo(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    township = get_object_or_404(Township, code=code)
    try:
        deputy = public_deputy_with_photo(township=township, pk=pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    response = private_file_response(request, deputy.photo, f"{deputy.name}.jpg")
    # Unlike other private files, a serving deputy's portrait is public: browsers and proxies may keep it.
    response["Cache-Control"] = f"public, max-age={PORTRAIT_MAX_AGE}"
    return response

"""One kind of refusal for every rule of the domain, shown to the person the same way on every page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class RuleViolation(ValidationError):
    """A rule refused the action; the message says why, for the person who tried. Each app names its own
    subclass (DutyError, ProposalError, …) so a caller can tell whose rule it was."""

    @property
    def text(self) -> str:
        """All the messages as one sentence, for a flash message or a form's non-field error."""
        return " ".join(self.messages)


def form_problems(form, fallback: str) -> str:
    """What a form posted to a page that redirects refused, for a flash message: the fields' own words (a date
    out of its range names the range), or `fallback` when all it lacks is a field left empty."""
    said = [
        " ".join(error.messages)
        for errors in form.errors.as_data().values()
        for error in errors
        if error.code != "required"
    ]
    return " ".join(said) or str(fallback)


def refused(request: HttpRequest, error: RuleViolation) -> None:
    """Tell the person why their action was refused, at the top of the next page."""
    messages.error(request, error.text)

"""Reads of the town's terms (届)."""

from congress.models import Township
from deputies.models import Term


def current_term(*, township: Township) -> Term | None:
    """The town's current term (the one not ended), or None for a town that has recorded none yet."""
    return Term.objects.filter(township=township, ends_on__isnull=True).first()


def current_term_number(*, township: Township) -> int | None:
    """The number of the town's current term, for a deputy registered now (a by-election joins it too)."""
    term = current_term(township=township)
    return term.number if term else None


def terms_of(*, township: Township) -> list[Term]:
    """Every term of the town, the current first."""
    return list(Term.objects.filter(township=township).order_by("-number"))

"""Reads of one-tap links: what a link acts on, only ever in its own town and among its own deputy's rows."""

from typing import TypeVar

from django.db.models import Model, QuerySet

from deputies.models import DeputyLink

Row = TypeVar("Row", bound=Model)


def link_target(*, link: DeputyLink, rows: QuerySet[Row], deputy_field: str = "deputy") -> Row | None:
    """The row of `rows` the link names, if it is in the link's town and `deputy_field` is the link's deputy: a
    link never acts on another deputy's row, whatever its target says."""
    return rows.filter(township_id=link.township_id, pk=link.target_id, **{deputy_field: link.deputy_id}).first()

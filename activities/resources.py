"""The activities list as a workbook: each activity with its invitation and attendance counts."""

from django.utils.translation import gettext as _

from congress.spreadsheets import Sheet, workbook


def activity_workbook(*, activities, township, period: str = "") -> bytes:
    """One row per activity of the filtered list (annotated by `selectors.activity_list`): date, kind, topic,
    places, organiser, small group, and how many were invited, attended, were on leave or absent."""
    headers = [
        _("Date"),
        _("Kind"),
        _("Topic"),
        _("Places"),
        _("Organiser"),
        _("Small group"),
        _("Invited"),
        _("Attended"),
        _("On leave"),
        _("Absent"),
    ]
    rows = [
        [
            f"{a.date:%Y-%m-%d}",
            str(a.kind_label),
            a.title,
            a.places,
            a.organiser,
            a.small_group.name if a.small_group_id else "",
            a.invited,
            a.attended,
            a.on_leave,
            a.absent,
        ]
        for a in activities
    ]
    sheet = Sheet(name=_("Activities and training"), headers=headers, rows=rows)
    return workbook([sheet], township=township, period=period)

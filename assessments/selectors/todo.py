"""The office's to-do list on its home: each queue that still has something waiting, counted now from the rows
themselves — never from messages, which stay in the inbox after the thing they announced is done."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.selectors import pending_activity_leave_count
from assessments.models import Bulletin, BulletinStatus
from congress.dates import format_month
from congress.models import Township
from petitions.models import DeadlineExtension, DutyDay, DutyDayStatus, ExtensionStatus, Referral
from petitions.selectors.duty import pending_leave_count
from petitions.selectors.matters import new_matter_count
from petitions.selectors.visits import overdue
from proposals.models import Proposal, Status


@dataclass(frozen=True)
class TodoItem:
    """One queue with something waiting: what it is (a stable key for tests), how many, where to act."""

    key: str
    count: int
    text: str
    url: str


def office_todo(*, township: Township) -> list[TodoItem]:
    """What waits for the office now, most pressing first; a queue with nothing waiting is left out."""
    today = timezone.localdate()
    drafts = DutyDay.objects.for_township(township).filter(status=DutyDayStatus.DRAFT, date__gte=today)
    first_draft = drafts.order_by("date").values_list("date", flat=True).first()
    bulletin = Bulletin.objects.for_township(township).filter(status=BulletinStatus.DRAFT).order_by("month").first()
    counts = [
        ("matters", new_matter_count(township=township), reverse("matter_list"), _matters_text),
        ("duty_leave", pending_leave_count(township=township), reverse("leave_list"), _leave_text),
        (
            "activity_leave",
            pending_activity_leave_count(township=township),
            f"{reverse('activity_list')}?leave=waiting",
            _activity_leave_text,
        ),
        (
            "extensions",
            DeadlineExtension.objects.for_township(township).filter(status=ExtensionStatus.PENDING).count(),
            f"{reverse('referral_list')}?status=all&extension=waiting",
            _extensions_text,
        ),
        (
            "overdue",
            overdue(Referral.objects.for_township(township), today=today).count(),
            f"{reverse('referral_list')}?overdue=1",
            _overdue_text,
        ),
        (
            "proposals",
            Proposal.objects.for_township(township).filter(status=Status.SUBMITTED).count(),
            f"{reverse('proposal_list')}?status={Status.SUBMITTED}",
            _proposals_text,
        ),
        (
            "drafts",
            drafts.count(),
            f"{reverse('roster')}?year={first_draft.year}&month={first_draft.month}" if first_draft else "",
            _drafts_text,
        ),
    ]
    items = [TodoItem(key, n, text(n), url) for key, n, url, text in counts if n]
    if bulletin:
        text = _("The bulletin of %(m)s is drafted: check it and publish it.") % {"m": format_month(bulletin.month)}
        items.append(TodoItem("bulletin", 1, text, reverse("bulletin_detail", args=[bulletin.pk])))
    return items


def _leave_text(n: int) -> str:
    # The words the home said before, so that their translation stays.
    return ngettext("%(n)s leave request waits for a decision", "%(n)s leave requests wait for a decision", n) % {
        "n": n
    }


def _activity_leave_text(n: int) -> str:
    return ngettext(
        "%(n)s leave request from an activity waits for a decision",
        "%(n)s leave requests from activities wait for a decision",
        n,
    ) % {"n": n}


def _extensions_text(n: int) -> str:
    return ngettext(
        "%(n)d request to extend a deadline waits for a decision",
        "%(n)d requests to extend a deadline wait for a decision",
        n,
    ) % {"n": n}


def _overdue_text(n: int) -> str:
    return ngettext("%(n)d referred case is past its deadline", "%(n)d referred cases are past their deadline", n) % {
        "n": n
    }


def _proposals_text(n: int) -> str:
    return ngettext("%(n)d submitted item waits for review", "%(n)d submitted items wait for review", n) % {"n": n}


def _drafts_text(n: int) -> str:
    return ngettext(
        "%(n)d coming duty day is still a draft: publish it", "%(n)d coming duty days are still drafts: publish them", n
    ) % {"n": n}


def _matters_text(n: int) -> str:
    return ngettext(
        "%(n)d voter's matter waits to be taken or answered again",
        "%(n)d voters' matters wait to be taken or answered again",
        n,
    ) % {"n": n}

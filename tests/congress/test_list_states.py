"""Every long list, when it has no rows, says so in a sentence instead of showing a table of headers: one
sentence for a town that has nothing yet, another, with a way to clear them, when the reader's filters left
nothing. The sentences are checked as the page's language (Chinese, the default) translates them."""

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-CN"}

# (who looks, the list, the sentence it shows with no rows). Office pages run in a town with only its office
# (no deputy, no unit); the deputy's and the unit's pages in a town with only them.
EMPTY = [
    ("alice", "/register/deputies/", "No serving deputy is in the register yet."),
    ("alice", "/register/groups/", "No delegation groups yet. Add a large group first, then its small groups."),
    ("alice", "/register/stations/", "No reception station or contact point is registered yet."),
    ("alice", "/register/units/", "No handling unit is registered yet."),
    ("alice", "/register/leaders/", "No town leader is registered yet."),
    ("alice", "/visits/", "No visit is recorded yet."),
    ("alice", "/visits/referrals/", "No case has been referred yet."),
    ("alice", "/visits/counts/", "No visit is recorded in this period. Choose another period to see more."),
    ("alice", "/visits/cases/", "No major, difficult case is recorded yet."),
    ("alice", "/visits/panel/", "No panel meeting is planned yet. Choose a month above and plan one."),
    ("alice", "/duty/leave/", "No leave requests yet."),
    ("alice", "/duty/subsidies/", "Nobody attended a duty day this month, so there is no subsidy to pay."),
    ("alice", "/proposals/", "No proposal or suggestion is filed yet."),
    ("alice", "/proposals/rates/", "No item has been assigned to a handling unit yet."),
    ("alice", "/activities/", "No activity or training is recorded yet."),
    ("alice", "/activities/plans/", "No active small group yet."),
    ("alice", "/records/", "No serving deputy in the register yet."),
    (
        "alice",
        "/assessment/",
        "This month is not assessed yet. The assessment runs on the 1st of the next month at 02:00; the office "
        "can compute it now.",
    ),
    ("alice", "/assessment/year/", "No month of this year is assessed yet."),
    (
        "alice",
        "/bulletins/",
        "No bulletin yet. Each month's bulletin is drafted on the 1st of the next month, and appears here once the "
        "office publishes it.",
    ),
    ("alice", "/inbox/", "No messages yet. Reminders and decisions that concern you will appear here."),
    ("alice", "/messages/", "The town has sent no message yet."),
    ("alice", "/notices/", "No notice has been sent yet."),
    ("bob", "/duty/mine/", "No coming duty day is published for you."),
    ("bob", "/activities/mine/", "No activity is coming for you. Invitations from the congress office appear here."),
    ("bob", "/activities/mine/", "Nothing recorded yet."),
    ("bob", "/assessment/mine/", "No month is assessed yet. Your score appears here after the 1st of each month."),
    (
        "bob",
        "/proposals/",
        "You have not led or co-signed a proposal or suggestion yet, and none has been made public.",
    ),
    ("carol", "/visits/referrals/", "No case has been referred to your unit yet."),
    ("carol", "/proposals/", "No proposal or suggestion has been assigned to your unit yet."),
]

# (who looks, the list with a filter that matches nothing, the sentence, where "clear the filters" leads).
FILTERED = [
    (
        "alice",
        "/register/deputies/?q=无此人",
        "No deputy matches these filters. Change the filters and search again.",
        "/register/deputies/",
    ),
    (
        "alice",
        "/register/deputies/?status=ended&order=name",
        "No deputy matches these filters. Change the filters and search again.",
        "/register/deputies/",
    ),
    (
        "alice",
        "/visits/?month=2020-01",
        "No visit matches these filters. Change the filters and search again.",
        "/visits/",
    ),
    (
        "alice",
        "/visits/referrals/?overdue=1",
        "No referred case matches these filters. Change the filters and search again.",
        "/visits/referrals/",
    ),
    (
        "alice",
        "/proposals/?status=closed",
        "No proposal or suggestion matches these filters. Change the filters and search again.",
        "/proposals/",
    ),
    (
        "alice",
        "/activities/?q=无此活动",
        "No activity matches these filters. Change the filters and search again.",
        "/activities/",
    ),
    (
        "alice",
        "/audit/?since=2020-01-01&until=2020-01-31",
        "Nothing recorded matches these filters. Change the filters and search again.",
        "/audit/",
    ),
    (
        "alice",
        "/messages/?status=failed&q=无此人",
        "No message matches these filters. Change the filters and search again.",
        "/messages/",
    ),
    (
        "bob",
        "/proposals/?kind=proposal",
        "No proposal or suggestion matches these filters. Change the filters and search again.",
        "/proposals/",
    ),
    (
        "carol",
        "/visits/referrals/?status=closed",
        "No referred case matches these filters. Change the filters and search again.",
        "/visits/referrals/",
    ),
]


def _main(html: str) -> str:
    found = re.search(r"<main\b.*?</main>", html, flags=re.S)
    assert found, "the page has no <main>"
    return found.group(0)


def _in_chinese(message: str) -> str:
    with translation.override("zh-hans"):
        return escape(gettext(message))


def _page(login, request, who: str, url: str) -> str:
    response = login(request.getfixturevalue(who)).get(url, **CHINESE)
    assert response.status_code == 200, f"{who} {url}: {response.status_code}"
    return _main(response.content.decode())


@pytest.mark.parametrize(("who", "url", "message"), EMPTY)
def test_an_empty_list_says_so_in_a_sentence_instead_of_an_empty_table(login, request, who, url, message):
    main = _page(login, request, who, url)
    assert _in_chinese(message) in main
    assert 'data-empty="none"' in main
    assert 'data-empty="filtered"' not in main
    assert "<table" not in main, "a table of headers only"


@pytest.mark.parametrize(("who", "url", "message", "clear"), FILTERED)
def test_a_filter_that_matches_nothing_says_so_and_offers_to_clear_it(login, request, who, url, message, clear):
    main = _page(login, request, who, url)
    assert _in_chinese(message) in main
    assert 'data-empty="filtered"' in main
    assert f'href="{clear}"' in main
    assert _in_chinese("Clear the filters") in main
    assert "<table" not in main, "a table of headers only"


def test_a_list_with_rows_shows_them_and_no_empty_sentence(login, alice, bob):
    """bob is a serving deputy of alice's town: the register lists him and says nothing about emptiness."""
    main = _main(login(alice).get("/register/deputies/", **CHINESE).content.decode())
    assert "鲍勃" in main
    assert "<table" in main
    assert "data-empty" not in main

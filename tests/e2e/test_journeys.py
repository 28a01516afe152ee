"""A deputy's five everyday journeys on a 375 px phone, from the home page after login, in three taps or fewer:
see the next duty, sign in on the duty day, ask leave, read a reply and rate it, see the month's score and rank.

Every tap is counted, and each tapped target is measured: at least 44 × 44 CSS px, the size static/css/app.css
gives a `.btn` on a phone (a `.btn-sm` gets 40 px there; no journey taps one). At the end of each journey the
page does not scroll sideways, no visible text in it is smaller than 14 px, and axe-core finds nothing serious
(the screenshot fixture). The data is the demo's: its `deputy` login, a deputy of a small group of 大莫古镇."""

import os
from datetime import datetime, timedelta

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

try:
    from playwright.sync_api import Locator, Page, expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from assessments.selectors.assessment import my_months
from demo.organisation import DEMO_PASSWORD
from deputies.models import Deputy
from petitions.models import AttendanceStatus, LeaveRequest, LeaveStatus
from petitions.presence import day_code
from petitions.selectors.duty import next_duty, reception_settings_for
from proposals.models import Feedback, Proposal, Rating, Status
from tests.e2e.test_roles import assert_no_horizontal_scroll, log_in

MAX_TAPS = 3
MIN_TARGET_PX = 44  # static/css/app.css: `.btn { min-height: 44px }` below 576 px
MIN_TEXT_PX = 14

# The smallest visible text inside <main>: its size in px and the text, to name it in a failure.
SMALLEST_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!text || el.closest(".visually-hidden, [hidden], option")) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    found.push([parseFloat(getComputedStyle(el).fontSize), text.slice(0, 40)]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return found[0] || [99, ""];
}"""


class Journey:
    """A phone page and the taps a person makes on it, each on a target big enough for a thumb."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.taps = 0
        self.targets: list[tuple[str, float, float]] = []

    def tap(self, target: Locator) -> None:
        target.scroll_into_view_if_needed()
        expect(target).to_be_visible()
        box = target.bounding_box()
        name = (target.inner_text() or target.get_attribute("aria-label") or "").strip()[:30]
        size = f"{box['width']:.0f} × {box['height']:.0f}"
        assert box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, (
            f"the target “{name}” is {size} px, under {MIN_TARGET_PX} × {MIN_TARGET_PX}"
        )
        self.targets.append((name, box["width"], box["height"]))
        self.taps += 1
        target.tap()

    def end(self, screenshot) -> None:
        """The journey is over: count the taps and check the page a person now reads."""
        assert self.taps <= MAX_TAPS, f"{self.taps} taps: {self.targets}"
        assert_no_horizontal_scroll(self.page)
        body = self.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body >= MIN_TEXT_PX, f"body text is {body} px"
        size, text = self.page.evaluate(SMALLEST_TEXT)
        assert size >= MIN_TEXT_PX, f"“{text}” is {size} px, under {MIN_TEXT_PX}"
        screenshot(self.page, "end")


@pytest.fixture
def demo(demo):
    """The demo loaded (tests/e2e/conftest.py); here, its `deputy` login's deputy."""
    return Deputy.objects.get(user__username="deputy")


def _home(page, live_server) -> Journey:
    tab = page("phone")
    log_in(tab, live_server.url, "deputy", DEMO_PASSWORD)
    tab.wait_for_url(f"{live_server.url}/")
    return Journey(tab)


def _month_day(day) -> str:
    with translation.override("zh-hans"):
        return formats.date_format(day, "MONTH_DAY_FORMAT")


def test_a_deputy_sees_the_next_duty_on_the_home_page_without_a_tap(page, live_server, demo, screenshot):
    duty = next_duty(deputy=demo)
    assert duty is not None, "the demo gives the deputy a coming duty day"
    journey = _home(page, live_server)

    card = journey.page.locator(f'main [data-duty="{duty.pk}"]')
    expect(card).to_be_in_viewport()
    expect(card).to_contain_text(_month_day(duty.duty_day.date))
    expect(card).to_contain_text(duty.duty_day.station.name)
    journey.end(screenshot)
    assert journey.taps == 0


def test_a_deputy_signs_in_on_the_duty_day_in_two_taps(page, live_server, demo, time_machine, screenshot):
    duty = next_duty(deputy=demo)
    opens = reception_settings_for(township=demo.township).window_opens
    at = timezone.make_aware(datetime.combine(duty.duty_day.date, opens) + timedelta(minutes=5))
    time_machine.move_to(at, tick=True)
    journey = _home(page, live_server)

    sign_in = f"/duty/sign-in/{duty.duty_day.station_id}/"
    journey.tap(journey.page.locator(f'main [data-duty="{duty.pk}"] a[href="{sign_in}"]'))
    journey.page.wait_for_url(f"{live_server.url}{sign_in}")
    screenshot(journey.page, "sign-in")
    # The demo town asks for the day's code (a new town's choice): typed from the station's screen, not a tap.
    journey.page.locator("#sign-in-code").fill(day_code(station_id=duty.duty_day.station_id, day=duty.duty_day.date))
    journey.tap(journey.page.locator("main .sign-in-button"))
    expect(journey.page.locator("main .alert-success").first).to_be_visible()
    journey.end(screenshot)
    duty.refresh_from_db()
    assert duty.status == AttendanceStatus.PRESENT
    assert journey.taps == 2


def test_a_deputy_asks_leave_for_the_next_duty_day_in_three_taps(page, live_server, demo, screenshot):
    duty = next_duty(deputy=demo)
    journey = _home(page, live_server)

    journey.tap(journey.page.locator(f'main [data-duty="{duty.pk}"] a[href="/duty/mine/{duty.pk}/leave/"]'))
    journey.page.wait_for_url(f"{live_server.url}/duty/mine/{duty.pk}/leave/")
    expect(journey.page.locator("main")).to_contain_text(duty.duty_day.station.name)
    journey.tap(journey.page.locator("#id_reason"))
    journey.page.keyboard.type("参加县人大常委会培训")
    screenshot(journey.page, "form")
    journey.tap(journey.page.locator("main form button[type=submit]"))
    expect(journey.page.locator("main .alert-success").first).to_be_visible()
    journey.end(screenshot)
    leave = LeaveRequest.objects.get(assignment=duty)
    assert leave.status == LeaveStatus.PENDING
    assert leave.reason == "参加县人大常委会培训"
    assert journey.taps == 3


def test_a_deputy_reads_the_reply_to_a_proposal_and_rates_it_in_two_taps(page, live_server, demo, screenshot):
    item = Proposal.objects.filter(lead_deputy=demo, status=Status.REPLIED).first()
    assert item is not None, "the demo has a reply waiting for the deputy's rating"
    reply = item.replies.get(round=item.round)
    journey = _home(page, live_server)

    journey.tap(journey.page.locator(f'main a[href="/proposals/{item.pk}/"]'))
    journey.page.wait_for_url(f"{live_server.url}/proposals/{item.pk}/")
    expect(journey.page.locator("main")).to_contain_text(reply.text)
    screenshot(journey.page, "rate")
    journey.tap(journey.page.locator('main form[data-rating="satisfied"] button[type=submit]'))
    expect(journey.page.locator("main .alert-success").first).to_be_visible()
    journey.end(screenshot)
    item.refresh_from_db()
    assert item.status == Status.CLOSED
    feedback = Feedback.objects.get(proposal=item, round=item.round)
    ratings = {feedback.consultation, feedback.attitude, feedback.reply, feedback.result, feedback.overall}
    assert ratings == {Rating.SATISFIED}
    assert journey.taps == 2


def test_a_deputy_sees_the_months_score_and_rank_on_the_home_page_and_its_lines_in_one_tap(
    page, live_server, demo, screenshot
):
    latest = my_months(deputy=demo, limit=1)[0]
    with translation.override("zh-hans"):
        rank = gettext("Rank %(rank)s of %(of)s in the town") % {"rank": latest.assessment.rank, "of": latest.of}
    journey = _home(page, live_server)

    card = journey.page.locator('main a[href="/assessment/mine/"]').first
    expect(card).to_be_in_viewport()
    expect(card).to_contain_text(str(latest.assessment.total))
    expect(card).to_contain_text(rank)
    journey.tap(card)
    journey.page.wait_for_url(f"{live_server.url}/assessment/mine/")
    month = journey.page.locator("main .card").first
    expect(month).to_contain_text(str(latest.assessment.total))
    expect(month).to_contain_text(rank)
    journey.end(screenshot)
    assert journey.taps == 1

"""Loading and error states on every page (static/js/app.js): a submitted form's button is busy until the next
page answers; with the network lost a form is not sent (what was typed stays) and the page says why; an htmx
request that fails or cannot reach the server says so in the reader's language."""

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from tests.e2e.test_roles import log_in, tr
from tests.factories import PASSWORD

OFFLINE = (
    "The network connection is lost. What you entered stays on this page; send it again when the connection is back."
)
UNREACHABLE = "The server could not be reached. Check the network connection and try again."
FAILED = "The server could not complete this request. Try again; if it keeps happening, tell the congress office."


@pytest.fixture
def visits_page(e2e_db, alice, page, live_server):
    tab = page("phone")
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.wait_for_url(f"{live_server.url}/")
    tab.goto(f"{live_server.url}/visits/")
    return tab


def test_a_filter_button_is_busy_until_the_filtered_list_answers(visits_page, screenshot):
    tab = visits_page
    # The test keeps the form on the page (a listener after the page's own one cancels the sending), so that
    # the button can be looked at while it waits; then it sends the form for real.
    tab.evaluate("() => { window.hold = (event) => event.preventDefault(); window.addEventListener('submit', hold); }")
    tab.locator("#f-month").fill("2020-01")
    button = tab.locator("main form[role=search] button[type=submit]")
    button.click()

    expect(button).to_have_attribute("aria-busy", "true")
    expect(button).to_be_disabled()
    expect(button.locator(".spinner-border")).to_have_count(1)
    screenshot(tab, "busy")
    tab.evaluate("() => window.removeEventListener('submit', hold)")
    tab.locator("main form[role=search]").evaluate("form => form.requestSubmit()")
    tab.wait_for_url(re.compile(r"/visits/\?month=2020-01"))
    expect(tab.locator('main [data-empty="filtered"]')).to_be_visible()
    button = tab.locator("main form[role=search] button[type=submit]")
    expect(button).to_be_enabled()
    expect(button).not_to_have_attribute("aria-busy", "true")


def test_without_network_a_form_is_not_sent_and_the_page_says_why(visits_page, screenshot):
    tab = visits_page
    problem = tab.locator("#page-problem")
    expect(problem).to_be_hidden()
    tab.locator("#f-month").fill("2020-01")
    tab.context.set_offline(True)
    expect(problem).to_have_text(tr(tab, OFFLINE))  # said as soon as the connection drops

    tab.locator("#page-problem").evaluate("box => { box.hidden = true; }")
    button = tab.locator("main form[role=search] button[type=submit]")
    button.click()
    expect(problem).to_be_visible()
    expect(problem).to_have_text(tr(tab, OFFLINE))
    assert tab.url.endswith("/visits/"), "the form was not sent"
    expect(tab.locator("#f-month")).to_have_value("2020-01")
    expect(button).to_be_enabled()
    screenshot(tab, "offline")

    tab.context.set_offline(False)
    expect(problem).to_be_hidden()


def test_an_htmx_request_that_fails_says_so_in_the_readers_language(visits_page, screenshot):
    tab = visits_page
    problem = tab.locator("#page-problem")
    # Not awaited: the promise of a failed request rejects, and the page, not the test, answers it.
    tab.evaluate("() => { htmx.ajax('GET', '/no-such-page/', {target: '#main', swap: 'none'}).catch(() => {}); }")
    expect(problem).to_have_text(tr(tab, FAILED))
    screenshot(tab, "failed")

    tab.route("**/unreachable/", lambda route: route.abort())
    tab.evaluate("() => { htmx.ajax('GET', '/unreachable/', {target: '#main', swap: 'none'}).catch(() => {}); }")
    expect(problem).to_have_text(tr(tab, UNREACHABLE))

"""The three participations (三个参与): a meeting with the deputy and a special inspection of a key item record
the town leaders, departments and deputies who took part. The item's page shows them and counts, per kind, the
meetings and inspections one of that kind took part in; the rates page (and its workbook) has the table per item
and per main unit. Another town's leader, department or deputy, or a meeting naming nobody, is refused and
nothing is saved."""

import io
from datetime import date, timedelta

import pytest
from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from congress.audit import audit_prune
from proposals import figures, selectors
from proposals.models import ItemInspection, Meeting, Proposal, Stage
from proposals.services.handling import meeting_record
from proposals.services.inspections import inspection_record
from proposals.views import rates
from tests.factories import ActivityFactory, DeputyFactory
from tests.proposals.conftest import snapshot

pytestmark = pytest.mark.django_db

NOBODY = _("Name at least one participant: a town leader, a department, a deputy, or others in words.")


def errors_of(response) -> list[str]:
    return [str(m) for m in messages.get_messages(response.wsgi_request) if m.level == messages.ERROR]


def met(flow, item, stage, **present):
    return meeting_record(
        proposal=item,
        stage=stage,
        held_on=date(2026, 3, 2),
        form="visit",
        participants=present.pop("others", ""),
        notes="",
        user=flow.office,
        **present,
    )


@pytest.fixture
def inspection(town_a):
    return ActivityFactory(township=town_a, kind="special", title="专题视察重点建议办理情况", date=date(2026, 3, 1))


@pytest.fixture
def presidium(town_a):
    """A member of the presidium among the town's deputies."""
    return DeputyFactory(township=town_a, name="主席团成员")


@pytest.fixture
def items(flow, leo, bob, presidium, department_a, department_b, inspection):
    """Three items: the key one (department_a) met twice and inspected; one of department_b met twice, the
    deputy at the first and only others in words at the second; one of department_a not met yet."""
    key = flow.assigned(key_leader=leo.leader)
    met(flow, key, Stage.AFTER_ASSIGNMENT, leaders=[leo.leader], departments=[department_a], deputies=[bob.deputy])
    met(flow, key, Stage.DURING, departments=[department_a], others="村民代表")
    inspection_record(
        proposal=key,
        activity=inspection,
        findings="进度过半",
        user=flow.office,
        leaders=[leo.leader],
        deputies=[bob.deputy, presidium],
    )
    other = flow.assigned(main=department_b)
    met(flow, other, Stage.AFTER_ASSIGNMENT, deputies=[bob.deputy])
    met(flow, other, Stage.DURING, others="承办单位经办人")
    waiting = flow.assigned()
    return key, other, waiting


def test_each_kind_is_counted_once_per_meeting_or_inspection_it_took_part_in(items, login, alice, leo, presidium):
    key, other, waiting = items
    item = selectors.proposal_detail(viewer=alice.memberships.get(), township=key.township, pk=key.pk)
    assert selectors.participation_of(item) == {"leaders": 2, "departments": 2, "deputies": 2}
    item = selectors.proposal_detail(viewer=alice.memberships.get(), township=key.township, pk=other.pk)
    assert selectors.participation_of(item) == {"leaders": 0, "departments": 0, "deputies": 1}

    page = login(alice).get(f"/proposals/{key.pk}/").content.decode()
    assert 'data-count="leaders">' + _("leaders took part %(n)s times").replace("%(n)s", "2") in page
    assert 'data-count="deputies">' + _("the congress took part %(n)s times").replace("%(n)s", "2") in page
    assert page.count('data-took-part="leaders"') == 2  # the consultation and the inspection
    assert page.count('data-took-part="others"') == 1 and "村民代表" in page
    assert leo.leader.name in page and presidium.name in page


def test_the_report_counts_per_item_and_per_main_unit_with_totals(items, department_a, department_b, town_a):
    key, other, waiting = items
    facts = figures.item_facts(items=Proposal.objects.for_township(town_a))
    table = selectors.participation_table(township=town_a, facts=facts)
    per_item = {row["item"].pk: (row["leaders"], row["departments"], row["deputies"]) for row in table["items"]}
    assert per_item == {key.pk: (2, 2, 2), other.pk: (0, 0, 1), waiting.pk: (0, 0, 0)}
    per_unit = {
        row["department"]: (row["items"], row["leaders"], row["departments"], row["deputies"]) for row in table["units"]
    }
    assert per_unit == {department_a: (2, 2, 2, 2), department_b: (1, 0, 0, 1)}
    assert table["total"] == {"items": 3, "leaders": 2, "departments": 2, "deputies": 3}


def test_the_rates_page_and_its_workbook_show_the_table(items, login, alice, department_a):
    client = login(alice)
    page = client.get("/proposals/rates/").content.decode()
    assert 'data-table="participation-units"' in page and 'data-table="participation-items"' in page
    assert f'data-unit="{department_a.pk}"' in page
    book = load_workbook(io.BytesIO(client.get("/proposals/rates/?format=xlsx").content))
    sheet = book[_("Participation by unit")]
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert [department_a.name, 2, 2, 2, 2] in rows and [_("All units"), 3, 2, 2, 3] in rows
    assert [_("All items"), None, None, 2, 2, 3] in [
        list(r) for r in book[_("Participation by item")].iter_rows(values_only=True)
    ]


def test_many_items_are_listed_one_by_one_on_a_page_of_their_own(items, login, alice, monkeypatch):
    """Beyond INLINE_ITEMS the rates page links to the items, with its period; the sums stay on the page."""
    monkeypatch.setattr(rates, "INLINE_ITEMS", 2)
    client = login(alice)
    page = client.get("/proposals/rates/").content.decode()
    assert 'data-table="participation-units"' in page and 'data-table="participation-items"' not in page
    assert 'href="/proposals/rates/items/" data-link="participation-items"' in page

    listed = client.get("/proposals/rates/items/").content.decode()
    assert listed.count("<tr data-item=") == 3 and all(f'data-item="{item.pk}"' in listed for item in items)

    year = client.get("/proposals/rates/?period=this_year").content.decode()
    assert 'href="/proposals/rates/items/?period=this_year"' in year


def test_the_by_item_page_counts_over_the_period_asked(items, login, alice):
    client = login(alice)
    before = client.get("/proposals/rates/items/?period=dates&start=2020-01-01&end=2020-12-31").content.decode()
    assert "<tr data-item=" not in before and 'data-empty="none"' in before
    wrong = client.get("/proposals/rates/items/?period=dates&start=2026-12-31&end=2026-01-01")
    assert wrong.status_code == 200 and errors_of(wrong)  # said, and every item to date shown
    assert wrong.content.decode().count("<tr data-item=") == 3


def test_the_table_costs_four_queries_whatever_the_number_of_items(
    flow, leo, bob, department_a, town_a, django_assert_num_queries
):
    for _n in range(5):
        item = flow.assigned(key_leader=leo.leader)
        met(flow, item, Stage.AFTER_ASSIGNMENT, leaders=[leo.leader], departments=[department_a], deputies=[bob.deputy])
    facts = figures.item_facts(items=Proposal.objects.for_township(town_a))
    with django_assert_num_queries(4):
        table = selectors.participation_table(township=town_a, facts=facts)
    assert table["total"] == {"items": 5, "leaders": 5, "departments": 5, "deputies": 5}


def test_the_rates_page_costs_the_same_queries_with_more_items(
    flow, login, alice, leo, bob, department_a, django_assert_max_num_queries
):
    client = login(alice)
    item = flow.assigned(key_leader=leo.leader)
    met(flow, item, Stage.AFTER_ASSIGNMENT, leaders=[leo.leader], deputies=[bob.deputy])
    with django_assert_max_num_queries(60) as few:
        client.get("/proposals/rates/")
    for _n in range(6):
        item = flow.assigned(key_leader=leo.leader)
        met(flow, item, Stage.AFTER_ASSIGNMENT, leaders=[leo.leader], departments=[department_a], deputies=[bob.deputy])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/proposals/rates/")


# --- Refused ---------------------------------------------------------------------------------------------------


def post_meeting(client, item, **fields):
    data = {"stage": "consult", "held_on": "2026-03-02", "form": "visit", "participants": "", "notes": "", **fields}
    return client.post(f"/proposals/{item.pk}/meeting/", data, follow=True)


def test_a_meeting_with_the_towns_own_people_is_saved_from_the_form(flow, login, alice, leo, bob, department_a):
    item = flow.assigned()
    response = post_meeting(
        login(alice), item, leaders=[leo.leader.pk], departments=[department_a.pk], deputies=[bob.deputy.pk]
    )
    assert errors_of(response) == []
    meeting = Meeting.objects.get()
    assert list(meeting.leaders.all()) == [leo.leader] and list(meeting.departments.all()) == [department_a]
    assert list(meeting.deputies.all()) == [bob.deputy] and meeting.participants == ""


@pytest.mark.parametrize("kind", ["leaders", "departments", "deputies"])
def test_another_towns_leader_department_or_deputy_is_refused(
    kind, flow, login, alice, leader_tb, department_tb, deputy_tb, refused
):
    theirs = {"leaders": leader_tb, "departments": department_tb, "deputies": deputy_tb}[kind]
    item = flow.assigned()
    before = snapshot(item)
    response = post_meeting(login(alice), item, participants="承办单位", **{kind: [theirs.pk]})
    assert len(errors_of(response)) == 1 and str(theirs.pk) in errors_of(response)[0]
    assert snapshot(item) == before and not Meeting.objects.exists()
    with refused(item):  # the service refuses it too, whoever calls it
        met(flow, item, Stage.AFTER_ASSIGNMENT, **{kind: [theirs]})
    assert not Meeting.objects.exists()


def test_an_inspection_naming_another_towns_leader_is_refused(flow, login, alice, leo, leader_tb, inspection):
    item = flow.assigned(key_leader=leo.leader)
    response = login(alice).post(
        f"/proposals/{item.pk}/inspections/",
        {"activity": inspection.pk, "findings": "进度过半", "leaders": [leader_tb.pk]},
        follow=True,
    )
    assert len(errors_of(response)) == 1 and not ItemInspection.objects.exists()


def test_a_meeting_naming_nobody_is_refused(flow, login, alice, refused):
    item = flow.assigned()
    before = snapshot(item)
    response = post_meeting(login(alice), item, participants="  ")
    assert errors_of(response) == [_("Check the form: %(errors)s") % {"errors": NOBODY}]
    assert snapshot(item) == before and not Meeting.objects.exists()
    with refused(item):
        met(flow, item, Stage.AFTER_ASSIGNMENT, others=" ")


def test_a_reply_whose_meeting_names_nobody_is_refused(flow, refused):
    item = flow.assigned()
    flow.meetings(item)
    with refused(item):
        flow.reply(item, meeting_participants="")
    flow.reply(item, meeting_participants="", meeting_deputies=(item.lead_deputy,))
    assert list(item.meetings.get(stage=Stage.BEFORE_REPLY).deputies.all()) == [item.lead_deputy]


def test_who_took_part_leaves_the_audit_with_the_history_row_it_hangs_from(flow, leo, bob, settings):
    settings.AUDIT_RETENTION_DAYS = 180
    meeting = met(flow, flow.assigned(), Stage.AFTER_ASSIGNMENT, leaders=[leo.leader], deputies=[bob.deputy])
    kept = [meeting.history.model.leaders.model, meeting.history.model.deputies.model]
    assert all(model.objects.exists() for model in kept)
    old = timezone.now() - timedelta(days=181)
    meeting.history.update(history_date=old)
    audit_prune()
    assert not meeting.history.exists() and [model.objects.count() for model in kept] == [0, 0]

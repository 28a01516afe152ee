"""The office brings its Excel register in through the page and finds the deputies in the list; the
register's pages are usable at desktop and phone widths."""

import os
from datetime import date

import pytest

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("E2E_REQUIRED") == "1":
        raise
    pytest.skip("the python package `playwright` is not installed", allow_module_level=True)

from deputies.models import Deputy, GroupMembership, RuleKind
from deputies.services.rules import rule_create
from tests.deputies.sheets import deputy_row, workbook
from tests.e2e.test_roles import assert_no_horizontal_scroll, log_in, tr
from tests.factories import PASSWORD, SmallGroupFactory, StationFactory


@pytest.fixture
def groups(e2e_db, town_a):
    return [SmallGroupFactory(township=town_a, name=f"第{n}代表小组") for n in range(1, 5)]


def test_office_imports_a_sheet_of_100_deputies_and_finds_them(page, live_server, alice, groups, tmp_path, screenshot):
    rows = [
        deputy_row(
            f"导入代表{n:03d}", groups[n % 4].name, phone=f"139{n:08d}", birth=f"{1960 + n % 30}-0{1 + n % 9}-01"
        )
        for n in range(100)
    ]
    sheet = tmp_path / "代表名册.xlsx"
    sheet.write_bytes(workbook(rows, title="甲镇人大代表名册"))

    tab = page("desktop")
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.goto(f"{live_server.url}/register/import/deputies/")
    tab.set_input_files("input[type=file]", str(sheet))
    tab.locator("form[enctype] button[type=submit]").click()
    expect(tab.locator("[data-import-totals]")).to_be_visible()
    assert tab.locator("tr[data-outcome=new]").count() == 100
    screenshot(tab, "preview")
    assert not Deputy.objects.exists()  # the preview wrote nothing

    tab.locator("form[action$='/apply/'] button[type=submit]").click()
    # The import ran as a background job (in-process here): its page shows the outcome.
    expect(tab.locator("[data-job-status=done] .alert-success")).to_be_visible()
    assert Deputy.objects.count() == 100
    assert GroupMembership.objects.filter(end_date__isnull=True).count() == 100

    tab.goto(f"{live_server.url}/register/deputies/?q=导入代表042")
    expect(tab.locator("table tbody tr")).to_have_count(1)
    expect(tab.locator("table tbody")).to_contain_text("导入代表042")
    tab.goto(f"{live_server.url}/register/deputies/")
    expect(tab.locator("[data-count=deputies]")).to_have_text("100")
    screenshot(tab, "list")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_register_pages_fit_the_screen(page, live_server, alice, town_a, groups, viewport, screenshot):
    rows = [deputy_row(f"代表{n}", groups[n % 4].name) for n in range(3)]
    for row in rows:
        Deputy.objects.create(township=town_a, name=row[0], gender="M", small_group=groups[0], phone="13912345678")
    station = StationFactory(township=town_a, name="镇人大代表接待站")
    station.small_groups.set(groups[:2])
    rule_create(
        township=town_a,
        user=alice,
        title="接待站上墙制度",
        kind=RuleKind.WALL,
        text="一、每周一8点签到。\n二、不能参加须提前请假。",
        in_force_on=date(2026, 1, 1),
        stations=[station],
        is_public=True,
        published=True,
    )
    tab = page(viewport)
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.wait_for_url(f"{live_server.url}/")
    deputy = Deputy.objects.get(name="代表0")
    names = ["代表0", "代表1", "代表2"]
    # Each page, the part of it to look in, and texts only that page shows.
    for name, path, part, texts in [
        ("deputies", "/register/deputies/", "main table tbody", names),
        ("deputy", f"/register/deputies/{deputy.pk}/", "main h1", [deputy.name]),
        ("deputy-edit", f"/register/deputies/{deputy.pk}/edit/", "main h1", [deputy.name]),
        ("groups", "/register/groups/", "main", [group.name for group in groups]),
        ("stations", "/register/stations/", "main", [station.name]),
        ("poster", f"/register/stations/{station.pk}/poster/", ".poster h1", [station.name]),
        # The town's public page finds its deputies: each with their group and where they receive.
        ("public", f"/public/{town_a.code}/", "main", [*names, station.name, groups[0].name]),
    ]:
        response = tab.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert tab.url == f"{live_server.url}{path}", f"asked for {path}, got {tab.url}"
        for text in texts:
            expect(tab.locator(part)).to_contain_text(text)
        if name == "deputies":
            expect(tab.locator("[data-count=deputies]")).to_have_text("3")
        elif name == "deputy-edit":
            expect(tab.locator("#id_name")).to_have_value(deputy.name)
        elif name == "public":
            expect(tab.locator("main h1")).to_have_text(tr(tab, "%(town)s: find your deputies", town="甲镇"))
        assert_no_horizontal_scroll(tab)
        screenshot(tab, name)


def test_the_job_page_follows_the_import_until_it_ends(page, live_server, alice, town_a, screenshot):
    from django.utils import timezone

    from congress.models import Job, JobKind, JobStatus

    job = Job.objects.create(
        township=town_a,
        user=alice,
        kind=JobKind.REGISTER_IMPORT,
        title="导入人大代表",
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        total=2000,
        done=300,
        done_url="/register/deputies/",
    )
    tab = page("desktop")
    log_in(tab, live_server.url, "alice", PASSWORD)
    tab.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(tab.locator("progress")).to_have_attribute("value", "300")
    screenshot(tab, "running")
    Job.objects.filter(pk=job.pk).update(done=1500)
    expect(tab.locator("progress")).to_have_attribute("value", "1500")  # htmx asked again
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=2000, message="导入完成：新增 2000 条")
    expect(tab.locator("[data-job-status=done]")).to_contain_text("新增 2000 条")
    screenshot(tab, "done")

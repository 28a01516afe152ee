"""The rules library (制度库): the office keeps the presidium's rules in numbered versions (the old ones kept and
readable; a version never in force before the one it follows), publishes them to the deputies and shows them to the
public; each prints for the wall. Deputies read the published ones, the public the published public ones, another
town nothing."""

from datetime import date

import pytest
from django.contrib import messages
from django.utils.translation import gettext as _

from congress.dates import format_day
from deputies.models import Rule, RuleKind, RuleState, RuleVersion, StationLevel
from deputies.services.rules import RuleError, rule_create, rule_publish, rule_version_add
from petitions.models import ReceptionSettings
from tests.factories import StationFactory

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 10:00:00+08:00")


def make_rule(town, *, title="代表建议落实制度", kind=RuleKind.SUGGESTIONS, published=True, public=False, **extra):
    return rule_create(
        township=town,
        user=None,
        title=title,
        kind=kind,
        text=extra.pop("text", "第一条 代表建议由接访领导协调落实。"),
        in_force_on=extra.pop("in_force_on", MARCH),
        is_public=public,
        published=published,
        **extra,
    )


def new_rule_data(**override) -> dict:
    data = {
        "title": "代表学习制度",
        "kind": RuleKind.STUDY,
        "text": "第一条 代表每季度集中学习一次。\n第二条 不能参加的须提前请假。",
        "in_force_on": "2026-03-01",
    }
    return data | override


def errors_of(response) -> list[str]:
    return [str(m) for m in messages.get_messages(response.wsgi_request) if m.level == messages.ERROR]


# --- Versions ---------------------------------------------------------------------------------------------


def test_the_office_adds_a_rule_as_a_draft_with_its_first_version(login, alice, town_a):
    response = login(alice).post("/rules/new/", new_rule_data())
    rule = Rule.objects.get()
    assert response.status_code == 302 and response.url == f"/rules/{rule.pk}/"
    assert (rule.township, rule.kind, rule.state, rule.is_public, rule.created_by) == (
        town_a,
        RuleKind.STUDY,
        RuleState.DRAFT,
        False,
        alice,
    )
    version = rule.versions.get()
    assert (version.number, version.in_force_on, version.recorded_by) == (1, MARCH, alice)
    assert version.text.startswith("第一条 代表每季度集中学习一次。")


def test_versions_are_numbered_and_the_old_ones_are_kept_and_readable(login, alice, town_a):
    rule = make_rule(town_a)
    client = login(alice)
    for text, day in (("第一条 第二版。", "2026-06-01"), ("第一条 第三版。", "2026-06-01")):
        response = client.post(f"/rules/{rule.pk}/versions/new/", {"text": text, "in_force_on": day})
        assert response.status_code == 302
    versions = list(rule.versions.order_by("number").values_list("number", "text"))
    assert versions == [(1, "第一条 代表建议由接访领导协调落实。"), (2, "第一条 第二版。"), (3, "第一条 第三版。")]
    page = client.get(f"/rules/{rule.pk}/")
    assert page.context["shown"].number == 3 and "第一条 第三版。" in page.content.decode()
    old = client.get(f"/rules/{rule.pk}/versions/1/")
    assert old.context["shown"].number == 1 and "第一条 代表建议由接访领导协调落实。" in old.content.decode()
    assert client.get(f"/rules/{rule.pk}/versions/9/").status_code == 404
    assert RuleVersion.history.filter(rule_id=rule.pk).count() == 3  # each version in the audit trail


def test_a_version_in_force_before_the_previous_one_is_refused_and_nothing_is_saved(login, alice, town_a):
    rule = make_rule(town_a, in_force_on=date(2026, 6, 1))
    response = login(alice).post(
        f"/rules/{rule.pk}/versions/new/", {"text": "第一条 新。", "in_force_on": "2026-05-31"}
    )
    assert response.status_code == 200  # the form again, with the reason
    said = " ".join(response.context["form"].non_field_errors())
    expected = _("The date in force cannot be before the previous version's (%(date)s).") % {
        "date": format_day(date(2026, 6, 1))
    }
    assert said == expected and "2026" in said
    assert rule.versions.count() == 1


def test_the_service_refuses_an_earlier_date_in_force_too(town_a):
    rule = make_rule(town_a, in_force_on=date(2026, 6, 1))
    with pytest.raises(RuleError):
        rule_version_add(rule=rule, user=None, text="第一条 新。", in_force_on=date(2026, 1, 1))
    same_day = rule_version_add(rule=rule, user=None, text="第一条 同日。", in_force_on=date(2026, 6, 1))
    assert same_day.number == 2


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_an_empty_text_is_refused(login, alice, town_a, text):
    rule = make_rule(town_a)
    client = login(alice)
    response = client.post(f"/rules/{rule.pk}/versions/new/", {"text": text, "in_force_on": "2026-06-01"})
    assert response.status_code == 200 and response.context["form"].errors
    assert rule.versions.count() == 1
    response = client.post("/rules/new/", new_rule_data(text=text))
    assert response.status_code == 200 and response.context["form"].errors
    assert Rule.objects.count() == 1


def test_a_title_already_used_in_the_town_is_refused(login, alice, dave, town_a, town_b):
    make_rule(town_a, title="代表学习制度", kind=RuleKind.STUDY)
    other = make_rule(town_a, title="代表视察制度", kind=RuleKind.INSPECTION)
    client = login(alice)
    response = client.post("/rules/new/", new_rule_data(title=" 代表学习制度 "))
    assert response.status_code == 200
    assert _("A rule with this title already exists in this town.") in response.context["form"].non_field_errors()
    edit = client.post(f"/rules/{other.pk}/edit/", {"title": "代表学习制度", "kind": RuleKind.INSPECTION})
    assert edit.status_code == 200
    other.refresh_from_db()
    assert other.title == "代表视察制度" and Rule.objects.filter(township=town_a).count() == 2
    # Another town may have a rule of the same title.
    assert login(dave).post("/rules/new/", new_rule_data()).status_code == 302


def test_only_a_wall_text_names_stations_and_only_of_its_town(login, alice, town_a, town_b):
    mine, theirs = StationFactory(township=town_a), StationFactory(township=town_b)
    client = login(alice)
    response = client.post("/rules/new/", new_rule_data(stations=[mine.pk]))  # a study rule posted at a station
    assert response.status_code == 200 and "stations" in response.context["form"].errors
    response = client.post("/rules/new/", new_rule_data(kind=RuleKind.WALL, stations=[theirs.pk]))
    assert response.status_code == 200 and "stations" in response.context["form"].errors
    assert not Rule.objects.exists()
    response = client.post("/rules/new/", new_rule_data(title="站点上墙制度", kind=RuleKind.WALL, stations=[mine.pk]))
    assert response.status_code == 302 and list(Rule.objects.get().stations.all()) == [mine]


# --- Publishing and who reads what ---------------------------------------------------------------------------


def test_the_office_publishes_and_unpublishes_and_marks_public(login, alice, town_a):
    rule = make_rule(town_a, published=False)
    client = login(alice)
    assert client.post(f"/rules/{rule.pk}/publish/", {"publish": "1"}).status_code == 302
    rule.refresh_from_db()
    assert rule.state == RuleState.PUBLISHED and rule.published_at is not None
    client.post(f"/rules/{rule.pk}/public/", {"public": "1"})
    rule.refresh_from_db()
    assert rule.is_public
    client.post(f"/rules/{rule.pk}/publish/", {"publish": "0"})
    rule.refresh_from_db()
    assert (rule.state, rule.published_at, rule.is_public) == (RuleState.DRAFT, None, True)
    client.post(f"/rules/{rule.pk}/public/", {"public": "0"})
    rule.refresh_from_db()
    assert not rule.is_public
    assert rule.history.count() == 5  # created, published, public, draft, not public


def test_a_deputy_reads_published_rules_only(login, bob, town_a):
    published = make_rule(town_a, title="代表视察制度", kind=RuleKind.INSPECTION)
    draft = make_rule(town_a, title="代表调研制度", kind=RuleKind.RESEARCH, published=False)
    client = login(bob)
    page = client.get("/rules/").content.decode()
    assert "代表视察制度" in page and "代表调研制度" not in page
    assert client.get(f"/rules/{published.pk}/").status_code == 200
    assert client.get(f"/rules/{published.pk}/print/").status_code == 200
    for path in (f"/rules/{draft.pk}/", f"/rules/{draft.pk}/versions/1/", f"/rules/{draft.pk}/print/"):
        assert client.get(path).status_code == 404, path


def test_leaders_and_the_county_read_every_rule_of_the_town_and_write_nothing(login, leo, erin, bob, town_a):
    draft = make_rule(town_a, published=False)
    for user in (leo, erin):
        client = login(user)
        client.post("/switch/", {"township": town_a.pk})  # the county reads one town at a time
        assert "代表建议落实制度" in client.get("/rules/").content.decode()
        assert client.get(f"/rules/{draft.pk}/").status_code == 200
    for user in (leo, bob):
        client = login(user)
        assert client.post(f"/rules/{draft.pk}/publish/", {"publish": "1"}).status_code == 403
        assert client.post(f"/rules/{draft.pk}/public/", {"public": "1"}).status_code == 403
        assert (
            client.post(f"/rules/{draft.pk}/versions/new/", {"text": "x", "in_force_on": "2026-06-01"}).status_code
            == 403
        )
        assert client.post("/rules/new/", new_rule_data()).status_code == 403
    draft.refresh_from_db()
    assert draft.state == RuleState.DRAFT and not draft.is_public and draft.versions.count() == 1


def test_another_towns_rule_is_not_found(login, dave, town_a):
    rule = make_rule(town_a)
    client = login(dave)
    assert "代表建议落实制度" not in client.get("/rules/").content.decode()
    for path in ("", "versions/1/", "print/", "edit/", "versions/new/"):
        assert client.get(f"/rules/{rule.pk}/{path}").status_code == 404, path
    assert client.post(f"/rules/{rule.pk}/publish/", {"publish": "0"}).status_code == 404
    rule.refresh_from_db()
    assert rule.state == RuleState.PUBLISHED


def test_the_public_reads_only_the_published_public_rules(client, town_a):
    public = make_rule(town_a, title="代表视察制度", kind=RuleKind.INSPECTION, public=True)
    deputies_only = make_rule(town_a, title="代表履职考核办法", kind=RuleKind.ASSESSMENT)
    draft_public = make_rule(town_a, title="代表调研制度", kind=RuleKind.RESEARCH, public=True, published=False)
    page = client.get(f"/public/{town_a.code}/").content.decode()
    assert "代表视察制度" in page and "代表履职考核办法" not in page and "代表调研制度" not in page
    shown = client.get(f"/public/{town_a.code}/rules/{public.pk}/")
    assert shown.status_code == 200 and "第一条 代表建议由接访领导协调落实。" in shown.content.decode()
    for rule in (deputies_only, draft_public):
        assert client.get(f"/public/{town_a.code}/rules/{rule.pk}/").status_code == 404
    assert client.get(f"/public/yi/rules/{public.pk}/").status_code == 404  # under another town's address


def test_a_station_public_page_shows_the_wall_texts_posted_there(client, town_a):
    here = StationFactory(township=town_a, name="东片接待站", level=StationLevel.TOWN)
    there = StationFactory(township=town_a, name="西片接待站", level=StationLevel.TOWN)
    wall = dict(kind=RuleKind.WALL, public=True)
    make_rule(town_a, title="东片上墙制度", text="一、东片每周一签到。", stations=[here], **wall)
    make_rule(town_a, title="西片上墙制度", text="一、西片每周二签到。", stations=[there], **wall)
    make_rule(town_a, title="东片内部制度", text="一、内部。", stations=[here], kind=RuleKind.WALL)  # not public
    page = client.get(f"/public/{town_a.code}/stations/{here.pk}/").content.decode()
    assert "一、东片每周一签到。" in page and "西片" not in page.split("Rules posted")[-1] and "一、内部。" not in page


def test_the_office_station_page_lists_the_wall_texts_posted_there(login, alice, town_a):
    station = StationFactory(township=town_a)
    rule = make_rule(town_a, title="接待站上墙制度", kind=RuleKind.WALL, published=False, stations=[station])
    page = login(alice).get(f"/register/stations/{station.pk}/").content.decode()
    assert f'data-wall-rule="{rule.pk}"' in page and "接待站上墙制度" in page


def test_the_reception_work_rules_show_on_the_reception_pages(login, alice, bob, client, town_a):
    station = StationFactory(township=town_a, level=StationLevel.TOWN)
    ReceptionSettings.objects.create(township=town_a, station=station)
    rule = make_rule(town_a, title="接待工作制度", kind=RuleKind.RECEPTION, text="第一条 每周一8:00签到。", public=True)
    assert "第一条 每周一8:00签到。" in login(bob).get("/duty/mine/").content.decode()
    assert "第一条 每周一8:00签到。" in client.get(f"/public/{town_a.code}/roster/").content.decode()
    assert f'data-reception-rule="{rule.pk}"' in login(alice).get("/duty/settings/").content.decode()
    rule_publish(rule=rule, published=False)
    assert "第一条 每周一8:00签到。" not in login(bob).get("/duty/mine/").content.decode()
    assert "第一条 每周一8:00签到。" not in client.get(f"/public/{town_a.code}/roster/").content.decode()


# --- Print ---------------------------------------------------------------------------------------------------


def test_a_rule_prints_for_the_wall_with_its_current_text_date_and_the_presidium(login, leo, town_a):
    rule = make_rule(town_a, in_force_on=date(2025, 3, 1))
    rule_version_add(rule=rule, user=None, text="第一条 明确责任人和解决时限。", in_force_on=date(2026, 1, 1))
    response = login(leo).get(f"/rules/{rule.pk}/print/")
    page = response.content.decode()
    assert response.status_code == 200 and "print-page" in page
    assert "代表建议落实制度" in page and "第一条 明确责任人和解决时限。" in page
    assert "接访领导协调落实" not in page  # the current version only
    assert format_day(date(2026, 1, 1)) in page and town_a.name in page


# --- The move of the old texts into the library (the data migrations) -----------------------------------------

BEFORE = [("deputies", "0007_deputy_photo"), ("petitions", "0007_voter_matters")]


@pytest.mark.slow
def test_the_old_wall_texts_and_work_rules_move_into_the_library_and_back(request, transactional_db):
    """Run on a database made by the migrations: back to before the library, the old texts written, then forward."""
    if request.config.getoption("nomigrations"):
        pytest.skip("the tables are made from the models (--no-migrations): there are no migrations to run")
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    county = old.get_model("congress", "County").objects.create(name="示范县", code="shifan")
    town = old.get_model("congress", "Township").objects.create(county=county, name="甲镇", code="jia")
    station = old.get_model("deputies", "Station").objects
    east = station.create(township=town, name="东站", level="town", address="东街", posted_rules="一、签到。\n")
    west = station.create(township=town, name="西站", level="town", address="西街", posted_rules="一、签到。")
    point = station.create(
        township=town, name="上坝村联络点", level="village", address="村委会", posted_rules="一、联系。"
    )
    station.create(township=town, name="下坝村联络点", level="village", address="村委会", posted_rules="")
    old.get_model("petitions", "ReceptionSettings").objects.create(
        township=town, station=east, work_rules="第一条 签到。"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(leaves)
    rules = {r.title: r for r in Rule.objects.filter(township_id=town.pk).prefetch_related("stations", "versions")}
    assert set(rules) == {"东站等2处上墙制度", "上坝村联络点上墙制度", "接待工作制度"}
    for rule in rules.values():
        assert rule.state == RuleState.PUBLISHED and rule.is_public
        assert [v.number for v in rule.versions.all()] == [1]
    assert {s.pk for s in rules["东站等2处上墙制度"].stations.all()} == {east.pk, west.pk}
    assert [s.pk for s in rules["上坝村联络点上墙制度"].stations.all()] == [point.pk]
    assert rules["接待工作制度"].kind == RuleKind.RECEPTION
    assert rules["接待工作制度"].versions.get().text == "第一条 签到。"


def test_the_demo_library_is_built_once_whatever_the_number_of_runs(town_a, alice):
    from demo.rules import build_rules

    station = StationFactory(township=town_a, level=StationLevel.TOWN)
    for _run in range(2):
        build_rules(township=town_a, today=date(2026, 11, 20))
    rules = {r.title: r for r in Rule.objects.filter(township=town_a)}
    assert len(rules) == 8 and all(r.is_published for r in rules.values())
    suggestions = rules["代表建议落实制度"]
    assert [(v.number, v.in_force_on.year) for v in suggestions.versions.order_by("number")] == [(1, 2023), (2, 2026)]
    assert list(rules["人大代表接待站上墙制度"].stations.all()) == [station]
    assert not rules["代表履职考核办法"].is_public and rules["接待工作制度"].is_public

"""The monthly bulletin: drafting, editing, publishing, its pages and its workbook
(assessments/services/bulletin.py, assessments/views/bulletin.py)."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from assessments.models import Bulletin, BulletinStatus, Item
from assessments.services.assessment import AssessmentError, assessment_compute
from assessments.services.bulletin import bulletin_draft, bulletin_publish, bulletin_update
from congress.dates import format_month
from congress.models import Notification, Role
from congress.responses import XLSX
from petitions.figures import COUNT_KEYS, RATE_KEY
from tests.assessments.conftest import MARCH, NOW
from tests.factories import MembershipFactory, UserFactory
from tests.pages import table_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


# --- The bulletin ------------------------------------------------------------------------------------------


def test_the_draft_bulletin_holds_the_months_figures_and_who_is_praised_and_urged(town_a, small_march, drafted):
    bulletin = drafted

    assert bulletin.status == BulletinStatus.DRAFT and bulletin.month == MARCH
    with translation.override(settings.LANGUAGE_CODE):  # a bulletin is written in the site's language
        month = format_month(bulletin.month)
    assert "甲镇" in bulletin.title and month in bulletin.title
    assert month in bulletin.summary
    assert bulletin.figures["duty"] == {"scheduled": 5, "present": 3, "leave": 1, "absent": 1, "rate": 60.0}
    assert bulletin.figures["visits"]["visits"] == 0
    assert "丁丹（5）、鲍勃（4）" in bulletin.praised and "闲人" not in bulletin.praised
    assert "鲍勃（4）" in bulletin.urged and "丁丹" not in bulletin.urged
    assert bulletin.drafted_at == NOW


def test_drafting_again_updates_the_same_draft(town_a, small_march, drafted, frozen_clock):
    frozen_clock.move_to(NOW + timedelta(hours=2), tick=False)
    small_march["records"].duty(small_march["idle"], date(2026, 3, 30))
    assessment_compute(township_ids=[town_a.pk], month=MARCH)

    again = bulletin_draft(township=town_a, month=MARCH)

    assert again.pk == drafted.pk and Bulletin.objects.count() == 1
    assert again.figures["duty"]["scheduled"] == 6 and again.figures["duty"]["present"] == 4
    assert "闲人（5）" in again.praised
    assert again.drafted_at == NOW + timedelta(hours=2)


def test_a_month_not_assessed_drafts_no_bulletin(town_a, small_march):
    assert bulletin_draft(township=town_a, month=MARCH) is None
    assert not Bulletin.objects.exists()


def test_publishing_tells_every_deputy_and_leader_of_the_town_once(
    town_a, town_b, alice, bob, carol, leo, dave, erin, drafted
):
    both = UserFactory(username="both")
    MembershipFactory(user=both, township=town_a, role=Role.DEPUTY)
    MembershipFactory(user=both, township=town_a, role=Role.LEADER)
    elsewhere = UserFactory(username="elsewhere")
    MembershipFactory(user=elsewhere, township=town_b, role=Role.DEPUTY)

    published = bulletin_publish(bulletin=drafted, user=alice)

    assert published.status == BulletinStatus.PUBLISHED and published.published_by == alice
    assert published.published_at == NOW
    sent = Notification.objects.filter(key__startswith=f"bulletin:{drafted.pk}:")
    assert sorted(n.recipient.username for n in sent) == ["bob", "both", "leo"]
    assert {(n.subject, n.url, n.township_id) for n in sent} == {
        (drafted.title, reverse("bulletin_detail", args=[drafted.pk]), town_a.pk)
    }
    assert Notification.objects.count() == 3


def test_publishing_twice_is_refused(town_a, alice, bob, drafted):
    bulletin_publish(bulletin=drafted, user=alice)

    with pytest.raises(AssessmentError):
        bulletin_publish(bulletin=drafted, user=alice)

    assert Notification.objects.count() == 1


def test_a_published_bulletin_no_longer_changes(town_a, alice, drafted):
    bulletin_publish(bulletin=drafted, user=alice)
    before = Bulletin.objects.values().get(pk=drafted.pk)

    with pytest.raises(AssessmentError):
        bulletin_update(bulletin=drafted, title="改过的标题", summary="", praised="", urged="")
    assert bulletin_draft(township=town_a, month=MARCH) is None

    assert Bulletin.objects.values().get(pk=drafted.pk) == before


def test_the_office_edits_the_draft_bulletins_text(town_a, drafted):
    bulletin_update(bulletin=drafted, title="  三月通报  ", summary="概况", praised="表扬", urged="督促")

    drafted.refresh_from_db()
    assert (drafted.title, drafted.summary, drafted.praised, drafted.urged) == ("三月通报", "概况", "表扬", "督促")
    with pytest.raises(AssessmentError):
        bulletin_update(bulletin=drafted, title="  ", summary="", praised="", urged="")


def test_the_office_sees_the_draft_bulletin_with_its_edit_form(login, alice, drafted):
    response = login(alice).get(reverse("bulletin_detail", args=[drafted.pk]))

    assert response.status_code == 200
    assert response.context["form"].instance == drafted
    assert reverse("bulletin_edit", args=[drafted.pk]) in response.content.decode()
    assert reverse("bulletin_publish", args=[drafted.pk]) in response.content.decode()


def test_the_office_saves_the_draft_bulletins_text_from_its_page(login, alice, drafted):
    data = {"title": "三月通报", "summary": "概况", "praised": "表扬", "urged": "督促"}

    response = login(alice).post(reverse("bulletin_edit", args=[drafted.pk]), data)

    assert response.status_code == 302 and response["Location"] == reverse("bulletin_detail", args=[drafted.pk])
    drafted.refresh_from_db()
    assert (drafted.title, drafted.summary, drafted.praised, drafted.urged) == ("三月通报", "概况", "表扬", "督促")


def test_the_publish_button_says_how_many_deputies_and_leaders_it_tells(login, alice, bob, leo, drafted):
    page = login(alice).get(reverse("bulletin_detail", args=[drafted.pk])).content.decode()
    assert 'data-to-tell="2"' in page
    assert not Notification.objects.exists()


def test_a_draft_saved_without_its_title_shows_the_page_again_with_the_count_to_tell(login, alice, bob, drafted):
    response = login(alice).post(reverse("bulletin_edit", args=[drafted.pk]), {"title": ""})
    assert response.status_code == 400
    assert 'data-to-tell="1"' in response.content.decode()


def test_the_office_publishes_the_bulletin_from_its_page(login, alice, bob, leo, drafted):
    response = login(alice).post(reverse("bulletin_publish", args=[drafted.pk]))

    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.status == BulletinStatus.PUBLISHED and drafted.published_by == alice
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"bob", "leo"}


def test_a_deputy_cannot_open_a_draft_bulletin(login, bob, drafted):
    assert login(bob).get(reverse("bulletin_detail", args=[drafted.pk])).status_code == 404


def test_a_deputy_reads_a_published_bulletin(login, alice, bob, drafted):
    bulletin_publish(bulletin=drafted, user=alice)

    response = login(bob).get(reverse("bulletin_detail", args=[drafted.pk]))

    assert response.status_code == 200
    assert "form" not in response.context
    assert [r.deputy.name for r in response.context["ranking"]] == ["丁丹", "鲍勃", "闲人"]


def test_another_towns_office_cannot_open_the_bulletin(login, dave, drafted):
    assert login(dave).get(reverse("bulletin_detail", args=[drafted.pk])).status_code == 404


def test_the_bulletin_exports_to_a_workbook(login, alice, small_march, drafted):
    groups = {small_march[key].name: small_march[key].small_group.name for key in ("dan", "me", "idle")}

    response = login(alice).get(reverse("bulletin_export", args=[drafted.pk]))

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(BytesIO(response.content))
    ranking = table_rows(book["2026-03"])
    assert [row[:4] for row in ranking[1:]] == [
        (1, "丁丹", groups["丁丹"], 5),
        (2, "鲍勃", groups["鲍勃"], 4),
        (3, "闲人", groups["闲人"], 0),
    ]
    absent = 4 + 2 * Item.values.index(Item.DUTY_ABSENT)
    assert ranking[2][absent : absent + 2] == (1, -5)
    text = dict(table_rows(book.worksheets[1])[1:])
    assert drafted.title in text.values()


def test_the_bulletin_keeps_every_visit_figure_with_its_definition(drafted):
    keys = [row["key"] for row in drafted.figures["visit_figures"]]

    assert keys == [*COUNT_KEYS, RATE_KEY]
    assert all(row["definition"] for row in drafted.figures["visit_figures"])


def test_a_bulletin_kept_before_the_definitions_shows_its_four_counts(login, alice, drafted):
    old = {"visits": 7, "opened": 3, "resolved": 2, "overdue": 1}
    Bulletin.objects.filter(pk=drafted.pk).update(figures={"duty": drafted.figures["duty"], "visits": old})

    page = login(alice).get(f"/bulletins/{drafted.pk}/").content.decode()

    for key, value in old.items():
        assert f'data-figure="{key}" data-scope="2026-03" data-value="{value}"' in page
    assert "suggestions_implemented" not in page

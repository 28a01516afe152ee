"""The year-end commendation decision (表彰决定) as a Word document (assessments/views/year_end.py)."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import Commendation
from assessments.services.year_end import commend_excellent
from tests.documents import assert_official_layout, docx_of, texts
from tests.factories import DeputyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
URL = reverse("commendation_decision")


def test_the_decision_lists_the_years_commended_deputies(login, alice, town_a):
    deputies = [DeputyFactory(township=town_a, name=name) for name in ("丁丹", "=鲍勃")]
    commend_excellent(
        township=town_a, year=2025, deputies=deputies, title="2025年度优秀人大代表", awarded_on=date(2026, 1, 15),
        user=alice,
    )  # fmt: skip
    Commendation.objects.create(
        township=town_a, deputy=deputies[0], year=2025, title="县级表彰", awarded_by="县人大常委会",
        awarded_on=date(2026, 1, 20),
    )  # fmt: skip

    document = docx_of(login(alice).get(f"{URL}?year=2025&number=3"))

    title = "“2025年度优秀人大代表”称号的决定"  # the title's second line; its first names the first of them
    assert_official_layout(document, title=title, number=f"{town_a.name}人大〔2026〕3号")  # issued in 2026
    found = texts(document)
    assert any(text.startswith("关于授予") and text.endswith("等2名代表") for text in found)
    assert {"丁丹", "=鲍勃"} <= set(found)
    assert "二〇二六年一月十五日" in found
    assert not any("县级表彰" in text for text in found)  # awarded by another body: not the town's decision


def test_two_titles_make_two_parts(login, alice, town_a):
    one, two = DeputyFactory(township=town_a), DeputyFactory(township=town_a)
    for deputy, title in ((one, "优秀代表"), (two, "履职积极分子")):
        Commendation.objects.create(township=town_a, deputy=deputy, year=2025, title=title, awarded_on=date(2026, 1, 9))

    found = texts(docx_of(login(alice).get(f"{URL}?year=2025")))

    assert "关于表彰2025年度先进人大代表的决定" in found
    assert "一、授予“优秀代表”称号（1名）" in found and "二、授予“履职积极分子”称号（1名）" in found


def test_a_year_without_commendations_has_no_decision(login, alice, town_a):
    response = login(alice).get(f"{URL}?year=2025")

    assert response.status_code == 302
    expected = _("No commendation of %(year)s is recorded yet.") % {"year": 2025}
    assert [m.message for m in get_messages(response.wsgi_request)] == [expected]


def test_another_towns_commendations_are_not_in_the_decision(login, dave, town_a, alice):
    Commendation.objects.create(
        township=town_a, deputy=DeputyFactory(township=town_a), year=2025, title="优秀代表", awarded_on=date(2026, 1, 9)
    )

    assert login(dave).get(f"{URL}?year=2025").status_code == 302


def test_the_year_end_page_offers_the_decision_to_the_office(login, alice):
    assert URL in login(alice).get(reverse("year_end")).content.decode()

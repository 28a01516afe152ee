"""A town's visit categories: the form of its first visit offers the usual list without writing it; recording
that visit writes the list, once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from petitions.models import DEFAULT_CATEGORIES, Visit, VisitCategory, VisitOutcome
from petitions.services.visits import VisitError, visit_record

pytestmark = pytest.mark.django_db
VISIT_AT = datetime(2026, 11, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_opening_the_visit_form_of_a_town_without_categories_writes_none(login, alice, town_a):
    response = login(alice).get(reverse("visit_create"))

    assert response.status_code == 200
    assert VisitCategory.objects.count() == 0
    offered = [value for value, _label in response.context["form"].fields["category"].choices]
    assert offered == DEFAULT_CATEGORIES


def test_the_first_visit_recorded_through_the_form_writes_the_usual_categories(login, alice, town_a, station):
    data = {
        "received_at": "2026-11-02T09:30",
        "station": station.pk,
        "visitor_name": "王大妈",
        "visitor_count": "1",
        "category": DEFAULT_CATEGORIES[1],
        "content": "养老保险断缴",
        "outcome": VisitOutcome.ANSWERED,
        "answer": "已解释续缴办法",
    }

    response = login(alice).post(reverse("visit_create"), data)

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert visit.category.name == DEFAULT_CATEGORIES[1]
    assert list(VisitCategory.objects.filter(township=town_a).values_list("name", flat=True)) == DEFAULT_CATEGORIES


def test_once_the_town_has_categories_the_form_offers_its_rows(login, alice, town_a, station):
    VisitCategory.objects.create(township=town_a, name="道路交通", order=0)

    form = login(alice).get(reverse("visit_create")).context["form"]

    assert list(form.fields["category"].queryset.values_list("name", flat=True)) == ["道路交通"]


def test_a_category_outside_the_usual_list_is_refused_and_nothing_is_written(town_a, alice, station):
    with pytest.raises(VisitError):
        visit_record(
            township=town_a,
            user=alice,
            station=station,
            category=VisitCategory(township=town_a, name="不在清单"),
            visitor_name="王大妈",
            content="问题",
            outcome=VisitOutcome.ANSWERED,
            answer="已答复",
            received_at=VISIT_AT,
        )

    assert not Visit.objects.exists()
    assert not VisitCategory.objects.filter(name="不在清单").exists()

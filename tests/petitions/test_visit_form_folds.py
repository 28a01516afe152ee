"""The visit form's folded parts: the seldom-filled fields wait under "more", and a fold opens by itself when one of
its fields holds a value or an error, so nothing typed or wrong is hidden."""

import re

import pytest
from django import forms

from congress.templatetags.folds import holds
from petitions.models import Visit, VisitOutcome
from petitions.services.visits import visit_categories_for

pytestmark = pytest.mark.django_db


class Little(forms.Form):
    note = forms.CharField(required=False)
    count = forms.IntegerField(required=False)


def open_folds(response) -> set[str]:
    html = response.content.decode()
    return set(re.findall(r'<details class="form-more" data-fold="(\w+)" open>', html))


@pytest.fixture
def form_data(station, town_a):
    return {
        "received_at": "2026-11-02T09:30",
        "station": station.pk,
        "visitor_name": "王大妈",
        "visitor_count": "1",
        "category": visit_categories_for(township=town_a)[0].pk,
        "content": "村道路灯坏了三个月",
        "outcome": VisitOutcome.ANSWERED,
        "answer": "已答复",
    }


def test_a_fold_holds_nothing_when_its_fields_are_empty_or_blank():
    assert not holds(Little({"note": "  ", "count": ""}), "note count")
    assert not holds(Little(), "note count")


def test_a_fold_holds_a_typed_value_or_an_error():
    assert holds(Little({"note": "上坝村"}), "note count")
    form = Little({"count": "many"})
    assert not form.is_valid()
    assert holds(form, "count")


def test_a_new_visit_form_opens_with_its_folds_closed(login, alice):
    response = login(alice).get("/visits/new/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-fold="visitor"' in html and 'data-fold="suggestions"' in html
    assert open_folds(response) == set()


def test_a_suggestion_with_an_error_opens_the_suggestions_fold_again(login, alice, form_data):
    form_data["suggestion_1"] = "请交通办排查"

    response = login(alice).post("/visits/new/", form_data)

    assert response.status_code == 200 and not Visit.objects.exists()
    assert open_folds(response) == {"suggestions"}


def test_an_address_typed_before_an_error_elsewhere_is_shown_again_unfolded(login, alice, form_data):
    form_data.update(visitor_address="上坝村三组", content="")

    response = login(alice).post("/visits/new/", form_data)

    assert response.status_code == 200 and not Visit.objects.exists()
    assert open_folds(response) == {"visitor"}
    assert "上坝村三组" in response.content.decode()

"""The activity form's own checks (activities/forms.py)."""

import pytest

from activities.forms import ActivityForm
from activities.models import ActivityKind

pytestmark = pytest.mark.django_db


def test_a_training_without_its_form_is_refused_by_the_form(town_a):
    form = ActivityForm({"kind": ActivityKind.TRAINING, "title": "代表培训", "date": "2026-03-02"}, township=town_a)

    assert not form.is_valid()
    assert "training_form" in form.errors

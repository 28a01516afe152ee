"""The demo: 大莫古镇 as the article describes it, built the same however often it runs."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from congress.models import Membership, Role, Township
from deputies.models import Deputy, DeputyLevel
from deputies.selectors.register import register_counts

pytestmark = pytest.mark.django_db


def test_the_demo_town_has_the_articles_register(demo_rows):  # the demo as load_demo built it (tests/demo_copy.py)
    counts = register_counts(township=Township.objects.get(name="大莫古镇"))
    assert counts["deputies"] == 94
    assert counts["county_level"] == 18
    assert counts["town_level"] == 76
    assert (counts["large_groups"], counts["small_groups"]) == (4, 12)
    assert (counts["stations"], counts["contact_points"]) == (4, 12)


@override_settings(DEBUG=True)
def test_running_the_demo_twice_changes_nothing():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = (Deputy.objects.count(), Membership.objects.count(), list(Deputy.objects.values_list("name", "phone")))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = (Deputy.objects.count(), Membership.objects.count(), list(Deputy.objects.values_list("name", "phone")))
    assert before == after


def test_the_demo_logins_have_their_roles(demo_rows):  # the demo as load_demo built it (tests/demo_copy.py)
    roles = {m.user.username: (m.role, str(m.township or m.county)) for m in Membership.objects.select_related("user")}
    assert roles["office"] == (Role.OFFICE, "大莫古镇")
    assert roles["leader"] == (Role.LEADER, "大莫古镇")
    assert roles["deputy"] == (Role.DEPUTY, "大莫古镇")
    assert roles["unit"][0] == Role.UNIT
    assert roles["county"][0] == Role.COUNTY
    assert roles["office2"] == (Role.OFFICE, "新安镇")
    deputy = Deputy.objects.get(user__username="deputy")
    assert deputy.small_group is not None
    assert deputy.level in DeputyLevel.values


@override_settings(DEBUG=False)
def test_the_demo_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("load_demo")
    assert not Township.objects.exists()

"""The proposal form's people pickers: the co-signers a deputy may choose."""

from django.utils.translation import gettext

from proposals.forms import ProposalForm
from tests.factories import DeputyFactory
from tests.pages import select_options as options


def test_a_deputy_s_co_signers_start_with_their_own_group_and_leave_them_out(town_a, town_b, bob, cathy, dan):
    DeputyFactory(township=town_a, name="同组代表", small_group=bob.deputy.small_group)
    DeputyFactory(township=town_b, name="外镇代表")
    rows = options(ProposalForm(township=town_a, lead=bob.deputy)["cosigners"])
    assert rows[0][:2] == (bob.deputy.small_group.name, "同组代表")
    others = [name for group, name, _attrs in rows if group == gettext("Other deputies")]
    assert {cathy.deputy.name, dan.deputy.name} <= set(others)
    assert bob.deputy.name not in {name for _g, name, _a in rows}
    assert "外镇代表" not in {name for _g, name, _a in rows}

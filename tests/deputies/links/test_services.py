"""One-tap links (deputies/services/links.py): made with the message that carries them, opened only on their own
page until they expire, used once for one action, and never acting on another deputy's rows."""

import hashlib
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext as _

from congress.models import Notification
from congress.services import READABLE, notify_deputy
from deputies.models import DeputyLink, GroupMembership, LinkAction, LinkPurpose
from deputies.services.links import (
    CODE_LENGTH,
    LinkError,
    link_create,
    link_open,
    link_open_with_target,
    link_send,
    link_use,
)
from tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 1, 18, 0, tzinfo=TZ)
CLOSES = datetime(2026, 3, 2, 8, 30, tzinfo=TZ)


def said(msgid: str) -> str:
    """The start of a refusal's message in the language the tests run in, as a pattern for pytest.raises."""
    return re.escape(_(msgid).split("%")[0])


@pytest.fixture
def deputy(town_a):
    return DeputyFactory(township=town_a, name="王五")


@pytest.fixture
def stint(deputy):
    """A row of the deputy's own to act on (any row with a deputy and a town will do for the links)."""
    return GroupMembership.objects.create(
        township=deputy.township, deputy=deputy, small_group=deputy.small_group, start_date=date(2026, 1, 1)
    )


@pytest.fixture
def code(deputy, stint):
    return link_create(deputy=deputy, purpose=LinkPurpose.DUTY, target_id=stint.pk, expires_at=CLOSES)


def test_a_link_is_a_short_readable_code_of_which_only_the_hash_is_kept(code, deputy, stint):
    assert len(code) == CODE_LENGTH and set(code) <= set(READABLE)
    link = DeputyLink.objects.get()
    assert link.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert code not in {link.code_hash, str(link.target_id)}
    assert (link.township, link.deputy, link.target_id, link.used_at) == (deputy.township, deputy, stint.pk, None)


def test_a_link_opens_on_its_own_page_before_it_expires(code, deputy):
    link = link_open(code=code, purpose=LinkPurpose.DUTY, now=NOW)

    assert link.deputy == deputy


def test_an_unknown_code_is_refused_as_not_found(code):
    with pytest.raises(
        LinkError,
        match=said("This link is not known. Open the whole link from the text message, or ask the congress office."),
    ) as refusal:
        # One letter changed (never to itself: a code starting with "x" would stay the same).
        link_open(code=("y" if code[0] == "x" else "x") + code[1:], purpose=LinkPurpose.DUTY, now=NOW)

    assert refusal.value.status == 404


def test_a_link_opened_on_another_kind_of_page_is_refused(code):
    with pytest.raises(LinkError, match=said("This link is not for this page.")) as refusal:
        link_open(code=code, purpose=LinkPurpose.SUBSTITUTE, now=NOW)

    assert refusal.value.status == 404


def test_a_link_opened_after_it_expired_is_refused_saying_until_when_it_was_valid(code):
    with pytest.raises(LinkError, match="2026-03-02 08:30") as refusal:
        link_open(code=code, purpose=LinkPurpose.DUTY, now=CLOSES)

    assert refusal.value.status == 410


def test_another_deputy_logged_in_on_the_phone_cannot_open_the_link(code, bob):
    with pytest.raises(LinkError) as refusal:
        link_open(code=code, purpose=LinkPurpose.DUTY, viewer=bob, now=NOW)

    assert refusal.value.status == 403
    assert "王五" in refusal.value.text


def test_the_deputy_logged_in_opens_their_own_link_and_a_login_that_is_no_deputy_opens_it_too(town_a, bob, alice):
    code = link_create(deputy=bob.deputy, purpose=LinkPurpose.RATE, target_id=1, expires_at=CLOSES)

    assert link_open(code=code, purpose=LinkPurpose.RATE, viewer=bob, now=NOW).deputy == bob.deputy
    assert link_open(code=code, purpose=LinkPurpose.RATE, viewer=alice, now=NOW).deputy == bob.deputy


def test_a_link_is_used_once_and_the_same_action_again_only_shows_what_it_did(code):
    link = link_open(code=code, purpose=LinkPurpose.DUTY, now=NOW)

    assert link_use(link=link, action=LinkAction.SIGN_IN, now=NOW) is True
    assert link_use(link=link, action=LinkAction.SIGN_IN, now=NOW + timedelta(minutes=5)) is False

    link.refresh_from_db()
    assert (link.used_at, link.used_action) == (NOW, LinkAction.SIGN_IN)


def test_a_link_used_for_one_action_refuses_another_and_stays_as_it_was(code):
    link_use(link=link_open(code=code, purpose=LinkPurpose.DUTY, now=NOW), action=LinkAction.LEAVE, now=NOW)
    link = link_open(code=code, purpose=LinkPurpose.DUTY, now=NOW)

    with pytest.raises(
        LinkError, match=said("This link was already used to %(action)s at %(when)s; it can do nothing else.")
    ):
        link_use(link=link, action=LinkAction.SIGN_IN, now=NOW)

    link.refresh_from_db()
    assert (link.used_at, link.used_action) == (NOW, LinkAction.LEAVE)


def test_a_link_does_only_what_its_purpose_allows(code):
    link = link_open(code=code, purpose=LinkPurpose.DUTY, now=NOW)

    with pytest.raises(LinkError, match=said("This link cannot do that.")):
        link_use(link=link, action=LinkAction.RATE, now=NOW)

    link.refresh_from_db()
    assert link.used_at is None


def test_a_link_finds_the_row_it_names_among_its_deputys_own(code, stint):
    link, target = link_open_with_target(
        code=code, purpose=LinkPurpose.DUTY, rows=GroupMembership.objects.all(), now=NOW
    )

    assert target == stint


def test_a_link_naming_another_deputys_row_finds_nothing(town_a, deputy):
    other = DeputyFactory(township=town_a, name="张三")
    theirs = GroupMembership.objects.create(
        township=town_a, deputy=other, small_group=other.small_group, start_date=date(2026, 1, 1)
    )
    code = link_create(deputy=deputy, purpose=LinkPurpose.DUTY, target_id=theirs.pk, expires_at=CLOSES)

    with pytest.raises(LinkError) as refusal:
        link_open_with_target(code=code, purpose=LinkPurpose.DUTY, rows=GroupMembership.objects.all(), now=NOW)

    assert refusal.value.status == 404


def test_a_link_naming_a_row_of_another_town_finds_nothing(deputy, town_b):
    stranger = DeputyFactory(township=town_b)
    theirs = GroupMembership.objects.create(
        township=town_b, deputy=stranger, small_group=stranger.small_group, start_date=date(2026, 1, 1)
    )
    code = link_create(deputy=deputy, purpose=LinkPurpose.DUTY, target_id=theirs.pk, expires_at=CLOSES)

    with pytest.raises(LinkError):
        link_open_with_target(code=code, purpose=LinkPurpose.DUTY, rows=GroupMembership.objects.all(), now=NOW)


def _send(deputy, stint):
    def send(code: str) -> Notification | None:
        return notify_deputy(deputy, key=f"test-link:{stint.pk}", subject="值班", params={"code": code})

    return link_send(deputy=deputy, purpose=LinkPurpose.DUTY, target_id=stint.pk, expires_at=CLOSES, send=send)


def test_a_message_sent_twice_carries_one_link(deputy, stint):
    first = _send(deputy, stint)

    assert _send(deputy, stint) is None

    assert DeputyLink.objects.count() == 1
    code = first.params["code"]
    assert link_open(code=code, purpose=LinkPurpose.DUTY, now=NOW).target_id == stint.pk


def test_no_link_is_made_for_a_deputy_who_cannot_be_reached(town_a, deputy, stint):
    deputy.phone = ""
    deputy.save()

    assert _send(deputy, stint) is None

    assert not DeputyLink.objects.exists()

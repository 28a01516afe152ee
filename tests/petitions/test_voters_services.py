"""The voters' services: the text-message code (hashed, ten minutes, three tries, how often), the matter stored
only with the right code (reference, photos, receipt, notices), the limits per mobile, a blocked mobile, and
the rating that closes a matter or returns it once."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from congress.models import Notification
from petitions.models import BlockedPhone, MatterPhoto, MatterStatus, MatterUpdate, PhoneCode, VoterMatter
from petitions.services.voters import (
    MatterDraft,
    VoterError,
    code_hash,
    phone_code_send,
    voter_matter_rate,
    voter_matter_submit,
)
from tests.factories import VoterMatterFactory
from tests.petitions.voters_support import MOBILE, contact_point, sent_code


@pytest.fixture(autouse=True)
def _messages_as_written():
    """The refusals are read as written (their English source), whatever the site's language."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db


@pytest.fixture
def point(town_a):
    return contact_point(town_a)


def _draft(point, code, **changes) -> MatterDraft:
    fields = {"station": point, "village": "大莫古村", "content": "路灯坏了", "phone": MOBILE, "code": code}
    return MatterDraft(**(fields | changes))


def _submit(town, point, code=None, **changes) -> VoterMatter:
    return voter_matter_submit(
        township=town, draft=_draft(point, code or sent_code(), **changes), ip_address="10.0.0.1"
    )


def test_a_code_is_kept_only_as_its_hash_and_texted_urgently(town_a):
    phone_code_send(township=town_a, phone=MOBILE, ip_address="10.0.0.1")
    row, code = PhoneCode.objects.get(), sent_code()
    assert len(code) == 6 and code.isdigit()
    assert code not in row.code_hash and row.code_hash == code_hash(MOBILE, code)
    assert row.expires_at - row.created_at == timedelta(minutes=10)
    text = Notification.objects.get(kind="matter-code")
    assert text.recipient is None and text.urgent and text.phone == MOBILE


def test_the_right_code_stores_the_matter_with_a_readable_reference(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    matter = _submit(town_a, point)
    assert matter.reference == f"{timezone.localdate().year}-0001"
    assert matter.status == MatterStatus.NEW and matter.station == point
    assert PhoneCode.objects.get().used_at is not None


def test_references_count_on_within_the_town_and_start_again_in_another(town_a, town_b, point):
    year = timezone.localdate().year
    VoterMatterFactory(township=town_a, station=point, reference=f"{year}-0001")
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    assert _submit(town_a, point).reference == f"{year}-0002"
    other = contact_point(town_b, name="乙村联络点")
    phone_code_send(township=town_b, phone="13700137000", ip_address=None, now=timezone.now() + timedelta(minutes=2))
    matter = voter_matter_submit(
        township=town_b,
        draft=_draft(other, sent_code("13700137000"), phone="13700137000"),
        ip_address=None,
        now=timezone.now() + timedelta(minutes=2),
    )
    assert matter.reference == f"{year}-0001"


def test_a_reference_taken_at_the_same_moment_moves_to_the_next(town_a, point):
    year = timezone.localdate().year
    # Another matter took 0002 after this one counted one before it: the unique constraint sends it on.
    VoterMatterFactory(township=town_a, station=point, reference=f"{year}-0002")
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    assert _submit(town_a, point).reference == f"{year}-0003"


def test_the_received_step_the_receipt_and_the_notices_are_written(town_a, point, alice):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    matter = _submit(town_a, point)
    assert list(MatterUpdate.objects.filter(matter=matter).values_list("kind", flat=True)) == ["received"]
    receipt = Notification.objects.get(kind="matter-received")
    assert receipt.phone == MOBILE and receipt.params["token"] == matter.token
    assert receipt.params["reference"] == matter.reference
    assert not Notification.objects.filter(kind="matter-update").exists()
    assert Notification.objects.filter(recipient=alice, key=f"matter-arrived:{matter.pk}:{alice.pk}").exists()
    deputies = Notification.objects.filter(kind="matter-arrived")
    assert sorted(deputies.values_list("phone", flat=True)) == ["13900000001", "13900000002"]
    assert deputies.first().params["point"] == point.name


def test_photos_are_stored_with_the_matter(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    picture = ContentFile(b"jpeg", name="photo.jpg")
    picture.width, picture.height = 4, 3
    matter = _submit(town_a, point, photos=[picture])
    assert MatterPhoto.objects.get(matter=matter).width == 4


def test_a_wrong_code_stores_nothing_and_counts_the_try(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    wrong = "000000" if sent_code() != "000000" else "111111"
    with pytest.raises(VoterError, match="wrong"):
        _submit(town_a, point, code=wrong)
    assert not VoterMatter.objects.exists()
    assert PhoneCode.objects.get().attempts == 1


def test_three_wrong_tries_spend_the_code_even_the_right_one_after(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    right = sent_code()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(2):
        with pytest.raises(VoterError, match="wrong"):
            _submit(town_a, point, code=wrong)
    with pytest.raises(VoterError, match="Request a new code"):
        _submit(town_a, point, code=wrong)
    with pytest.raises(VoterError, match="Request a new code"):
        _submit(town_a, point, code=right)
    assert not VoterMatter.objects.exists()


def test_an_expired_code_is_refused(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    later = timezone.now() + timedelta(minutes=11)
    with pytest.raises(VoterError, match="expired"):
        voter_matter_submit(township=town_a, draft=_draft(point, sent_code()), ip_address=None, now=later)
    assert not VoterMatter.objects.exists()


def test_a_code_serves_one_matter_only(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    code = sent_code()
    _submit(town_a, point, code=code)
    with pytest.raises(VoterError, match="Ask for a code first"):
        _submit(town_a, point, code=code)
    assert VoterMatter.objects.count() == 1


def test_without_a_code_sent_nothing_is_stored(town_a, point):
    with pytest.raises(VoterError, match="Ask for a code first"):
        _submit(town_a, point, code="123456")
    assert not VoterMatter.objects.exists()


def test_a_new_code_waits_a_minute_and_five_an_hour(town_a):
    now = timezone.now()
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None, now=now)
    with pytest.raises(VoterError, match="less than a minute"):
        phone_code_send(township=town_a, phone=MOBILE, ip_address=None, now=now + timedelta(seconds=30))
    for minute in range(2, 6):
        phone_code_send(township=town_a, phone=MOBILE, ip_address=None, now=now + timedelta(minutes=minute))
    with pytest.raises(VoterError, match="Too many codes"):
        phone_code_send(township=town_a, phone=MOBILE, ip_address=None, now=now + timedelta(minutes=8))
    assert PhoneCode.objects.count() == 5


def test_twenty_codes_an_hour_from_one_address(town_a):
    now = timezone.now()
    for n in range(20):
        phone_code_send(township=town_a, phone=f"1370000{n:04d}", ip_address="10.0.0.9", now=now)
    with pytest.raises(VoterError, match="this network"):
        phone_code_send(township=town_a, phone="13600000000", ip_address="10.0.0.9", now=now)


def test_a_mobile_sending_twenty_matters_an_hour_is_refused_after_three(town_a, point):
    start = timezone.now()
    stored = refused = 0
    for n in range(20):
        now = start + timedelta(minutes=2 * n)
        try:
            phone_code_send(township=town_a, phone=MOBILE, ip_address=None, now=now)
            voter_matter_submit(township=town_a, draft=_draft(point, sent_code()), ip_address=None, now=now)
            stored += 1
        except VoterError as error:
            assert "in the last hour" in error.text or "Too many codes" in error.text
            refused += 1
    assert stored == 3 and refused == 17
    assert VoterMatter.objects.count() == 3


def test_ten_matters_a_day_from_one_mobile(town_a, point):
    for hour in range(10):
        VoterMatterFactory(
            township=town_a, station=point, phone=MOBILE, created_at=timezone.now() - timedelta(hours=hour + 2)
        )
    with pytest.raises(VoterError, match="today"):
        phone_code_send(township=town_a, phone=MOBILE, ip_address=None)


def test_a_blocked_mobile_gets_no_code_and_leaves_no_matter(town_a, point):
    BlockedPhone.objects.create(township=town_a, phone=MOBILE)
    with pytest.raises(VoterError, match="cannot leave a matter here") as refused:
        phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    assert "spam" not in refused.value.text.lower() and "block" not in refused.value.text.lower()
    assert not PhoneCode.objects.exists() and not Notification.objects.exists()


def test_a_mobile_blocked_after_its_code_was_sent_still_stores_nothing(town_a, point):
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    BlockedPhone.objects.create(township=town_a, phone=MOBILE)
    with pytest.raises(VoterError, match="cannot leave a matter here"):
        _submit(town_a, point)
    assert not VoterMatter.objects.exists()


def test_a_mobile_blocked_in_another_town_may_leave_a_matter_here(town_a, town_b, point):
    BlockedPhone.objects.create(township=town_b, phone=MOBILE)
    phone_code_send(township=town_a, phone=MOBILE, ip_address=None)
    assert _submit(town_a, point).township == town_a


@pytest.mark.parametrize("rating", ["satisfied", "basically"])
def test_a_good_rating_closes_the_matter(town_a, point, rating):
    matter = VoterMatterFactory(township=town_a, station=point, status=MatterStatus.ANSWERED)
    voter_matter_rate(token=matter.token, rating=rating)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and matter.rating == rating
    assert matter.closed_at and matter.rated_at


def test_not_satisfied_returns_the_matter_to_the_office_once(town_a, point, alice):
    matter = VoterMatterFactory(township=town_a, station=point, status=MatterStatus.ANSWERED)
    voter_matter_rate(token=matter.token, rating="not")
    matter.refresh_from_db()
    assert matter.status == MatterStatus.HANDLING and matter.reopened_at and not matter.rating
    assert MatterUpdate.objects.filter(matter=matter, kind="returned").exists()
    assert Notification.objects.filter(recipient=alice, key__startswith=f"matter-returned:{matter.pk}").exists()
    matter.status = MatterStatus.ANSWERED
    matter.save()
    voter_matter_rate(token=matter.token, rating="not")
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and matter.rating == "not" and matter.closed_at


@pytest.mark.parametrize("status", [MatterStatus.NEW, MatterStatus.HANDLING, MatterStatus.CLOSED])
def test_a_rating_in_another_status_changes_nothing(town_a, point, status):
    matter = VoterMatterFactory(township=town_a, station=point, status=status)
    with pytest.raises(VoterError, match="not waiting for your rating"):
        voter_matter_rate(token=matter.token, rating="satisfied")
    matter.refresh_from_db()
    assert matter.status == status and not matter.rating

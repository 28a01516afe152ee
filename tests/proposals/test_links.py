"""The lead deputy rates a reply from the link in the text that tells them of it, on their phone with no login
(proposals/views/links.py): the reply to read, one tap to rate; after 30 days, or once rated, nothing changes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from congress.models import Notification
from deputies.models import DeputyLink, LinkAction, LinkPurpose
from proposals.models import Feedback, Rating, Status
from proposals.services.reminders import proposal_reminders_send
from tests.factories import DeputyFactory
from tests.proposals.conftest import START
from tests.snapshots import snapshot

pytestmark = pytest.mark.django_db

SAME = {aspect: Rating.SATISFIED for aspect in ("consultation", "attitude", "reply", "result", "overall")}


@pytest.fixture
def lead(town_a):
    """A lead deputy with no login, as most deputies are."""
    return DeputyFactory(township=town_a, name="马大姐", phone="13900002222")


@pytest.fixture
def replied(flow, lead):
    """A reply to 马大姐's item; returns it and the path of the link her text carries."""
    reply = flow.replied(flow.assigned(lead=lead))
    return reply, Notification.objects.get(key=f"proposal-replied:{reply.proposal_id}:1").url


def test_a_lead_deputy_without_a_login_is_texted_the_reply_with_a_link_to_rate_it(replied, lead):
    reply, path = replied

    text = Notification.objects.get(key=f"proposal-replied:{reply.proposal_id}:1")

    assert (text.kind, text.recipient, text.phone) == ("proposal-replied", None, lead.phone)
    assert text.params["name"] == "马大姐" and text.params["title"] == reply.proposal.title
    assert path == f"/r/{text.params['code']}"
    link = DeputyLink.objects.get()
    assert (link.deputy, link.purpose, link.target_id) == (lead, LinkPurpose.RATE, reply.pk)
    assert link.expires_at == reply.submitted_at + timedelta(days=30)


def test_the_rate_link_shows_the_reply_with_no_login_and_writes_nothing(replied):
    reply, path = replied
    before = snapshot()

    response = Client().get(path)

    page = response.content.decode()
    assert response.status_code == 200
    assert all(text in page for text in ("马大姐", reply.proposal.title, reply.text, 'data-rating="satisfied"'))
    assert snapshot() == before


def test_one_tap_rates_the_reply_and_closes_the_item(replied):
    reply, path = replied

    response = Client().post(path, SAME)

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.proposal, feedback.round, feedback.overall) == (reply.proposal, 1, Rating.SATISFIED)
    reply.proposal.refresh_from_db()
    assert reply.proposal.status == Status.CLOSED
    assert DeputyLink.objects.get().used_action == LinkAction.RATE
    assert Notification.objects.get(key=f"proposal-replied:{reply.proposal_id}:1").read_at is not None


def test_rating_twice_keeps_the_first_rating(replied):
    reply, path = replied
    client = Client()
    client.post(path, SAME)

    client.post(path, SAME | {"overall": Rating.NOT, "comment": "不满意"})

    assert list(Feedback.objects.values_list("overall", flat=True)) == [Rating.SATISFIED]


def test_not_satisfied_without_saying_why_is_refused_and_nothing_changes(replied):
    _reply, path = replied
    client = Client()
    before = snapshot()

    response = client.post(path, SAME | {"overall": Rating.NOT})

    assert response.status_code == 302
    assert snapshot() == before


def test_thirty_days_after_the_reply_the_link_has_expired_and_nothing_changes(replied, flow):
    reply, path = replied
    flow.go(START + timedelta(days=31))
    before = snapshot()

    response = Client().post(path, SAME)

    assert response.status_code == 410
    assert _("This link was valid until %(when)s; it has expired.").split("%")[0] in response.content.decode()
    assert snapshot() == before


def test_a_reply_already_rated_from_the_items_page_is_not_rated_again_by_its_link(replied, flow):
    reply, path = replied
    flow.feedback(reply.proposal, Rating.BASIC)
    before = snapshot()

    page = Client().get(path).content.decode()
    Client().post(path, SAME)

    assert 'data-rating="satisfied"' not in page and 'data-state="rated"' in page
    assert snapshot() == before


def test_the_feedback_reminder_texts_a_link_too(replied, lead):
    reply, _path = replied

    proposal_reminders_send(today=START + timedelta(days=3))

    wait = Notification.objects.get(key=f"proposal-feedback-wait:{reply.proposal_id}:1")
    assert (wait.kind, wait.recipient, wait.url[:3]) == ("proposal-replied", None, "/r/")
    assert DeputyLink.objects.filter(deputy=lead, target_id=reply.pk).count() == 2

"""面对面问策, 面对面答复: only a meeting in person, a meeting (座谈会) or a visit is one of the three meetings. A
call or a letter is recorded as a contact, marked on the item's page, and the reply is refused until the round's
first two meetings were face to face; the third is face to face, or a call where the town's rules allow it. The
town's handling rules page: the office sets them, leaders and the county read them."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils.translation import gettext as _

from congress.dates import format_day
from proposals import figures
from proposals.forms import MeetingRecordForm, ReplyForm
from proposals.models import FACE_TO_FACE, HandlingSettings, Meeting, MeetingForm, Proposal, Stage, Status
from proposals.services.rules import ProposalError
from tests.proposals.conftest import START

pytestmark = pytest.mark.django_db


def allow_calls(town, allowed: bool = True) -> HandlingSettings:
    settings, _created = HandlingSettings.objects.update_or_create(
        township=town, defaults={"phone_third_meeting": allowed}
    )
    return settings


# --- The first two meetings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [MeetingForm.CALL, MeetingForm.WRITTEN, MeetingForm.OTHER])
def test_a_reply_is_refused_when_the_consultation_was_not_face_to_face(flow, refused, form):
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=form)  # recorded, as a contact
    flow.meeting(item, Stage.DURING)
    with refused(item):
        flow.reply(item)
    assert item.status == Status.ASSIGNED
    assert not item.replies.exists()
    assert not item.meetings.filter(stage=Stage.BEFORE_REPLY).exists()


def test_the_refusal_names_the_meeting_that_was_not_face_to_face(flow):
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT)
    flow.meeting(item, Stage.DURING, form=MeetingForm.CALL)
    with pytest.raises(ProposalError) as excinfo:
        flow.reply(item)
    expected = _(
        "The %(meeting)s meeting was not face to face (%(form)s) and does not count: meet the deputy "
        "face to face and record it before the reply."
    ) % {"meeting": _("handling"), "form": str(MeetingForm.CALL.label)}
    assert excinfo.value.text == expected


def test_a_face_to_face_meeting_takes_the_place_of_a_contact_and_keeps_it_in_the_notes(flow):
    item = flow.assigned()
    contact = flow.meeting(item, Stage.AFTER_ASSIGNMENT, held_on=START - timedelta(days=3), form=MeetingForm.CALL)
    meeting = flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.IN_PERSON)
    assert meeting.pk == contact.pk
    meeting.refresh_from_db()
    assert (meeting.form, meeting.held_on) == (MeetingForm.IN_PERSON, START)
    assert format_day(START - timedelta(days=3)) in meeting.notes
    assert item.meetings.count() == 1
    flow.meeting(item, Stage.DURING)
    flow.reply(item)
    item.refresh_from_db()
    assert item.status == Status.REPLIED


def test_a_second_contact_or_a_meeting_after_a_face_to_face_one_is_refused(flow, refused):
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.CALL)
    with refused(item):
        flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.WRITTEN)
    flow.meeting(item, Stage.DURING, form=MeetingForm.MEETING)
    with refused(item):
        flow.meeting(item, Stage.DURING, form=MeetingForm.VISIT)


def test_a_meeting_with_a_future_date_or_an_unknown_form_is_refused(flow, refused):
    item = flow.assigned()
    with refused(item):
        flow.meeting(item, Stage.AFTER_ASSIGNMENT, held_on=START + timedelta(days=1))
    with refused(item):
        flow.meeting(item, Stage.AFTER_ASSIGNMENT, form="carrier-pigeon")
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.CALL)
    with refused(item):  # a face-to-face meeting in the future does not replace the contact either
        flow.meeting(item, Stage.AFTER_ASSIGNMENT, held_on=START + timedelta(days=1), form=MeetingForm.VISIT)


# --- The third meeting, with the reply -------------------------------------------------------------------------


@pytest.mark.parametrize("form", [MeetingForm.CALL, MeetingForm.WRITTEN, MeetingForm.OTHER, "carrier-pigeon"])
def test_the_meeting_before_the_reply_must_be_face_to_face(flow, refused, form):
    item = flow.assigned()
    flow.meetings(item)
    with refused(item):
        flow.reply(item, meeting_form=form)
    assert item.status == Status.ASSIGNED


@pytest.mark.parametrize("form", list(FACE_TO_FACE))
def test_every_face_to_face_form_is_accepted_before_the_reply(flow, form):
    item = flow.assigned()
    flow.meetings(item)
    flow.reply(item, meeting_form=form)
    assert item.meetings.get(stage=Stage.BEFORE_REPLY).form == form


def test_a_call_before_the_reply_where_the_town_allows_it_but_never_a_letter(flow, refused, town_a):
    allow_calls(town_a)
    item = flow.assigned()
    flow.meetings(item)
    for form in (MeetingForm.WRITTEN, MeetingForm.OTHER):
        with refused(item):
            flow.reply(item, meeting_form=form)
    flow.reply(item, meeting_form=MeetingForm.CALL)
    item.refresh_from_db()
    assert item.status == Status.REPLIED


def test_the_town_allowing_a_call_does_not_excuse_the_first_two_meetings(flow, refused, town_a):
    allow_calls(town_a)
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.CALL)
    flow.meeting(item, Stage.DURING)
    with refused(item):
        flow.reply(item, meeting_form=MeetingForm.VISIT)


def test_another_towns_setting_does_not_allow_a_call_here(flow, refused, town_b):
    allow_calls(town_b)
    item = flow.assigned()
    flow.meetings(item)
    with refused(item):
        flow.reply(item, meeting_form=MeetingForm.CALL)


def test_a_reply_meeting_with_a_future_date_is_refused(flow, refused):
    item = flow.assigned()
    flow.meetings(item)
    with refused(item):
        flow.reply(item, meeting_held_on=START + timedelta(days=1))


# --- The meeting rate ------------------------------------------------------------------------------------------


def test_a_phone_third_meeting_is_not_met_in_the_meeting_rate_even_when_allowed(flow, town_a):
    allow_calls(town_a)
    by_call, in_person = flow.assigned(), flow.assigned()
    for item in (by_call, in_person):
        flow.meetings(item)
    flow.reply(by_call, meeting_form=MeetingForm.CALL)
    flow.reply(in_person, meeting_form=MeetingForm.IN_PERSON)
    rate = figures.meeting_rate(figures.item_facts(items=Proposal.objects.for_township(town_a)))
    assert (rate.numerator, rate.denominator) == (1, 2)


def test_a_contact_recorded_for_the_consultation_does_not_count_in_the_meeting_rate(flow, town_a):
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.WRITTEN)
    rate = figures.meeting_rate(figures.item_facts(items=Proposal.objects.for_township(town_a)))
    assert (rate.numerator, rate.denominator) == (0, 1)


# --- The forms and the item's page -----------------------------------------------------------------------------


@pytest.mark.parametrize("form_class", [MeetingRecordForm, ReplyForm])
def test_the_forms_list_the_face_to_face_forms_first(form_class):
    field = form_class(township=None).fields["form" if form_class is MeetingRecordForm else "meeting_form"]
    values = [value for _group, options in field.choices for value, _label in options]
    assert values[: len(FACE_TO_FACE)] == list(FACE_TO_FACE)
    assert set(values) == set(MeetingForm.values)


def test_the_items_page_marks_a_contact_and_says_what_is_still_needed(flow, login, alice):
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.CALL)
    response = login(alice).get(f"/proposals/{item.pk}/")
    page = response.content.decode()
    assert _("not face to face: does not count") in page
    assert response.context["needed"] == [Stage.AFTER_ASSIGNMENT, Stage.DURING]
    assert _("the consultation meeting, face to face") in page
    assert _("the handling meeting, face to face") in page
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.MEETING)
    flow.meeting(item, Stage.DURING, form=MeetingForm.VISIT)
    response = login(alice).get(f"/proposals/{item.pk}/")
    assert response.context["needed"] == []
    assert _("not face to face: does not count") not in response.content.decode()


def test_a_reply_refused_through_the_page_says_why_and_changes_nothing(flow, login, alice):
    item = flow.assigned()
    flow.meeting(item, Stage.AFTER_ASSIGNMENT, form=MeetingForm.WRITTEN)
    flow.meeting(item, Stage.DURING)
    data = {
        "reply_class": "A",
        "text": "已办理",
        "signer": "李",
        "contact": "王",
        "phone": "1",
        "meeting_held_on": f"{START:%Y-%m-%d}",
        "meeting_form": MeetingForm.IN_PERSON,
        "meeting_participants": "代表",
    }
    response = login(alice).post(f"/proposals/{item.pk}/reply/", data)
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(_("consultation") in t and str(MeetingForm.WRITTEN.label) in t for t in texts)
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED
    assert Meeting.objects.filter(proposal=item).count() == 2


# --- The town's handling rules page ----------------------------------------------------------------------------


def test_the_office_sets_the_towns_rules_once_per_town(login, alice, town_a):
    client = login(alice)
    assert client.get("/proposals/rules/").status_code == 200
    response = client.post("/proposals/rules/", {"phone_third_meeting": "on"})
    assert response.status_code == 302
    assert HandlingSettings.objects.get(township=town_a).phone_third_meeting is True
    client.post("/proposals/rules/", {})
    assert HandlingSettings.objects.get(township=town_a).phone_third_meeting is False
    assert HandlingSettings.objects.count() == 1


@pytest.mark.parametrize("who", ["leo", "erin"])
def test_leaders_and_the_county_read_the_rules_and_change_nothing(login, request, who, town_a):
    allow_calls(town_a)
    client = login(request.getfixturevalue(who))
    response = client.get("/proposals/rules/")
    assert response.status_code == 200
    assert response.context["form"].fields["phone_third_meeting"].disabled
    assert client.post("/proposals/rules/", {}).status_code == 403
    assert HandlingSettings.objects.get(township=town_a).phone_third_meeting is True


@pytest.mark.parametrize("who", ["bob", "carol"])
def test_deputies_and_units_do_not_see_the_rules(login, request, who):
    assert login(request.getfixturevalue(who)).get("/proposals/rules/").status_code == 403


def test_another_towns_office_sets_only_its_own_rules(login, dave, town_a, town_b):
    allow_calls(town_a)
    login(dave).post("/proposals/rules/", {})
    assert HandlingSettings.objects.get(township=town_a).phone_third_meeting is True
    assert HandlingSettings.objects.get(township=town_b).phone_third_meeting is False

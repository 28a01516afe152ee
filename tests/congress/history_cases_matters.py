"""The history cases of the services of voters' matters in the office's and the deputies' hands: importing this
module declares them for test_history.py's test and the guard."""

from django.utils import timezone

from petitions.models import MatterStatus, VoterMatter
from petitions.services import matters
from petitions.services.matters import TakePlan
from tests.congress.history_world import NOW, World, case, changed, created
from tests.factories import VoterMatterFactory


def voter_matter(w: World, **fields) -> VoterMatter:
    return VoterMatterFactory(township=w.town, station=w.station, created_at=NOW, **fields)


@case(matters.matter_take, "alice")
def matter_take(w):
    matter = voter_matter(w)
    plan = TakePlan(category=w.category(), outcome="answered", answer="已修好")
    visit = w.call(matter=matter, user=w.alice, plan=plan, now=NOW)
    return [changed(matter, status="answered", visit_id=visit.pk), created(visit, outcome="answered")]


@case(matters.matter_visit_recorded, "alice")
def matter_visit_recorded(w):
    visit = w.visit("answered")
    matter = voter_matter(w, status=MatterStatus.HANDLING, visit=visit)
    w.call(visit=visit, now=NOW)
    return [changed(matter, status="answered", answered_at=NOW)]


@case(matters.matter_referral_finished, "carol")
def matter_referral_finished(w):
    referral = w.referral("resolved")
    matter = voter_matter(w, status=MatterStatus.HANDLING, visit=referral.visit)
    w.call(referral=referral, now=NOW)
    return [changed(matter, status="answered", answered_at=NOW)]


@case(matters.matter_answer_again, "alice")
def matter_answer_again(w):
    matter = voter_matter(w, status=MatterStatus.HANDLING, reopened_at=timezone.now())
    w.call(matter=matter, user=w.alice, text="再次答复", now=NOW)
    return [changed(matter, status="answered", answered_at=NOW)]


@case(matters.matter_spam, "alice")
def matter_spam(w):
    matter = voter_matter(w)
    w.call(matter=matter, user=w.alice, now=NOW)
    return [changed(matter, status="spam", spam_at=NOW)]


@case(matters.matter_approve, "alice")
def matter_approve(w):
    matter = voter_matter(w, status=MatterStatus.ANSWERED, public_allowed=True)
    w.call(matter=matter, user=w.alice, now=NOW)
    return [changed(matter, public_approved_at=NOW)]

"""The supervision panel of towns built in bulk, a month at a time: its monthly meetings and questions, and the
major cases."""

from datetime import timedelta

from demo.scale.base import Month
from demo.scale.write import new, write
from petitions.models import MajorCase, PanelMeeting, PanelQuestion


def panel(month: Month) -> None:
    """The panel's meeting of the month and the major cases opened in it, for each town."""
    _meeting(month)
    _cases(month)


def _meeting(month: Month) -> None:
    """A panel meeting every month before this one, ten members at each, five of them asking a question."""
    if not month.past:
        return
    rng = month.rng
    meetings = write(
        PanelMeeting,
        [
            new(
                PanelMeeting,
                township_id=town.pk,
                month=month.month,
                held_on=month.month + timedelta(days=24),
                place="镇人大会议室",
            )
            for town in month.towns
        ],
        month.built,
    )
    through = PanelMeeting.attendees.through
    questions = []
    links = []
    for meeting, town in zip(meetings, month.towns, strict=True):
        attendees = rng.sample(town.deputies, 10)
        links.extend(new(through, panelmeeting_id=meeting.pk, deputy_id=d) for d in attendees)
        questions.extend(
            new(
                PanelQuestion,
                township_id=meeting.township_id,
                meeting_id=meeting.pk,
                asked_by_id=d,
                to_leader_id=rng.choice(town.leaders),
                question="群众反映的问题何时能够解决？",
                answer="已安排专人跟进，月底前答复。",
            )
            for d in attendees[:5]
        )
    write(through, links, month.built)
    write(PanelQuestion, questions, month.built)


def _cases(month: Month) -> None:
    """Two major cases a year, all concluded but the last two, five deputies on each."""
    rng, plan = month.rng, month.plan
    numbers = plan.opened_of.get(month.month, [])
    if not numbers:
        return
    open_from = plan.case_count - 2
    pairs = [
        (
            town,
            new(
                MajorCase,
                township_id=town.pk,
                title=f"第{n + 1}件重大疑难信访事项",
                lead_leader_id=town.leaders[n % len(town.leaders)],
                opened_on=plan.opened[n],
                status="concluded" if n < open_from else "open",
                concluded_on=plan.opened[n] + timedelta(days=90) if n < open_from else None,
            ),
        )
        for town in month.towns
        for n in numbers
    ]
    write(MajorCase, [case for _town, case in pairs], month.built)
    through = MajorCase.deputies.through
    write(
        through,
        [new(through, majorcase_id=case.pk, deputy_id=d) for town, case in pairs for d in rng.sample(town.deputies, 5)],
        month.built,
    )

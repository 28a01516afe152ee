"""The supervision panel of towns built in bulk: its monthly meetings and questions, and the major cases."""

from datetime import timedelta

from congress.dates import add_months, first_of
from demo.scale.base import DEPUTIES, LEADERS, Chunk, bulk
from petitions.models import MajorCase, PanelMeeting, PanelQuestion


def panel(chunk: Chunk) -> None:
    """The panel's monthly meetings and the major cases of each town."""
    _meetings(chunk)
    _cases(chunk)


def _meetings(chunk: Chunk) -> None:
    """A panel meeting every month before this one, ten members at each, five of them asking a question."""
    rng, towns, built = chunk.rng, chunk.towns, chunk.built
    months = []
    month = first_of(chunk.start)
    while month < first_of(chunk.today):
        months.append(month)
        month = add_months(month, 1)
    meetings = bulk(
        built,
        PanelMeeting,
        [
            PanelMeeting(township=t, month=m, held_on=m + timedelta(days=24), place="镇人大会议室")
            for t in towns
            for m in months
        ],
    )
    through = PanelMeeting.attendees.through
    questions = []
    links = []
    for k, meeting in enumerate(meetings):
        town_index = k // len(months)
        attendees = rng.sample(chunk.of(chunk.deputies, DEPUTIES, town_index), 10)
        links.extend(through(panelmeeting_id=meeting.pk, deputy_id=d.pk) for d in attendees)
        leaders = chunk.of(chunk.leaders, len(LEADERS), town_index)
        questions.extend(
            PanelQuestion(
                township_id=meeting.township_id,
                meeting=meeting,
                asked_by=d,
                to_leader=rng.choice(leaders),
                question="群众反映的问题何时能够解决？",
                answer="已安排专人跟进，月底前答复。",
            )
            for d in attendees[:5]
        )
    bulk(built, through, links)
    bulk(built, PanelQuestion, questions)


def _cases(chunk: Chunk) -> None:
    """Two major cases a year, all concluded but the last two, five deputies on each."""
    rng, towns, built = chunk.rng, chunk.towns, chunk.built
    cases = bulk(
        built,
        MajorCase,
        [
            MajorCase(
                township=t,
                title=f"第{n + 1}件重大疑难信访事项",
                lead_leader=chunk.of(chunk.leaders, len(LEADERS), i)[n % len(LEADERS)],
                opened_on=chunk.start + timedelta(days=180 * n + 30),
                status="concluded" if n < chunk.case_count - 2 else "open",
                concluded_on=chunk.start + timedelta(days=180 * n + 120) if n < chunk.case_count - 2 else None,
            )
            for i, t in enumerate(towns)
            for n in range(chunk.case_count)
        ],
    )
    through = MajorCase.deputies.through
    bulk(
        built,
        through,
        [
            through(majorcase_id=c.pk, deputy_id=d.pk)
            for k, c in enumerate(cases)
            for d in rng.sample(chunk.of(chunk.deputies, DEPUTIES, k // chunk.case_count), 5)
        ],
    )

"""Benchmark: assess one month for N towns (200 by default, about 19,000 deputies) with the set-based service,
then with a per-deputy loop on the same data, in one process; print both times and the ratio.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/congress .venv/bin/python bench/assess_month.py [--towns 200]
(without DATABASE_URL it runs on SQLite). It works in a throwaway database: it builds the towns with bulk
inserts (deputies, a month of duty days and sign-ins, visits with handling suggestions, activities and
attendance, accepted proposals with co-signers, a panel meeting with questions, a major case), then times
`assessment_compute` for every town at once, then the loop, and checks that both give the same scores.

With --existing it builds nothing: on the database given (one filled by `seed_scale`, a province of 1,500
towns say) it times `assessment_compute` of last month for every town at once, three times (the first read
warms the caches), each in a transaction rolled back, so the database is left as it was:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale1500 .venv/bin/python bench/assess_month.py --existing"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from activities.models import Activity, ActivityAttendance, ActivityKind, Attendance
from assessments.models import Assessment, Item  # noqa: E402
from assessments.scoring import ACCEPTED, score, standard_rules  # noqa: E402
from assessments.services.assessment import assessment_compute, standards_in_force  # noqa: E402
from congress.dates import last_month, month_bounds
from congress.models import County, Department, Leader, Township  # noqa: E402
from deputies.models import Deputy, DeputyStatus, LargeGroup, SmallGroup, Station
from petitions.models import (  # noqa: E402
    AttendanceStatus,
    DutyAssignment,
    DutyDay,
    HandlingSuggestion,
    MajorCase,
    PanelMeeting,
    PanelQuestion,
    Visit,
    VisitCategory,
)
from proposals.models import CoSigner, Proposal, Status  # noqa: E402

MONTH = date(2026, 10, 1)
DEPUTIES_PER_TOWN = 94


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour, 0)))


def build(towns: int) -> int:
    """N towns of demo size with one month of everything the standard scores; returns the deputies."""
    rng = random.Random(3)
    county = County.objects.create(name="基准县", code="bench")
    town_rows = Township.objects.bulk_create(
        Township(county=county, name=f"基准{n:04d}镇", code=f"bench-{n:04d}") for n in range(towns)
    )
    larges = LargeGroup.objects.bulk_create(LargeGroup(township=t, name="第一代表大组") for t in town_rows)
    groups = SmallGroup.objects.bulk_create(
        SmallGroup(township=t, large_group=larges[i], name=f"第{g}代表小组")
        for i, t in enumerate(town_rows)
        for g in range(12)
    )
    stations = Station.objects.bulk_create(
        Station(township=t, name="接待站", level="town", address="镇政府") for t in town_rows
    )
    leaders = Leader.objects.bulk_create(Leader(township=t, name="镇长", title="镇长") for t in town_rows)
    categories = VisitCategory.objects.bulk_create(VisitCategory(township=t, name="其他") for t in town_rows)
    Department.objects.bulk_create(Department(township=t, name="综合办") for t in town_rows)
    deputies = Deputy.objects.bulk_create(
        Deputy(
            township=t,
            name=f"代表{i}-{n}",
            gender="M",
            small_group=groups[i * 12 + n % 12],
            status=DeputyStatus.SERVING,
        )
        for i, t in enumerate(town_rows)
        for n in range(DEPUTIES_PER_TOWN)
    )
    by_town = [deputies[i * DEPUTIES_PER_TOWN : (i + 1) * DEPUTIES_PER_TOWN] for i in range(towns)]
    mondays = [MONTH + timedelta(days=d) for d in range(31) if (MONTH + timedelta(days=d)).weekday() == 0]
    days = DutyDay.objects.bulk_create(
        DutyDay(township=t, date=day, start_time=clock(8), station=stations[i], small_group=groups[i * 12 + k])
        for i, t in enumerate(town_rows)
        for k, day in enumerate(mondays)
    )
    members_of: dict[int, list[Deputy]] = {}
    for deputy in deputies:
        members_of.setdefault(deputy.small_group_id, []).append(deputy)
    assignments = []
    for day in days:
        for deputy in members_of[day.small_group_id]:
            roll = rng.random()
            status = AttendanceStatus.ABSENT if roll < 0.05 else AttendanceStatus.PRESENT
            assignments.append(
                DutyAssignment(
                    township_id=day.township_id,
                    duty_day=day,
                    deputy=deputy,
                    status=status,
                    signed_in_at=_at(day.date, 8) if status == AttendanceStatus.PRESENT else None,
                    late=status == AttendanceStatus.PRESENT and roll > 0.9,
                )
            )
    DutyAssignment.objects.bulk_create(assignments, batch_size=5000)
    visits = Visit.objects.bulk_create(
        (
            Visit(
                township=t,
                received_at=_at(mondays[v % len(mondays)]),
                station=stations[i],
                visitor_name="群众",
                category=categories[i],
                content="反映问题",
                outcome="answered",
            )
            for i, t in enumerate(town_rows)
            for v in range(50)
        ),
        batch_size=5000,
    )
    HandlingSuggestion.objects.bulk_create(
        (
            HandlingSuggestion(
                township_id=visit.township_id,
                visit=visit,
                deputy=rng.choice(by_town[k // 50]),
                text="建议依法处理",
                created_at=visit.received_at,
            )
            for k, visit in enumerate(visits)
            for _ in range(3)
        ),
        batch_size=5000,
    )
    activities = Activity.objects.bulk_create(
        Activity(township=t, kind=kind, training_form="full" if kind == "training" else "", title="活动", date=day)
        for t in town_rows
        for kind, day in (
            (ActivityKind.INSPECTION, MONTH + timedelta(days=9)),
            (ActivityKind.TRAINING, MONTH + timedelta(days=15)),
            (ActivityKind.REPORT, MONTH + timedelta(days=22)),
        )
    )
    ActivityAttendance.objects.bulk_create(
        (
            ActivityAttendance(
                township_id=a.township_id,
                activity=a,
                deputy=d,
                status=Attendance.ATTENDED if rng.random() < 0.85 else Attendance.ABSENT,
            )
            for k, a in enumerate(activities)
            for d in rng.sample(by_town[k // 3], 30)
        ),
        batch_size=5000,
    )
    proposals = Proposal.objects.bulk_create(
        (
            Proposal(
                township=t,
                title="关于修路的建议",
                content="内容",
                category="infrastructure",
                lead_deputy=rng.choice(by_town[i]),
                status=Status.ASSIGNED,
                submitted_at=_at(MONTH + timedelta(days=2)),
                accepted_at=_at(MONTH + timedelta(days=5)),
            )
            for i, t in enumerate(town_rows)
            for _ in range(10)
        ),
        batch_size=5000,
    )
    CoSigner.objects.bulk_create(
        (
            CoSigner(township_id=p.township_id, proposal=p, deputy=d, confirmed_at=p.accepted_at)
            for k, p in enumerate(proposals)
            for d in rng.sample([x for x in by_town[k // 10] if x.pk != p.lead_deputy_id], 2)
        ),
        batch_size=5000,
    )
    meetings = PanelMeeting.objects.bulk_create(
        PanelMeeting(township=t, month=MONTH, held_on=MONTH + timedelta(days=29)) for t in town_rows
    )
    PanelMeeting.attendees.through.objects.bulk_create(
        (
            PanelMeeting.attendees.through(panelmeeting=m, deputy=d)
            for i, m in enumerate(meetings)
            for d in by_town[i][:10]
        ),
        batch_size=5000,
    )
    PanelQuestion.objects.bulk_create(
        (
            PanelQuestion(township_id=m.township_id, meeting=m, asked_by=d, to_leader=leaders[i], question="何时解决？")
            for i, m in enumerate(meetings)
            for d in by_town[i][:5]
        ),
        batch_size=5000,
    )
    cases = MajorCase.objects.bulk_create(
        MajorCase(township=t, title="重大疑难案件", lead_leader=leaders[i], opened_on=MONTH + timedelta(days=3))
        for i, t in enumerate(town_rows)
    )
    MajorCase.deputies.through.objects.bulk_create(
        (MajorCase.deputies.through(majorcase=c, deputy=d) for i, c in enumerate(cases) for d in by_town[i][20:25]),
        batch_size=5000,
    )
    return len(deputies)


def assess_one_by_one(township_ids: list[int]) -> int:
    """The naive way, for comparison: for each deputy, count each item with its own query and save the row."""
    first, after = month_bounds(MONTH)
    start, end = _at(first, 0), _at(after, 0)
    in_force = standards_in_force(township_ids=township_ids, month=MONTH)
    written = 0
    for deputy in Deputy.objects.filter(township_id__in=township_ids, status=DeputyStatus.SERVING):
        duty = DutyAssignment.objects.filter(deputy=deputy, duty_day__date__gte=first, duty_day__date__lt=after)
        attended = ActivityAttendance.objects.filter(
            deputy=deputy, status=Attendance.ATTENDED, activity__date__gte=first, activity__date__lt=after
        )
        counts = {
            Item.DUTY_ATTENDED: duty.filter(status=AttendanceStatus.PRESENT).count(),
            Item.DUTY_ABSENT: duty.filter(status=AttendanceStatus.ABSENT).count(),
            Item.DUTY_LATE: duty.filter(status=AttendanceStatus.PRESENT, late=True).count(),
            Item.SUGGESTION: HandlingSuggestion.objects.filter(
                deputy=deputy, created_at__gte=start, created_at__lt=end
            ).count(),
            Item.ACTIVITY: attended.exclude(activity__kind__in=[ActivityKind.TRAINING, ActivityKind.REPORT]).count(),
            Item.TRAINING: attended.filter(activity__kind=ActivityKind.TRAINING).count(),
            Item.REPORT: attended.filter(activity__kind=ActivityKind.REPORT).count(),
            Item.PROPOSAL_LED: Proposal.objects.filter(
                lead_deputy=deputy, status__in=ACCEPTED, accepted_at__gte=start, accepted_at__lt=end
            ).count(),
            Item.COSIGNED: CoSigner.objects.filter(
                deputy=deputy,
                confirmed_at__isnull=False,
                proposal__status__in=ACCEPTED,
                proposal__accepted_at__gte=start,
                proposal__accepted_at__lt=end,
            ).count(),
            Item.PANEL: PanelMeeting.objects.filter(attendees=deputy, held_on__gte=first, held_on__lt=after).count(),
            Item.PANEL_QUESTION: PanelQuestion.objects.filter(
                asked_by=deputy, meeting__held_on__gte=first, meeting__held_on__lt=after
            ).count(),
            Item.MAJOR_CASE: MajorCase.objects.filter(
                deputies=deputy, opened_on__gte=first, opened_on__lt=after
            ).count(),
        }
        standard = in_force[deputy.township_id]
        total, breakdown = score(counts, standard_rules(standard))
        Assessment.objects.update_or_create(
            deputy=deputy,
            month=MONTH,
            defaults={
                "township_id": deputy.township_id,
                "standard": standard,
                "total": total,
                "breakdown": breakdown,
                "rank": 0,
                "computed_at": timezone.now(),
            },
        )
        written += 1
    return written


def existing() -> None:
    """Last month assessed for every town of the database, three times, each rolled back."""
    ids = list(Township.objects.values_list("pk", flat=True))
    month = last_month(timezone.localdate())
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {len(ids):,} towns, month {month:%Y-%m}")
    count = [0]

    def counted(execute, *args):
        count[0] += 1
        return execute(*args)

    for run in range(1, 4):
        with transaction.atomic():
            count[0] = 0
            with connection.execute_wrapper(counted):
                started = time.perf_counter()
                rows = assessment_compute(township_ids=ids, month=month)
                took = time.perf_counter() - started
            transaction.set_rollback(True)
        print(f"run {run}: {rows:,} deputies assessed in {took:.2f} s, {count[0]} queries (rolled back)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--towns", type=int, default=200)
    parser.add_argument("--existing", action="store_true", help="Time last month on the database given.")
    args = parser.parse_args()
    if args.existing:
        existing()
        return
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        deputies = build(args.towns)
        built = time.perf_counter() - started
        ids = list(Township.objects.values_list("pk", flat=True))
        standards_in_force(township_ids=ids, month=MONTH)  # the default standards, made once, outside the timing

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            rows = assessment_compute(township_ids=ids, month=MONTH)
            set_based = time.perf_counter() - started
        set_queries = len(queries.captured_queries)
        reset_queries()
        expected = dict(Assessment.objects.values_list("deputy_id", "total"))
        Assessment.objects.all().delete()

        started = time.perf_counter()
        looped_rows = assess_one_by_one(ids)
        looped = time.perf_counter() - started
        assert rows == looped_rows == deputies
        assert dict(Assessment.objects.values_list("deputy_id", "total")) == expected, "the two ways disagree"

        print(f"database: {connection.vendor}")
        print(f"towns: {args.towns}, deputies assessed: {deputies} (data built in {built:.1f} s)")
        print(f"set-based assessment_compute: {set_based:.2f} s, {set_queries} queries")
        print(f"per-deputy loop: {looped:.2f} s")
        print(f"ratio: {looped / set_based:.1f}x")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

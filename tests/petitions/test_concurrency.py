"""Two roster generations for the same township at the same moment: the second is refused with a message."""

import threading
from datetime import date

import pytest
from django.db import connection, connections, transaction

from petitions.models import DutyDay, ReceptionSettings
from petitions.services.duty import DutyError, roster_generate


@pytest.mark.django_db(transaction=True)
def test_a_second_generation_at_the_same_moment_is_refused_and_changes_nothing(town_a, reception, groups, leaders):
    if not connection.features.has_select_for_update_nowait:
        pytest.skip("SQLite serialises writers itself; NOWAIT is PostgreSQL's")
    locked, release = threading.Event(), threading.Event()

    def first_generation_holds_the_lock() -> None:
        with transaction.atomic():
            ReceptionSettings.objects.select_for_update().get(pk=reception.pk)
            locked.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=first_generation_holds_the_lock)
    holder.start()
    try:
        assert locked.wait(10)
        with pytest.raises(DutyError):
            roster_generate(township=town_a, start=date(2027, 3, 1), end=date(2027, 3, 31), today=date(2027, 1, 1))
        assert not DutyDay.objects.exists()
    finally:
        release.set()
        holder.join(10)


@pytest.mark.django_db(transaction=True)
def test_two_office_users_deciding_the_same_leave_at_once_one_wins_the_other_is_told(town_a, alice):
    """Both press at the same moment: one decision is recorded, the other gets "already decided"."""
    if connection.vendor == "sqlite":
        pytest.skip("the test database of SQLite is one in-memory connection; PostgreSQL runs this in .ci/run")
    from datetime import timedelta

    from django.utils import timezone

    from petitions.models import DutyAssignment, LeaveRequest, LeaveStatus
    from petitions.services.leave import leave_decide
    from tests.factories import DeputyFactory, MembershipFactory, SmallGroupFactory, StationFactory, UserFactory

    second_office = UserFactory(username="alice2")
    MembershipFactory(user=second_office, township=town_a, role="office")
    deputy = DeputyFactory(township=town_a)
    day = DutyDay.objects.create(
        township=town_a,
        date=timezone.localdate() + timedelta(days=5),
        start_time="08:00",
        station=StationFactory(township=town_a),
        small_group=SmallGroupFactory(township=town_a),
    )
    assignment = DutyAssignment.objects.create(township=town_a, duty_day=day, deputy=deputy)
    leave = LeaveRequest.objects.create(
        township=town_a, assignment=assignment, reason="外出", requested_at=timezone.now()
    )
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(user, approve: bool) -> None:
        mine = LeaveRequest.objects.get(pk=leave.pk)
        barrier.wait(5)
        try:
            leave_decide(leave=mine, approve=approve, comment="" if approve else "人手不足", user=user)
            outcomes[user.username] = "decided"
        except DutyError as error:
            outcomes[user.username] = " ".join(error.messages)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(alice, True)),
        threading.Thread(target=decide, args=(second_office, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(outcomes.values()).count("decided") == 1, outcomes
    loser = next(message for message in outcomes.values() if message != "decided")
    assert "already decided" in loser or "已" in loser
    final = LeaveRequest.objects.get(pk=leave.pk)
    winner = "alice" if outcomes["alice"] == "decided" else "alice2"
    assert final.status == (LeaveStatus.APPROVED if winner == "alice" else LeaveStatus.REFUSED)
    assert final.decided_by.username == winner

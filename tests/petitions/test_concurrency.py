"""Two roster generations for the same township at the same moment: the second is refused with a message."""

import threading
from datetime import date

import pytest
from django.db import connection, connections, transaction

from petitions.models import DutyDay, ReceptionSettings
from petitions.services import DutyError, roster_generate


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

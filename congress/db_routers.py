"""Sends the report pages' reads to the streaming replica; every write, and every other read, to the primary."""

from contextvars import ContextVar

REPLICA = "replica"

# The alias the current request's reads go to; set only while a report view runs (congress.replica.reads_replica).
reading_from: ContextVar[str | None] = ContextVar("reading_from", default=None)


class ReplicaRouter:
    """Reads inside a report view go to the replica when one was chosen for the request; nothing else does."""

    def db_for_read(self, model, **hints) -> str | None:
        return reading_from.get()

    def db_for_write(self, model, **hints) -> str:
        # The replica is a hot standby and refuses writes; a write inside a report view still goes to the primary.
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same rows, so an object read from the replica may be linked to one from the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        return db == "default"

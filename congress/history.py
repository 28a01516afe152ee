"""simple-history's manager, which also says when it wrote history rows in bulk (congress.signals)."""

from simple_history.manager import HistoryManager

from congress.signals import rows_written


class SignallingHistoryManager(HistoryManager):
    """simple-history's manager, which also says when it wrote history rows in bulk (congress.signals)."""

    def bulk_history_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_history_create(objs, *args, **kwargs)
        if objs:
            rows_written.send(sender=type(objs[0]), rows=list(objs))
        return created

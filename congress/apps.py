from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from congress.audit import history_address

        # The library's hook (not our logic in a signal): it is how simple-history lets a row carry more.
        pre_create_historical_record.connect(history_address, dispatch_uid="congress-history-address")
        # Celery's task signals feed the task counters in every process that runs tasks (web when eager, worker).
        import congress.metrics  # noqa: F401

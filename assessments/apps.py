from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessment and reports")

    def ready(self) -> None:
        # The kept months of figures are made stale by the changes that touch them.
        from assessments import signals  # noqa: F401

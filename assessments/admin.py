"""Records read across the apps, in the administration site for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import Commendation


@admin.register(Commendation)
class CommendationAdmin(SimpleHistoryAdmin):
    list_display = ["year", "deputy", "title", "awarded_on", "township"]
    list_filter = ["township", "year"]
    search_fields = ["title", "deputy__name"]
    list_select_related = ["township", "deputy"]
    raw_id_fields = ["deputy", "recorded_by"]

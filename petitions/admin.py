"""Reception duty in the administration site, for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from petitions.models import DutyAssignment, DutyDay, Holiday, LeaveRequest, ReceptionSettings


@admin.register(ReceptionSettings)
class ReceptionSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["township", "weekdays", "start_time", "station", "subsidy_per_duty"]
    list_select_related = ["township", "station"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "township"]
    list_filter = ["township"]


@admin.register(DutyDay)
class DutyDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "small_group", "station", "status", "township"]
    list_filter = ["township", "status"]
    list_select_related = ["small_group", "station", "township"]
    date_hierarchy = "date"


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["duty_day", "deputy", "status", "signed_in_at", "late"]
    list_filter = ["status", "township"]
    list_select_related = ["duty_day__small_group", "deputy"]
    raw_id_fields = ["duty_day", "deputy", "replaces"]


@admin.register(LeaveRequest)
class LeaveRequestAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "status", "requested_at", "decided_at"]
    list_filter = ["status", "township"]
    list_select_related = ["assignment__deputy", "assignment__duty_day__small_group"]
    raw_id_fields = ["assignment", "substitute"]

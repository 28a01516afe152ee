"""Reception duty in the administration site, for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from petitions.models import (
    DeadlineExtension,
    DutyAssignment,
    DutyDay,
    Holiday,
    LeaveRequest,
    ReceptionSettings,
    Referral,
    Visit,
)


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


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["received_at", "visitor_name", "category", "outcome", "township"]
    list_filter = ["township", "outcome"]
    list_select_related = ["category", "township"]
    raw_id_fields = ["duty_day", "deputies"]
    date_hierarchy = "received_at"


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ["visit", "department", "responsible_name", "due", "status"]
    list_filter = ["township", "status"]
    list_select_related = ["visit", "department"]
    raw_id_fields = ["visit"]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(SimpleHistoryAdmin):
    list_display = ["referral", "old_due", "new_due", "status"]
    list_filter = ["status"]
    raw_id_fields = ["referral"]

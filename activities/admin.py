"""Activities and the small groups' plans in the administration site, for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from activities.models import Activity, ActivityAttendance, GroupPlanItem


class AttendanceInline(admin.TabularInline):
    model = ActivityAttendance
    extra = 0
    raw_id_fields = ["deputy", "recorded_by", "leave_decided_by"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "title", "kind", "training_form", "small_group", "township"]
    list_filter = ["township", "kind", "training_form"]
    search_fields = ["title", "places"]
    date_hierarchy = "date"
    list_select_related = ["township", "small_group"]
    raw_id_fields = ["small_group", "plan_item", "session", "created_by"]
    inlines = [AttendanceInline]


@admin.register(GroupPlanItem)
class GroupPlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["year", "quarter", "small_group", "title", "kind", "township"]
    list_filter = ["township", "year", "quarter"]
    list_select_related = ["township", "small_group"]

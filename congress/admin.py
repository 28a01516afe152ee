"""The administration site, for superusers."""

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from congress.models import CongressSession, County, Department, Leader, Membership, Notification, Township


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(Township)
class TownshipAdmin(admin.ModelAdmin):
    list_display = ["name", "county", "code"]
    list_filter = ["county"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "township", "county", "department"]
    list_filter = ["role", "township"]
    search_fields = ["user__username", "user__first_name"]
    list_select_related = ["user", "township", "county", "department"]
    autocomplete_fields = ["user"]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "township", "contact_person", "is_active"]
    list_filter = ["township", "kind", "is_active"]
    search_fields = ["name"]
    list_select_related = ["township"]


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "township", "order", "is_active"]
    list_filter = ["township", "is_active"]
    search_fields = ["name"]
    list_select_related = ["township"]


@admin.register(CongressSession)
class CongressSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "township", "start_date", "end_date"]
    list_filter = ["township"]
    list_select_related = ["township"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "status", "attempts", "created_at", "sent_at", "read_at"]
    list_filter = ["status", "township"]
    search_fields = ["subject", "key", "recipient__username"]
    list_select_related = ["recipient"]
    readonly_fields = ["key", "created_at", "claimed_at", "sent_at", "attempts", "last_error"]


# The login records are the audit trail: readable in the administration, never changed or deleted there.
# (Locks, AccessAttempt, stay deletable: deleting one unlocks a login before its 15 minutes are up.)
class ReadOnlyAuditMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


for _model, _admin in ((AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)):
    admin.site.unregister(_model)
    admin.site.register(_model, type(f"ReadOnly{_admin.__name__}", (ReadOnlyAuditMixin, _admin), {}))

"""The register in the administration site, for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from deputies.models import Deputy, LargeGroup, SmallGroup, Station, Term


@admin.register(LargeGroup)
class LargeGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "township", "order"]
    list_filter = ["township"]
    list_select_related = ["township"]


@admin.register(SmallGroup)
class SmallGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "large_group", "basis", "township", "is_active"]
    list_filter = ["township", "basis", "is_active"]
    list_select_related = ["township", "large_group"]


@admin.register(Deputy)
class DeputyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "gender", "village", "sector", "small_group", "township", "status"]
    list_filter = ["township", "level", "status", "gender"]
    search_fields = ["name", "village", "sector"]
    list_select_related = ["township", "small_group"]
    raw_id_fields = ["user"]


@admin.register(Station)
class StationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "address", "township", "is_active"]
    list_filter = ["township", "level", "is_active"]
    list_select_related = ["township"]
    filter_horizontal = ["small_groups"]


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["number", "township", "starts_on", "ends_on"]
    list_filter = ["township"]
    list_select_related = ["township"]

"""Proposals and suggestions in the administration site, for superusers."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proposals.models import Feedback, Proposal, Reply


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "lead_deputy", "status", "due", "township"]
    list_filter = ["township", "kind", "status", "key_item"]
    search_fields = ["title"]
    list_select_related = ["lead_deputy", "township"]
    raw_id_fields = ["lead_deputy", "merged_into", "session", "key_leader"]


@admin.register(Reply)
class ReplyAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "round", "reply_class", "submitted_at"]
    list_select_related = ["proposal"]
    raw_id_fields = ["proposal"]


@admin.register(Feedback)
class FeedbackAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "round", "overall", "given_at"]
    list_select_related = ["proposal"]
    raw_id_fields = ["proposal"]

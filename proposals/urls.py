"""The addresses of proposals and suggestions, and the short one-tap link that rates a reply."""

from django.urls import include, path

from proposals.views import documents, exports, inspections, items, links, rates

proposal_urlpatterns = [
    path("", items.proposal_list, name="proposal_list"),
    path("new/", items.proposal_edit, name="proposal_create"),
    path("export/", exports.proposal_export, name="proposal_export"),
    path("rates/", rates.proposal_rates, name="proposal_rates"),
    path("rates/items/", rates.proposal_rates_items, name="proposal_rates_items"),
    path("rules/", rates.handling_rules, name="proposal_rules"),
    path("collection/<int:pk>/", documents.session_collection, name="proposal_collection"),
    path("<int:pk>/", items.proposal_detail, name="proposal_detail"),
    path("<int:pk>/edit/", items.proposal_edit, name="proposal_edit"),
    path("<int:pk>/attach/", items.attachment_upload, name="proposal_attach"),
    path("attachments/<int:pk>/", items.attachment_download, name="proposal_attachment"),
    path("<int:pk>/assignment-notice/", documents.assignment_notice, name="proposal_assignment_notice"),
    path("<int:pk>/reply-letter/", documents.reply_letter, name="proposal_reply_letter"),
    path("<int:pk>/inspections/", inspections.inspection_add, name="proposal_inspection_add"),
    path("<int:pk>/<slug:action>/", items.proposal_action, name="proposal_action"),
    path("extensions/<int:pk>/decide/", items.extension_decision, name="proposal_extension_decision"),
]

urlpatterns = [
    path("proposals/", include(proposal_urlpatterns)),
    # A one-tap link from a text message: the site's address is fixed in the provider's template, the code varies.
    path("r/<str:code>", links.rate_link, name="rate_link"),
]

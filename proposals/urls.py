from django.urls import path

from proposals.views import items

urlpatterns = [
    path("", items.proposal_list, name="proposal_list"),
    path("new/", items.proposal_edit, name="proposal_create"),
    path("rates/", items.proposal_rates, name="proposal_rates"),
    path("<int:pk>/", items.proposal_detail, name="proposal_detail"),
    path("<int:pk>/edit/", items.proposal_edit, name="proposal_edit"),
    path("<int:pk>/attach/", items.attachment_upload, name="proposal_attach"),
    path("attachments/<int:pk>/", items.attachment_download, name="proposal_attachment"),
    path("<int:pk>/<slug:action>/", items.proposal_action, name="proposal_action"),
    path("extensions/<int:pk>/decide/", items.extension_decision, name="proposal_extension_decision"),
]

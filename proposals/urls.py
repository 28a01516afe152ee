from django.urls import path

from proposals import views

urlpatterns = [
    path("", views.proposal_list, name="proposal_list"),
    path("new/", views.proposal_edit, name="proposal_create"),
    path("rates/", views.proposal_rates, name="proposal_rates"),
    path("<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("<int:pk>/attach/", views.attachment_upload, name="proposal_attach"),
    path("attachments/<int:pk>/", views.attachment_download, name="proposal_attachment"),
    path("<int:pk>/<slug:action>/", views.proposal_action, name="proposal_action"),
    path("extensions/<int:pk>/decide/", views.extension_decision, name="proposal_extension_decision"),
]

"""The addresses of activities, training and the small groups' plans."""

from django.urls import path

from activities import views

urlpatterns = [
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/new/", views.activity_edit, name="activity_create"),
    path("activities/export/", views.activity_export, name="activity_export"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/invite/", views.activity_invite_view, name="activity_invite"),
    path("activities/<int:pk>/invite/confirm/", views.activity_invite_confirm, name="activity_invite_confirm"),
    path("activities/<int:pk>/attendance/", views.activity_attendance, name="activity_attendance"),
    path("activities/invitations/<int:pk>/withdraw/", views.activity_uninvite_view, name="activity_uninvite"),
    path(
        "activities/invitations/<int:pk>/leave/decide/", views.activity_leave_decision, name="activity_leave_decision"
    ),
    path("activities/invitations/<int:pk>/leave/", views.activity_leave_ask_view, name="activity_leave_ask"),
    path("activities/invitations/<int:pk>/self-study/", views.self_study, name="self_study"),
    path("activities/mine/", views.my_activities, name="my_activities"),
    path("activities/plans/", views.group_plans, name="group_plans"),
    path("activities/plans/<int:pk>/<int:year>/", views.group_plan_edit, name="group_plan_edit"),
    path("activities/plans/items/<int:pk>/delete/", views.plan_item_delete_view, name="plan_item_delete"),
]

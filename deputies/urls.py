from django.urls import path

from deputies import activity_views, views

urlpatterns = [
    path("deputies/", views.deputy_list, name="deputy_list"),
    path("deputies/export/", views.deputy_export, name="deputy_export"),
    path("deputies/new/", views.deputy_edit, name="deputy_create"),
    path("deputies/<int:pk>/", views.deputy_detail, name="deputy_detail"),
    path("deputies/<int:pk>/edit/", views.deputy_edit, name="deputy_edit"),
    path("deputies/<int:pk>/status/", views.deputy_status, name="deputy_status"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/large/new/", views.large_group_edit, name="large_group_create"),
    path("groups/large/<int:pk>/edit/", views.large_group_edit, name="large_group_edit"),
    path("groups/small/new/", views.small_group_edit, name="small_group_create"),
    path("groups/small/<int:pk>/", views.small_group_detail, name="small_group_detail"),
    path("groups/small/<int:pk>/edit/", views.small_group_edit, name="small_group_edit"),
    path("stations/", views.station_list, name="station_list"),
    path("stations/new/", views.station_edit, name="station_create"),
    path("stations/<int:pk>/", views.station_detail, name="station_detail"),
    path("stations/<int:pk>/edit/", views.station_edit, name="station_edit"),
    path("stations/<int:pk>/poster/", views.station_poster, name="station_poster"),
    path("units/", views.department_list, name="department_list"),
    path("units/new/", views.department_edit, name="department_create"),
    path("units/<int:pk>/edit/", views.department_edit, name="department_edit"),
    path("leaders/", views.leader_list, name="leader_list"),
    path("leaders/new/", views.leader_edit, name="leader_create"),
    path("leaders/<int:pk>/edit/", views.leader_edit, name="leader_edit"),
    path("import/<slug:kind>/", views.register_import, name="register_import"),
    path("import/<slug:kind>/apply/", views.register_import_apply, name="register_import_apply"),
    path("import/<slug:kind>/template/", views.register_import_template, name="register_import_template"),
]

public_urlpatterns = [
    path("public/<slug:code>/", views.public_township, name="public_township"),
    path("public/<slug:code>/stations/<int:pk>/", views.public_station, name="public_station"),
    path("s/<int:pk>/", views.station_qr, name="station_qr"),
]

activity_urlpatterns = [
    path("", activity_views.activity_list, name="activity_list"),
    path("new/", activity_views.activity_edit, name="activity_create"),
    path("<int:pk>/", activity_views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", activity_views.activity_edit, name="activity_edit"),
    path("<int:pk>/invite/", activity_views.activity_invite_view, name="activity_invite"),
    path("<int:pk>/attendance/", activity_views.activity_attendance, name="activity_attendance"),
    path("invitations/<int:pk>/withdraw/", activity_views.activity_uninvite_view, name="activity_uninvite"),
    path("invitations/<int:pk>/leave/decide/", activity_views.activity_leave_decision, name="activity_leave_decision"),
    path("invitations/<int:pk>/leave/", activity_views.activity_leave_ask_view, name="activity_leave_ask"),
    path("invitations/<int:pk>/self-study/", activity_views.self_study, name="self_study"),
    path("mine/", activity_views.my_activities, name="my_activities"),
    path("plans/", activity_views.group_plans, name="group_plans"),
    path("plans/<int:pk>/<int:year>/", activity_views.group_plan_edit, name="group_plan_edit"),
    path("plans/items/<int:pk>/delete/", activity_views.plan_item_delete_view, name="plan_item_delete"),
]

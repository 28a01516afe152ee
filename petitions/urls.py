from django.urls import path

from petitions import panel_views, views, visit_views

urlpatterns = [
    path("roster/", views.roster, name="roster"),
    path("roster/<slug:action>/", views.roster_action, name="roster_action"),
    path("days/<int:pk>/", views.duty_day_detail, name="duty_day_detail"),
    path("days/<int:pk>/edit/", views.duty_day_edit, name="duty_day_edit"),
    path("days/<int:pk>/deputies/", views.duty_assignment_change, name="duty_assignment_change"),
    path("days/<int:pk>/sign-in-sheet/", views.duty_day_print, name="duty_day_print"),
    path("days/<int:pk>/observations/", views.duty_observation, name="duty_observation"),
    path("attendance/<int:pk>/", views.attendance_edit, name="attendance_edit"),
    path("leave/", views.leave_list, name="leave_list"),
    path("leave/<int:pk>/decide/", views.leave_decision, name="leave_decision"),
    path("subsidies/", views.subsidy_sheet, name="subsidy_sheet"),
    path("settings/", views.reception_settings, name="reception_settings"),
    path("mine/", views.my_duties, name="my_duties"),
    path("mine/feed/reset/", views.feed_reset, name="feed_reset"),
    path("mine/<int:pk>/leave/", views.leave_ask, name="leave_ask"),
    path("mine/stand-in/<int:pk>/", views.substitute_answer, name="substitute_answer"),
    path("sign-in/<int:station>/", views.sign_in, name="sign_in"),
]

public_urlpatterns = [
    path("public/<slug:code>/roster/", views.public_roster, name="public_roster"),
    path("public/<slug:code>/roster.ics", views.public_roster_feed, name="public_roster_feed"),
    path("feeds/<str:token>.ics", views.deputy_feed, name="deputy_feed"),
]


visit_urlpatterns = [
    path("", visit_views.visit_list, name="visit_list"),
    path("new/", visit_views.visit_create, name="visit_create"),
    path("counts/", visit_views.visit_stats, name="visit_stats"),
    path("<int:pk>/", visit_views.visit_detail, name="visit_detail"),
    path("<int:pk>/suggest/", visit_views.visit_suggest, name="visit_suggest"),
    path("referrals/", visit_views.referral_list, name="referral_list"),
    path("referrals/export/", visit_views.referral_export, name="referral_export"),
    path("referrals/<int:pk>/", visit_views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/<slug:action>/", visit_views.referral_action, name="referral_action"),
    path("extensions/<int:pk>/decide/", visit_views.extension_decision, name="extension_decision"),
    path("<int:pk>/attach/", panel_views.visit_attach, name="visit_attach"),
    path("cases/", panel_views.major_case_list, name="major_case_list"),
    path("cases/new/", panel_views.major_case_edit, name="major_case_create"),
    path("cases/<int:pk>/", panel_views.major_case_detail, name="major_case_detail"),
    path("cases/<int:pk>/edit/", panel_views.major_case_edit, name="major_case_edit"),
    path("cases/<int:pk>/log/", panel_views.major_case_entry, name="major_case_entry"),
    path("panel/", panel_views.panel, name="panel"),
    path("panel/members/", panel_views.panel_members, name="panel_members"),
    path("panel/plan/", panel_views.panel_plan, name="panel_plan"),
    path("panel/<int:pk>/", panel_views.panel_meeting, name="panel_meeting"),
    path("panel/<int:pk>/save/", panel_views.panel_meeting_save, name="panel_meeting_save"),
    path("panel/<int:pk>/question/", panel_views.panel_question, name="panel_question"),
]

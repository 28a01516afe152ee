"""The addresses of reception duty, visits and the supervision panel."""

from django.urls import include, path

from petitions.views import (
    documents,
    duty,
    exports,
    figures,
    finder,
    leave,
    links,
    matters,
    panel,
    presence,
    public,
    roster,
    suggestions,
    visits,
)

duty_urlpatterns = [
    path("roster/", roster.roster, name="roster"),
    path("roster/publish/confirm/", roster.roster_publish_confirm, name="roster_publish_confirm"),
    path("roster/<slug:action>/", roster.roster_action, name="roster_action"),
    path("days/<int:pk>/", duty.duty_day_detail, name="duty_day_detail"),
    path("days/<int:pk>/edit/", duty.duty_day_edit, name="duty_day_edit"),
    path("days/<int:pk>/deputies/", duty.duty_assignment_change, name="duty_assignment_change"),
    path("days/<int:pk>/sign-in-sheet/", duty.duty_day_print, name="duty_day_print"),
    path("days/<int:pk>/observations/", duty.duty_observation, name="duty_observation"),
    path("days/<int:pk>/attendance/", duty.duty_attendance, name="duty_attendance"),
    path("leave/", leave.leave_list, name="leave_list"),
    path("leave/<int:pk>/decide/", leave.leave_decision, name="leave_decision"),
    path("subsidies/", duty.subsidy_sheet, name="subsidy_sheet"),
    path("settings/", duty.reception_settings, name="reception_settings"),
    path("mine/", duty.my_duties, name="my_duties"),
    path("mine/feed/reset/", duty.feed_reset, name="feed_reset"),
    path("mine/<int:pk>/leave/", leave.leave_ask, name="leave_ask"),
    path("mine/days/<int:pk>/", suggestions.my_duty_day, name="my_duty_day"),
    path("mine/days/<int:pk>/suggest/", suggestions.duty_suggest, name="duty_suggest"),
    path("mine/stand-in/<int:pk>/", leave.substitute_answer, name="substitute_answer"),
    path("sign-in/<int:station>/", duty.sign_in, name="sign_in"),
    path("stations/<int:station>/code/", presence.station_day_code, name="station_day_code"),
]

public_urlpatterns = [
    path("public/<slug:code>/", finder.public_township, name="public_township"),
    path("public/<slug:code>/stations/<int:pk>/", finder.public_station, name="public_station"),
    path("public/<slug:code>/roster/", duty.public_roster, name="public_roster"),
    path("public/<slug:code>/roster.ics", duty.public_roster_feed, name="public_roster_feed"),
    path("feeds/<str:token>.ics", duty.deputy_feed, name="deputy_feed"),
    # One-tap links from text messages: short, because a text's link parameter holds at most 35 characters.
    path("d/<str:code>", links.duty_link, name="duty_link"),
    path("t/<str:code>", links.stand_in_link, name="stand_in_link"),
    # The voters' side: a matter left from a contact point's code, and its private link (/m/<token> in a text).
    path("public/<slug:code>/matter/", public.public_matter_create, name="public_matter_create"),
    path("public/<slug:code>/matter/code/", public.public_matter_code, name="public_matter_code"),
    path("m/<str:token>/", public.public_matter_track, name="public_matter_track"),
    path("m/<str:token>/rate/", public.public_matter_rate, name="public_matter_rate"),
    path("m/<str:token>/photos/<int:pk>/", public.public_matter_photo, name="public_matter_photo"),
    path("public/<slug:code>/figures/", matters.public_matter_figures, name="public_matter_figures"),
]


visit_urlpatterns = [
    path("", visits.visit_list, name="visit_list"),
    path("new/", visits.visit_create, name="visit_create"),
    path("export/", exports.visit_export, name="visit_export"),
    path("counts/", figures.visit_stats, name="visit_stats"),
    path("matters/", matters.matter_list, name="matter_list"),
    path("matters/<int:pk>/", matters.matter_detail, name="matter_detail"),
    path("matters/<int:pk>/photos/<int:photo>/", matters.matter_photo, name="matter_photo"),
    path("matters/<int:pk>/<slug:action>/", matters.matter_action, name="matter_action"),
    path("before/", figures.prior_totals, name="prior_totals"),
    path("before/<int:pk>/", figures.prior_totals, name="prior_totals_edit"),
    path("before/<int:pk>/delete/", figures.prior_totals_remove, name="prior_totals_delete"),
    path("<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("<int:pk>/suggest/", visits.visit_suggest, name="visit_suggest"),
    path("referrals/", visits.referral_list, name="referral_list"),
    path("referrals/export/", visits.referral_export, name="referral_export"),
    path("referrals/<int:pk>/", visits.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/confirm/", suggestions.referral_confirm, name="referral_confirm"),
    path("referrals/<int:pk>/notice/", documents.referral_notice, name="referral_notice"),
    path("referrals/<int:pk>/<slug:action>/", visits.referral_action, name="referral_action"),
    path("suggestions/<int:pk>/<slug:action>/", suggestions.suggestion_action, name="suggestion_action"),
    path("extensions/<int:pk>/decide/", visits.extension_decision, name="extension_decision"),
    path("<int:pk>/attach/", panel.visit_attach, name="visit_attach"),
    path("cases/", panel.major_case_list, name="major_case_list"),
    path("cases/new/", panel.major_case_edit, name="major_case_create"),
    path("cases/<int:pk>/", panel.major_case_detail, name="major_case_detail"),
    path("cases/<int:pk>/edit/", panel.major_case_edit, name="major_case_edit"),
    path("cases/<int:pk>/log/", panel.major_case_entry, name="major_case_entry"),
    path("panel/", panel.panel, name="panel"),
    path("panel/members/", panel.panel_members, name="panel_members"),
    path("panel/plan/", panel.panel_plan, name="panel_plan"),
    path("panel/<int:pk>/", panel.panel_meeting, name="panel_meeting"),
    path("panel/<int:pk>/save/", panel.panel_meeting_save, name="panel_meeting_save"),
    path("panel/<int:pk>/report/", documents.panel_meeting_report, name="panel_meeting_report"),
    path("panel/<int:pk>/file/", panel.panel_meeting_file, name="panel_meeting_file"),
    path("panel/<int:pk>/question/", panel.panel_question, name="panel_question"),
]

urlpatterns = [
    path("duty/", include(duty_urlpatterns)),
    path("visits/", include(visit_urlpatterns)),
    path("", include(public_urlpatterns)),
]

"""The addresses of the assessment, bulletins, year end, dashboards, records and each role's home."""

from django.urls import path

from assessments.views import assessment, bulletin, dashboard, homes, party, record, suggestions, year_end

urlpatterns = [
    path("", homes.home, name="home"),
    path("visits/<int:pk>/to-suggestion/", suggestions.visit_to_suggestion, name="visit_to_suggestion"),
    path("records/", record.record_overview, name="record_overview"),
    path("records/mine/", record.my_record, name="my_record"),
    path("records/<int:pk>/", record.deputy_record, name="deputy_record"),
    path("records/<int:pk>/print/", record.deputy_record_print, name="deputy_record_print"),
    path("records/<int:pk>/export/", record.deputy_record_export, name="deputy_record_export"),
    path("records/<int:pk>/commendations/", record.commendation_create, name="commendation_create"),
    path("commendations/<int:pk>/delete/", record.commendation_delete, name="commendation_delete"),
    path("assessment/standard/", assessment.standard, name="standard"),
    path("assessment/", assessment.assessment_month, name="assessment_month"),
    path("assessment/run/", assessment.assessment_run, name="assessment_run"),
    path("assessment/mine/", assessment.my_scores, name="my_scores"),
    path("assessment/year/", year_end.year_end, name="year_end"),
    path("assessment/year/thresholds/", year_end.thresholds_edit, name="thresholds_edit"),
    path("assessment/year/commend/", year_end.commend_view, name="commend_excellent"),
    path("assessment/year/decision/", year_end.commendation_decision, name="commendation_decision"),
    path("assessment/year/review/", party.year_review_edit, name="year_review_edit"),
    path("party-reports/", party.party_report_list, name="party_report_list"),
    path("party-reports/print/", party.party_report_print, name="party_report_print"),
    path("party-reports/new/", party.party_report_create, name="party_report_create"),
    path("party-reports/<int:pk>/", party.party_report_edit, name="party_report_edit"),
    path("party-reports/<int:pk>/file/", party.party_report_file, name="party_report_file"),
    path("bulletins/", bulletin.bulletin_list, name="bulletin_list"),
    path("bulletins/<int:pk>/", bulletin.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/edit/", bulletin.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/publish/", bulletin.bulletin_publish_view, name="bulletin_publish"),
    path("bulletins/<int:pk>/print/", bulletin.bulletin_print, name="bulletin_print"),
    path("bulletins/<int:pk>/export/", bulletin.bulletin_export, name="bulletin_export"),
    path("bulletins/<int:pk>/document/", bulletin.bulletin_document, name="bulletin_document"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("county/", dashboard.county_overview, name="county_overview"),
]

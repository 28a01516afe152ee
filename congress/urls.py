"""Every address of the site. This module sits on top and may import every app's views."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from assessments import assessment_views as scores
from assessments import record_views
from assessments import views as assessment_views
from congress import views
from deputies import urls as deputy_urls
from petitions import urls as petition_urls
from proposals import urls as proposal_urls

admin.site.site_header = _("Township Congress Deputies' Work — administration")
admin.site.site_title = _("Administration")

urlpatterns = [
    path("", assessment_views.home, name="home"),
    path(
        "login/",
        views.Login.as_view(),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChange.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("inbox/", views.inbox, name="inbox"),
    path("audit/", views.audit, name="audit"),
    path("inbox/<int:pk>/read/", views.inbox_read, name="inbox_read"),
    path("inbox/read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("switch/", views.township_switch, name="township_switch"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("register/", include(deputy_urls.urlpatterns)),
    path("", include(deputy_urls.public_urlpatterns)),
    path("activities/", include(deputy_urls.activity_urlpatterns)),
    path("duty/", include(petition_urls.urlpatterns)),
    path("visits/", include(petition_urls.visit_urlpatterns)),
    path("proposals/", include(proposal_urls.urlpatterns)),
    path("visits/<int:pk>/to-suggestion/", assessment_views.visit_to_suggestion, name="visit_to_suggestion"),
    path("records/", record_views.record_overview, name="record_overview"),
    path("records/mine/", record_views.my_record, name="my_record"),
    path("records/<int:pk>/", record_views.deputy_record, name="deputy_record"),
    path("records/<int:pk>/print/", record_views.deputy_record_print, name="deputy_record_print"),
    path("records/<int:pk>/export/", record_views.deputy_record_export, name="deputy_record_export"),
    path("records/<int:pk>/commendations/", record_views.commendation_create, name="commendation_create"),
    path("commendations/<int:pk>/delete/", record_views.commendation_delete, name="commendation_delete"),
    path("assessment/standard/", scores.standard, name="standard"),
    path("assessment/", scores.assessment_month, name="assessment_month"),
    path("assessment/run/", scores.assessment_run, name="assessment_run"),
    path("assessment/mine/", scores.my_scores, name="my_scores"),
    path("assessment/year/", scores.year_end, name="year_end"),
    path("assessment/year/thresholds/", scores.thresholds_edit, name="thresholds_edit"),
    path("assessment/year/commend/", scores.commend_view, name="commend_excellent"),
    path("bulletins/", scores.bulletin_list, name="bulletin_list"),
    path("bulletins/<int:pk>/", scores.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/edit/", scores.bulletin_edit, name="bulletin_edit"),
    path("bulletins/<int:pk>/publish/", scores.bulletin_publish_view, name="bulletin_publish"),
    path("bulletins/<int:pk>/print/", scores.bulletin_print, name="bulletin_print"),
    path("bulletins/<int:pk>/export/", scores.bulletin_export, name="bulletin_export"),
    path("dashboard/", scores.dashboard, name="dashboard"),
    path("county/", scores.county_overview, name="county_overview"),
    path("", include(petition_urls.public_urlpatterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "congress.views.permission_denied"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

"""Every address of the site: the accounts' own, then each app's urls.py included."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from congress import health, metrics, views

admin.site.site_header = _("Township Congress Deputies' Work — administration")
admin.site.site_title = _("Administration")

urlpatterns = [
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
    path("messages/", views.message_record, name="message_record"),
    path("messages/<int:pk>/resend/", views.message_resend, name="message_resend"),
    path("inbox/<int:pk>/read/", views.inbox_read, name="inbox_read"),
    path("inbox/read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("switch/", views.township_switch, name="township_switch"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    # The operator's view, without a login: health for the load balancer, metrics for Prometheus' address only.
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("", include("deputies.urls")),
    path("", include("activities.urls")),
    path("", include("petitions.urls")),
    path("", include("proposals.urls")),
    path("", include("assessments.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler403 = "congress.views.permission_denied"

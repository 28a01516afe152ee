"""The addresses of the register: deputies, groups, stations, units, leaders, imports, the town's logins, notices
to the deputies, public pages."""

from django.urls import include, path

from deputies.views import accounts, imports, notices, public, register, rules, terms

register_urlpatterns = [
    path("deputies/", register.deputy_list, name="deputy_list"),
    path("deputies/export/", register.deputy_export, name="deputy_export"),
    path("deputies/new/", register.deputy_edit, name="deputy_create"),
    path("deputies/<int:pk>/", register.deputy_detail, name="deputy_detail"),
    path("deputies/<int:pk>/edit/", register.deputy_edit, name="deputy_edit"),
    path("deputies/<int:pk>/status/", register.deputy_status, name="deputy_status"),
    path("groups/", register.group_list, name="group_list"),
    path("groups/large/new/", register.large_group_edit, name="large_group_create"),
    path("groups/large/<int:pk>/edit/", register.large_group_edit, name="large_group_edit"),
    path("groups/small/new/", register.small_group_edit, name="small_group_create"),
    path("groups/small/<int:pk>/", register.small_group_detail, name="small_group_detail"),
    path("groups/small/<int:pk>/edit/", register.small_group_edit, name="small_group_edit"),
    path("stations/", register.station_list, name="station_list"),
    path("stations/new/", register.station_edit, name="station_create"),
    path("stations/<int:pk>/", register.station_detail, name="station_detail"),
    path("stations/<int:pk>/edit/", register.station_edit, name="station_edit"),
    path("stations/<int:pk>/poster/", register.station_poster, name="station_poster"),
    path("units/", register.department_list, name="department_list"),
    path("units/new/", register.department_edit, name="department_create"),
    path("units/<int:pk>/edit/", register.department_edit, name="department_edit"),
    path("leaders/", register.leader_list, name="leader_list"),
    path("leaders/new/", register.leader_edit, name="leader_create"),
    path("leaders/<int:pk>/edit/", register.leader_edit, name="leader_edit"),
    path("terms/", terms.term_list, name="term_list"),
    path("terms/start/", terms.term_start_view, name="term_start"),
    path("terms/end/", terms.term_end_view, name="term_end"),
    path("import/<slug:kind>/", imports.register_import, name="register_import"),
    path("import/<slug:kind>/apply/", imports.register_import_apply, name="register_import_apply"),
    path("import/<slug:kind>/cancel/", imports.register_import_cancel, name="register_import_cancel"),
    path("import/<slug:kind>/template/", imports.register_import_template, name="register_import_template"),
]

account_urlpatterns = [
    path("", accounts.account_list, name="account_list"),
    path("create-missing/", accounts.accounts_create_missing, name="accounts_create_missing"),
    path("deputies/<int:pk>/new/", accounts.account_create, {"kind": "deputy"}, name="account_create_deputy"),
    path("leaders/<int:pk>/new/", accounts.account_create, {"kind": "leader"}, name="account_create_leader"),
    path("units/<int:pk>/new/", accounts.account_create, {"kind": "unit"}, name="account_create_unit"),
    path("slips/", accounts.account_slips, name="account_slips"),
    path("send/", accounts.account_send, name="account_send"),
    path("<int:pk>/reset/", accounts.account_reset, name="account_reset"),
    path("<int:pk>/disable/", accounts.account_disable, name="account_disable"),
    path("<int:pk>/enable/", accounts.account_enable, name="account_enable"),
    path("<int:pk>/unlock/", accounts.account_unlock, name="account_unlock"),
    path("roles/<int:pk>/", accounts.account_role, name="account_role"),
]

notice_urlpatterns = [
    path("", notices.notice_list, name="notice_list"),
    path("new/", notices.notice_send, name="notice_send"),
    path("<int:pk>/", notices.notice_detail, name="notice_detail"),
]

rule_urlpatterns = [
    path("", rules.rule_list, name="rule_list"),
    path("new/", rules.rule_create, name="rule_create"),
    path("<int:pk>/", rules.rule_detail, name="rule_detail"),
    path("<int:pk>/edit/", rules.rule_edit, name="rule_edit"),
    path("<int:pk>/print/", rules.rule_print, name="rule_print"),
    path("<int:pk>/versions/new/", rules.rule_version_create, name="rule_version_create"),
    path("<int:pk>/versions/<int:number>/", rules.rule_detail, name="rule_version_detail"),
    path("<int:pk>/publish/", rules.rule_publish, name="rule_publish"),
    path("<int:pk>/public/", rules.rule_public, name="rule_public"),
]

public_urlpatterns = [
    # The town's and the stations' public pages are in petitions/urls.py: they show the published roster.
    path("public/<slug:code>/deputies/<int:pk>/photo/", public.public_deputy_photo, name="public_deputy_photo"),
    path("public/<slug:code>/rules/<int:pk>/", rules.public_rule, name="public_rule"),
    path("s/<int:pk>/", register.station_qr, name="station_qr"),
    # A notice's one-tap link from its text message: the site's address is fixed in the template, the code varies.
    path("n/<str:code>", notices.notice_link, name="notice_link"),
]

urlpatterns = [
    path("register/", include(register_urlpatterns)),
    path("accounts/", include(account_urlpatterns)),
    path("notices/", include(notice_urlpatterns)),
    path("rules/", include(rule_urlpatterns)),
    path("", include(public_urlpatterns)),
]

"""The admin as a fair competitor, for the bench only (bench/pages.py): every changelist at our lists' page size
and without the full count over every town's rows (`show_full_result_count = False`: "50 results (Show all)"
instead of a second COUNT). The site's own admin is left as it is for its users: a superuser's changelist across
all towns keeps Django's defaults (100 rows, the full count).

In this process, `make_fair()`; for gunicorn, the application factory below (`bench.fair_admin:fair_application()`).
"""

PAGE_SIZE = 50  # as our lists: Paginator(rows, 50)


def make_fair(per_page: int = PAGE_SIZE) -> None:
    from django.contrib import admin

    for model_admin in admin.site._registry.values():
        model_admin.list_per_page = per_page
        model_admin.show_full_result_count = False


def make_default() -> None:
    """Back to Django's defaults for a changelist (what the site's admin serves)."""
    from django.contrib import admin
    from django.contrib.admin import ModelAdmin

    for model_admin in admin.site._registry.values():
        model_admin.list_per_page = ModelAdmin.list_per_page
        model_admin.show_full_result_count = ModelAdmin.show_full_result_count


def fair_application():
    """The site's WSGI application, with the admin made fair: for gunicorn only."""
    from congress.wsgi import application

    make_fair()
    return application

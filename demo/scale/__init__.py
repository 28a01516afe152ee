"""Towns of demo size in bulk, for measuring the site at the scale of a county, a city or a province.

`seed_scale --towns N` calls `scale_build`: each town gets what 大莫古镇 has after five years of work — 94
deputies in 2 large and 14 small groups, a town station and 15 village contact points, a weekly reception day
for five years with its assignments and sign-ins, 6,000 visits (600 referred, a third with a deputy's
handling suggestion), 300 proposals through the three meetings to a reply and a rating, activities with their
attendance, a supervision panel every month, major cases, two a year — then every month is assessed with the real
service, and the last two months' bulletins are drafted (the older one published).

Rows are written without history rows (this is generated data, not anybody's work) by `write` (write.py):
COPY on PostgreSQL with ids taken from the tables' sequences in blocks, bulk_create elsewhere. The towns are set
up first (setup.py: organisation, register, logins, a few towns at a time, keyed by code); then the rows that
come with time are written month by month for every town of the run (duty, visits, proposals, activities,
panel, each module filling one `Month` of a batch of towns), each month in one transaction with the run's
progress (demo.models.ScaleRun), so an interrupted run is completed by running it again. A large run on
PostgreSQL loads without the big tables' secondary indexes and builds them after. Nothing here is used by the
site's pages; pages.py lists the busy pages to measure."""

from demo.scale.base import Built
from demo.scale.build import scale_build
from demo.scale.pages import Page, busy_pages

__all__ = ["Built", "Page", "busy_pages", "scale_build"]

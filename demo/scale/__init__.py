"""Towns of demo size in bulk, for measuring the site at the scale of a county, a city or a province.

`seed_scale --towns N` calls `scale_build`: each town gets what 大莫古镇 has after five years of work — 94
deputies in 2 large and 14 small groups, a town station and 15 village contact points, a weekly reception day
for five years with its assignments and sign-ins, 6,000 visits (600 referred, a third with a deputy's
handling suggestion), 300 proposals through the three meetings to a reply and a rating, activities with their
attendance, a supervision panel every month, major cases, two a year — then every month is assessed with the real
service, and the last two months' bulletins are drafted (the older one published).

Rows are written with bulk inserts, a few towns at a time, without history rows (this is generated data, not
anybody's work). Nothing here is used by the site's pages.

One module per part, each filling a chunk of towns (base.py) table by table in the order build.py runs them:
organisation, register, duty, visits, proposals, activities, panel; pages.py lists the busy pages to measure."""

from demo.scale.base import Built
from demo.scale.build import scale_build
from demo.scale.pages import Page, busy_pages

__all__ = ["Built", "Page", "busy_pages", "scale_build"]

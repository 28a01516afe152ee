"""How the English interface writes dates: day, abbreviated month, year, as the Chinese one has them in full."""

from django.conf.locale.en.formats import *  # noqa: F403 (the input formats stay Django's)

DATE_FORMAT = "j M Y"  # 22 Feb 2027
DATETIME_FORMAT = "j M Y H:i"  # 22 Feb 2027 09:30
YEAR_MONTH_FORMAT = "F Y"  # October 2026
MONTH_DAY_FORMAT = "j M"  # 22 Feb
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M H:i"  # 22 Feb 09:30
WEEKDAY_DATE_FORMAT = "D j M Y"  # Mon 22 Feb 2027

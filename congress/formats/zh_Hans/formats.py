"""How the Chinese interface writes dates: as an office writes them, with the year and without leading zeros."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403 (the input formats stay Django's)

DATE_FORMAT = "Y年n月j日"  # 2027年2月22日
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2027年2月22日 09:30
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年10月
# Django's own is "m月j日" (02月22日): a leading zero no office writes.
MONTH_DAY_FORMAT = "n月j日"  # 2月22日
SHORT_DATE_FORMAT = "Y年n月j日"
# Lists of recent events, where the year goes without saying.
SHORT_DATETIME_FORMAT = "n月j日 H:i"  # 2月22日 09:30
# Duty days, reception days and activities, where the day of the week matters (congress.dates.format_day).
WEEKDAY_DATE_FORMAT = "Y年n月j日（l）"  # 2027年2月22日（星期一）

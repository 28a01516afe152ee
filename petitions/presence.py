"""The day's code of a reception station: six digits that change every day, shown on the station's screen or
printed each morning, which a deputy's sign-in carries to prove they are at the station. Nothing is stored: the
code is an HMAC of the station and the local date under the site's secret key, so it cannot be worked out from
yesterday's code or another station's, and the office's page and the sign-in always agree."""

from datetime import date

from django.utils.crypto import constant_time_compare, salted_hmac

CODE_DIGITS = 6
# The salt names what the code is for, so that no other HMAC of the site's key can be replayed as a code.
SALT = "petitions.presence.day_code"


def day_code(*, station_id: int, day: date) -> str:
    """The station's code for a day, as six digits (leading zeros kept)."""
    digest = salted_hmac(SALT, f"{station_id}:{day.isoformat()}", algorithm="sha256").hexdigest()
    return f"{int(digest, 16) % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def clean_code(raw: str | None) -> str:
    """What a deputy typed, as ASCII digits only: spaces and dashes between the digits are forgiven, and the
    full-width digits of a Chinese keyboard are read as digits."""
    return "".join(str(int(ch)) for ch in str(raw or "")[:20] if ch.isdecimal())


def code_matches(*, station_id: int, day: date, code: str) -> bool:
    """Whether `code` is the station's code of that day (compared in constant time)."""
    return len(code) == CODE_DIGITS and constant_time_compare(code, day_code(station_id=station_id, day=day))

"""Downloads' names (congress/responses.py): in the reader's language, per RFC 6266 with RFC 5987's
`filename*`, and safe whatever characters the name is made of."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from congress.responses import XLSX

pytestmark = pytest.mark.django_db


def _saved_name(disposition: str) -> str:
    """The name a browser saves the download under."""
    assert disposition.startswith("attachment; ")
    if "filename*=utf-8''" in disposition:
        return unquote(disposition.split("filename*=utf-8''", 1)[1])
    return disposition.split('filename="', 1)[1][:-1].replace('\\"', '"')


def test_a_deputy_named_with_line_breaks_and_quotes_downloads_their_record(login, alice, bob):
    deputy = bob.deputy
    deputy.name = 'Bob\r\n"X"; filename=evil.exe'
    deputy.save(update_fields=["name"])

    response = login(alice).get(reverse("deputy_record_export", args=[deputy.pk]))

    assert response.status_code == 200 and response["Content-Type"] == XLSX
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "=?utf-8?" not in disposition
    saved = _saved_name(disposition)
    assert saved.endswith(".xlsx") and "\r" not in saved and "\n" not in saved
    assert 'Bob "X"; filename=evil.exe' in saved


def test_a_chinese_name_goes_as_filename_star(login, alice, bob):
    deputy = bob.deputy
    deputy.name = "张三"
    deputy.save(update_fields=["name"])

    response = login(alice).get(reverse("deputy_record_export", args=[deputy.pk]))

    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert "张三" in _saved_name(response["Content-Disposition"])

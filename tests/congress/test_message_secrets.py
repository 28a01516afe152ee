"""The office's record of messages hides a voter's verification code; the text sent carries it."""

from congress.messages import record_text, render_text


def test_the_record_hides_the_code_the_text_carries():
    params = {"town": "大莫古镇", "code": "482913"}

    assert "482913" in render_text("matter-code", params)
    assert "482913" not in record_text(kind="matter-code", params=params, subject="")
    assert "******" in record_text(kind="matter-code", params=params, subject="")

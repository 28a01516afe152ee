"""docs/sms.md lists each kind's template in both providers' syntax, word for word as the site fills it."""

from pathlib import Path

import pytest

from congress.messages import KINDS, template_variable
from congress.sms import aliyun, tencent

DOC = Path(__file__).resolve().parents[3] / "docs" / "sms.md"


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_doc_has_each_kinds_template_in_both_syntaxes(kind):
    doc = DOC.read_text(encoding="utf-8")
    assert f"`{aliyun.template_text(kind)}`" in doc
    assert f"`{tencent.template_text(kind)}`" in doc
    assert f"`{template_variable(kind)}`" in doc


def test_the_syntaxes_fill_the_kinds_parameters():
    assert (
        aliyun.template_text("substitute-asked")
        == "${name}代表：${asker}请您${date}代为接待选民，是否同意请点<网址>/t/${code}"
    )
    assert tencent.template_text("substitute-asked") == "{1}代表：{2}请您{3}代为接待选民，是否同意请点<网址>/t/{4}"

"""Word documents in the official layout (GB/T 9704-2012), from templates a town can edit.

A document's words live in `templates/documents/<name>.txt` (a town's own copy in
`templates/documents/<town code>/<name>.txt` wins): a Django template rendering the line markup of
`congress.documents.markup`, laid out on the official page by `congress.documents.layout`. The 发文字号 is
written in the template too (`@number …`): change its prefix there; a blank number leaves room to write it."""

from django.conf import settings
from django.template.loader import select_template
from django.utils import translation

from congress.documents.layout import lay_out
from congress.documents.markup import parse
from congress.models import Township
from congress.text import strip_control


def document_build(*, name: str, township: Township, context: dict) -> bytes:
    """The .docx of template `name` for the town, with the context the template reads."""
    template = select_template([f"documents/{township.code}/{name}.txt", f"documents/{name}.txt"])
    # Official documents are written in Chinese, whatever language the page was read in.
    with translation.override(settings.LANGUAGE_CODE):
        rendered = template.render({"town": township, **context})
        # The filters clean what a template prints; this also catches text a template prints without one.
        return lay_out(parse(strip_control(rendered)))

"""Forms of the register; each is bound to the township it edits."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from deputies.spreadsheets import MAX_UPLOAD_BYTES, SheetError, upload_check


class ImportUploadForm(CongressForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An .xlsx workbook or a .csv file, at most 5 MB; the first sheet is read."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before any parsing: the size is known from the upload itself.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it, or remove pictures and other sheets.")
            )
        # The type, and a workbook's unpacked size and XML declarations: refused here, before any job starts.
        try:
            upload_check(upload)
        except SheetError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ImportConfirmForm(CongressForm):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    only_valid = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The large group that new small groups join when the sheet names none: one of the town's, or a new one.
    large_group = forms.IntegerField(label=_("Large group"), required=False, min_value=1)
    new_large_group = forms.CharField(label=_("Or a new large group"), required=False, max_length=100)
    confirm_new_sectors = forms.BooleanField(label=_("Add the new sectors"), required=False)

    def __init__(self, *args, needs_large_group: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.needs_large_group = needs_large_group

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("large_group") or (cleaned.get("new_large_group") or "").strip()
        if self.needs_large_group and not chosen:
            raise forms.ValidationError(
                _("Choose the large group the new small groups join, or type the name of a new one.")
            )
        return cleaned

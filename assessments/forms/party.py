"""Forms of the presidium's reports to the party committee and of the committee's assessment of the year."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import PartyReport, YearReview
from congress.forms import CongressModelForm
from congress.validators import HAPPENED, check_dates

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartyReportForm(CongressModelForm):
    class Meta:
        model = PartyReport
        fields = ["kind", "subject", "sent_on", "text", "answer", "answered_on"]
        widgets = {
            "sent_on": DATE,
            "answered_on": DATE,
            "text": forms.Textarea(attrs={"rows": 6}),
            "answer": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "answer": _("Fill in once the committee has answered, with the date of its answer."),
        }

    attachment = forms.FileField(
        label=_("The report as sent (file)"),
        required=False,
        help_text=_("A scan or the Word file: PDF, Word, Excel, JPEG, PNG or text, at most 10 MB."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Both dates are of what has happened: a report is recorded once sent, an answer once given.
        check_dates(self, sent_on=HAPPENED, answered_on=HAPPENED)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        sent, answered, answer = data.get("sent_on"), data.get("answered_on"), data.get("answer")
        if sent and answered and answered < sent:
            self.add_error("answered_on", _("The committee cannot answer before the report was sent."))
        if answer and not answered and "answered_on" not in self.errors:
            self.add_error("answered_on", _("Enter the date of the committee's answer."))
        if answered and not answer:
            self.add_error("answer", _("Enter the committee's answer, or leave its date empty."))
        return data


class YearReviewForm(CongressModelForm):
    class Meta:
        model = YearReview
        fields = ["rating", "assessment", "assessed_on"]
        widgets = {"assessed_on": DATE, "assessment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        check_dates(self, assessed_on=HAPPENED)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day.year < self.year:
            raise forms.ValidationError(_("The committee assesses a year once it has begun, not before."))
        return day

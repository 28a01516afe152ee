"""The form of a notice (通知) to the serving deputies: its words and whom it is for."""

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.forms import CongressForm
from congress.models import Township
from deputies.models import DeputyStatus, LargeGroup, Notice, NoticeAudience, SmallGroup


class GroupChoiceField(forms.ModelChoiceField):
    """A group, shown with how many serving deputies it has: the office sees how many the notice will reach."""

    def label_from_instance(self, obj) -> str:
        return _("%(name)s (%(count)s serving)") % {"name": obj.name, "count": obj.serving}


class NoticeForm(CongressForm):
    title = forms.CharField(
        label=pgettext_lazy("notice", "Title"),
        max_length=Notice._meta.get_field("title").max_length,
        help_text=_("The text message carries this title and a link to read the whole notice on the phone."),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=Notice._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    audience = forms.ChoiceField(
        label=_("Send to"), choices=NoticeAudience.choices, initial=NoticeAudience.ALL, widget=forms.RadioSelect
    )
    large_group = GroupChoiceField(label=_("Large group"), queryset=LargeGroup.objects.none(), required=False)
    small_group = GroupChoiceField(label=_("Small group"), queryset=SmallGroup.objects.none(), required=False)

    def __init__(self, *args, township: Township, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        large = LargeGroup.objects.for_township(township).annotate(
            serving=Count("small_groups__deputies", filter=Q(small_groups__deputies__status=DeputyStatus.SERVING))
        )
        small = SmallGroup.objects.for_township(township).filter(is_active=True)
        self.fields["large_group"].queryset = large
        self.fields["small_group"].queryset = small.annotate(
            serving=Count("deputies", filter=Q(deputies__status=DeputyStatus.SERVING))
        )

    def clean(self) -> dict:
        data = super().clean()
        audience = data.get("audience")
        field = {NoticeAudience.LARGE_GROUP: "large_group", NoticeAudience.SMALL_GROUP: "small_group"}.get(audience)
        data["group"] = data.get(field) if field else None
        if field and data["group"] is None and field not in self.errors:
            self.add_error(field, _("Choose the group the notice is for."))
        return data

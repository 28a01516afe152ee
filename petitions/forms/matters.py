"""Forms of voters' matters in the office's and the deputies' hands: taking a matter is recording its visit (the
visit form, with the matter giving the contact point, the mobile and the time it was left)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.forms import CongressForm
from petitions.forms.visits import VisitForm
from petitions.models import VisitOutcome, VoterMatter
from petitions.services.matters import TakePlan
from petitions.services.visits import ReferralPlan

# What the matter itself gives the visit: never typed again by the taker.
FROM_THE_MATTER = ("received_at", "station", "visitor_phone", "visitor_gender", "visitor_count")


class MatterTakeForm(VisitForm):
    """The visit form prefilled from the matter: one POST takes the matter and records its visit."""

    def __init__(self, *args, matter: VoterMatter, **kwargs) -> None:
        initial = {
            "visitor_name": matter.name,
            "visitor_address": matter.village,
            "content": matter.content,
            **kwargs.pop("initial", {}),
        }
        super().__init__(*args, initial=initial, **kwargs)
        for name in FROM_THE_MATTER:
            del self.fields[name]
        self.fields["visitor_name"].required = False
        self.fields["visitor_name"].help_text = _("Empty for a voter who left no name.")
        self.fields["content"].required = False

    def plan(self) -> TakePlan:
        data = self.cleaned_data
        referral = None
        if data["outcome"] == VisitOutcome.REFERRED:
            referral = ReferralPlan(
                department=data["department"],
                responsible_name=data["responsible_name"],
                responsible_phone=data["responsible_phone"],
                answer_due=data["answer_due"],
                due=data["due"],
            )
        return TakePlan(
            category=data["category"],
            outcome=data["outcome"],
            visitor_name=data["visitor_name"],
            visitor_address=data["visitor_address"],
            content=data["content"],
            leader=data["leader"],
            answer=data["answer"],
            solved_on_spot=data["solved_on_spot"],
            deputies=list(data["deputies"]),
            suggestions=self.suggestions(),
            referral=referral,
        )


class AnswerAgainForm(CongressForm):
    text = forms.CharField(label=_("The new answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

"""The choices of proposals and their handling: kinds, periods, categories, statuses, the units' roles, the
three meetings' stages and forms, reply classes, ratings and extensions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal (议案)")
    SUGGESTION = "suggestion", _("Suggestion, criticism or opinion (建议)")


class Period(models.TextChoices):
    SESSION = "session", _("During the session")
    RECESS = "recess", _("During the recess")


class Category(models.TextChoices):
    ECONOMY = "economy", _("Economy and industry")
    AGRICULTURE = "agriculture", _("Agriculture and villages")
    INFRASTRUCTURE = "infrastructure", _("Roads, water and infrastructure")
    SOCIAL = "social", _("Social security and employment")
    EDUCATION_HEALTH = "education_health", _("Education and health")
    ENVIRONMENT = "environment", _("Environment")
    GOVERNANCE = "governance", _("Governance and other")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Not accepted")
    MERGED = "merged", _("Merged into another")
    ACCEPTED = "accepted", _("Accepted, waiting for assignment")
    ASSIGNED = "assigned", _("Being handled")
    REPLIED = "replied", _("Replied, waiting for feedback")
    CLOSED = "closed", _("Closed")


class UnitRole(models.TextChoices):
    MAIN = "main", _("Main unit (主办)")
    ASSISTING = "assisting", _("Assisting unit (协办)")


class Stage(models.TextChoices):
    AFTER_ASSIGNMENT = "consult", _("After assignment: face-to-face consultation")
    DURING = "handle", _("During handling: face-to-face handling")
    BEFORE_REPLY = "reply", _("Before the reply: face-to-face reply")


class MeetingForm(models.TextChoices):
    IN_PERSON = "in_person", _("In person (当面)")
    MEETING = "meeting", _("A meeting (座谈会)")
    VISIT = "visit", _("A visit (上门)")
    CALL = "call", _("A call (电话)")
    WRITTEN = "written", _("In writing (书面)")
    OTHER = "other", _("Other")


class ReplyClass(models.TextChoices):
    A = "A", _("A — solved or basically solved")
    B = "B", _("B — being solved, or in a plan")
    C = "C", _("C — must wait for conditions")
    D = "D", _("D — kept for reference, or cannot be solved now (explained)")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    NOT = "not", _("Not satisfied")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


# 面对面问策, 面对面答复: only these forms are a meeting of the three (三见面) and count toward 见面率.
FACE_TO_FACE = (MeetingForm.IN_PERSON, MeetingForm.MEETING, MeetingForm.VISIT)

"""The register's models, named here for the app."""

from deputies.models.links import PURPOSE_ACTIONS, DeputyLink, LinkAction, LinkPurpose
from deputies.models.notices import Notice, NoticeAudience
from deputies.models.register import (
    PHONE_PATTERN,
    Deputy,
    DeputyLevel,
    DeputyStatus,
    Gender,
    GroupBasis,
    GroupMembership,
    LargeGroup,
    SmallGroup,
    Station,
    StationLevel,
    name_initials,
    name_sort_key,
    phone_validator,
)
from deputies.models.rules import Rule, RuleKind, RuleState, RuleVersion
from deputies.models.terms import Term

__all__ = [
    "Rule",
    "RuleKind",
    "RuleState",
    "RuleVersion",
    "Notice",
    "NoticeAudience",
    "Term",
    "DeputyLink",
    "LinkAction",
    "LinkPurpose",
    "PURPOSE_ACTIONS",
    "PHONE_PATTERN",
    "Deputy",
    "DeputyLevel",
    "DeputyStatus",
    "Gender",
    "GroupBasis",
    "GroupMembership",
    "LargeGroup",
    "SmallGroup",
    "Station",
    "StationLevel",
    "name_initials",
    "name_sort_key",
    "phone_validator",
]

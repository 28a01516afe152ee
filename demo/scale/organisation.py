"""The organisation of towns built in bulk: handling units, leaders, visit categories, and the logins."""

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from congress.models import County, Department, Leader, Membership, PasswordState, Role
from demo.scale.base import CATEGORIES, DEPARTMENTS, LEADERS, Built, Setup, person_name
from demo.scale.write import write
from petitions.models import VisitCategory


def organisation(setup: Setup) -> None:
    """Six handling units, six leaders and eight visit categories for each town."""
    rng, towns, built = setup.rng, setup.towns, setup.built
    write(
        Department,
        [Department(township=t, name=name, head=person_name(rng)) for t in towns for name in DEPARTMENTS],
        built,
    )
    write(
        Leader,
        [
            Leader(township=t, name=name, title=title, order=order)
            for t in towns
            for (title, order), name in zip(LEADERS, _distinct_names(rng, len(LEADERS)), strict=True)
        ],
        built,
    )
    write(
        VisitCategory,
        [VisitCategory(township=t, name=name, order=k) for t in towns for k, name in enumerate(CATEGORIES)],
        built,
    )


def _distinct_names(rng, count: int) -> list[str]:
    """`count` names, no two alike (a town's leaders are told apart by name)."""
    names: dict[str, None] = {}
    while len(names) < count:
        names[person_name(rng)] = None
    return list(names)


def logins(setup: Setup) -> None:
    """An office, a leader and a deputy login for each town (`<role>-<code>`); the deputy login is the first
    deputy's, set on the deputy when the register writes it (`setup.users`)."""
    users = _users([f"{role}-{t.code}" for t in setup.towns for role in ("office", "leader", "deputy")], setup)
    setup.users = {u.username: u for u in users}
    write(
        Membership,
        [
            Membership(user=setup.users[f"{role}-{t.code}"], township=t, role=role)
            for t in setup.towns
            for role in (Role.OFFICE, Role.LEADER, Role.DEPUTY)
        ],
        setup.built,
    )


def county_logins(counties: list[County], *, password: str | None, built: Built) -> None:
    """A login for each county office: `county-<code>`."""
    setup = Setup(towns=[], start=timezone.localdate(), rng=None, built=built, password=password)
    users = _users([f"county-{c.code}" for c in counties], setup)
    write(
        Membership,
        [Membership(user=u, county=c, role=Role.COUNTY) for u, c in zip(users, counties, strict=True)],
        built,
    )


@lru_cache(maxsize=4)
def _hashed(password: str | None) -> str:
    """The password hashed once a process (seconds each time with the production hasher): every login of the
    run shares it; None gives an unusable password."""
    return make_password(password)


def _users(usernames: list[str], setup: Setup) -> list:
    """The logins named, with the run's password (None: they cannot log in)."""
    hashed = _hashed(setup.password)
    users = write(
        get_user_model(), [get_user_model()(username=name, password=hashed) for name in usernames], setup.built
    )
    if setup.password:
        # The password was chosen for the run by whoever runs it, so no one is made to change it at login.
        now = timezone.now()
        write(PasswordState, [PasswordState(user=u, own_password=hashed, changed_at=now) for u in users], setup.built)
    return users

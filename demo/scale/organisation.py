"""The organisation of towns built in bulk: handling units, leaders, visit categories, and the logins."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from congress.models import County, Department, Leader, Membership, PasswordState, Role, Township
from demo.scale.base import BATCH, CATEGORIES, DEPARTMENTS, LEADERS, Built, Chunk, bulk, person_name
from deputies.models import Deputy
from petitions.models import VisitCategory


def organisation(chunk: Chunk) -> None:
    """Six handling units, six leaders and eight visit categories for each town."""
    rng, towns = chunk.rng, chunk.towns
    chunk.departments = bulk(
        chunk.built,
        Department,
        [Department(township=t, name=name, head=person_name(rng)) for t in towns for name in DEPARTMENTS],
    )
    chunk.leaders = bulk(
        chunk.built,
        Leader,
        [
            Leader(township=t, name=person_name(rng), title=title, order=order)
            for t in towns
            for title, order in LEADERS
        ],
    )
    chunk.categories = bulk(
        chunk.built,
        VisitCategory,
        [VisitCategory(township=t, name=name, order=k) for t in towns for k, name in enumerate(CATEGORIES)],
    )


def logins(towns: list[Township], counties: list[County], *, password: str | None, built: Built) -> None:
    """An office, a leader and a deputy login for each town and a login for each county office: `<role>-<code>`."""
    user_model = get_user_model()
    hashed = make_password(password)  # hashed once: every login of the run shares it (None: unusable)
    users = []
    for t in towns:
        users += [user_model(username=f"{role}-{t.code}", password=hashed) for role in ("office", "leader", "deputy")]
    users += [user_model(username=f"county-{c.code}", password=hashed) for c in counties]
    users = bulk(built, user_model, users)
    by_name = {u.username: u for u in users}
    memberships = []
    for t in towns:
        memberships += [
            Membership(user=by_name[f"office-{t.code}"], township=t, role=Role.OFFICE),
            Membership(user=by_name[f"leader-{t.code}"], township=t, role=Role.LEADER),
            Membership(user=by_name[f"deputy-{t.code}"], township=t, role=Role.DEPUTY),
        ]
    memberships += [Membership(user=by_name[f"county-{c.code}"], county=c, role=Role.COUNTY) for c in counties]
    bulk(built, Membership, memberships)
    if password:
        # The password was chosen for the run by whoever runs it, so no one is made to change it at login.
        bulk(
            built, PasswordState, [PasswordState(user=u, own_password=hashed, changed_at=timezone.now()) for u in users]
        )
    first_deputies = {
        d["township_id"]: d["pk"]
        for d in Deputy.objects.filter(township__in=towns).order_by("township_id", "-pk").values("township_id", "pk")
    }
    deputies = [Deputy(pk=first_deputies[t.pk], user=by_name[f"deputy-{t.code}"]) for t in towns]
    Deputy.objects.bulk_update(deputies, ["user"], batch_size=BATCH)

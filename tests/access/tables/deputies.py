"""The role table of the register (deputies/urls.py): the office writes, leaders and the county read, deputies
and handling units are refused; the public pages need no login."""

from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from congress.models import Membership, Role
from deputies.models import Deputy, LinkPurpose, Notice, NoticeAudience
from deputies.services.imports import KINDS
from deputies.services.links import link_create
from deputies.services.notices import notice_send
from tests.access.expect import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    GetPost,
    Redirect,
    Variant,
    Variants,
    everyone,
    office_form,
    office_get,
    office_post,
    public_page,
    reader_page,
    row,
)
from tests.access.samples import TownASamples, rule_rows

# The smallest JPEG a browser shows (1×1, white): the file the portrait's address sends.
PORTRAIT = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f"
    "1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000"
    "010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d010203000411"
    "05122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445"
    "464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9"
    "aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100"
    "003f00fbd3ffd9"
)


def portrait_deputy(s: TownASamples) -> Deputy:
    """Town A's sample deputy (serving), with a portrait."""
    if "portrait" not in s.cache:
        deputy = s.objects["deputy"]
        deputy.photo = ContentFile(PORTRAIT, name="portrait.jpg")
        deputy.save(update_fields=["photo"])
        s.cache["portrait"] = deputy
    return s.cache["portrait"]


UPLOAD_AGAIN = Redirect("register_import", kwargs=lambda s: {"kind": "deputies"}).refused()
# No login ticked: "choose at least one", back to the accounts page.
CHOOSE_LOGINS = Redirect("account_list").refused()


def notice_row(s: TownASamples) -> Notice:
    """A notice alice sent to every serving deputy of town A."""
    if "notice" not in s.cache:
        s.objects  # noqa: B018 - town A's deputy, to be told
        outcome = notice_send(
            township=s.fixture("town_a"),
            user=s.fixture("alice"),
            title="开会通知",
            text="周五上午九点开会。",
            audience=NoticeAudience.ALL,
        )
        s.cache["notice"] = outcome.notice
    return s.cache["notice"]


def notice_link_code(s: TownASamples) -> str:
    """Bob's link to read that notice, valid for a month."""
    if "notice_link" not in s.cache:
        until = timezone.now() + timedelta(days=30)
        s.cache["notice_link"] = link_create(
            deputy=s.fixture("bob").deputy, purpose=LinkPurpose.NOTICE, target_id=notice_row(s).pk, expires_at=until
        )
    return s.cache["notice_link"]


_READERS = ("leader", "deputy", "unit", "county")


def _rule_page(*, other: int) -> dict[str, GetPost]:
    """A page of the rules library: the office, leaders, the county and the town's deputies read it (the sample
    rule is published); handling units are refused."""
    get = {"anonymous": LOGIN, "office": OK, "leader": OK, "deputy": OK, "unit": FORBIDDEN}
    get |= {"county": OK, "other_office": other}
    return row(get, everyone(NOT_ALLOWED) | {"county": FORBIDDEN})


# An empty POST chooses neither way: said in a message, back to the rule's page, nothing changed.
TO_RULE = Redirect("rule_detail", kwargs=lambda s: {"pk": rule_rows(s)["rule"].pk})

MATRIX: dict[str, dict[str, GetPost]] = {
    "deputy_list": reader_page(),
    "deputy_export": reader_page(),
    "deputy_detail": reader_page(other=NOT_FOUND),
    "deputy_create": office_form(),
    "deputy_edit": office_form(other=NOT_FOUND),
    # No action chosen: the message says so, back to the deputy's page.
    "deputy_status": office_post(
        Redirect("deputy_detail", kwargs=lambda s: {"pk": s.objects["deputy"].pk}).refused(), other=NOT_FOUND
    ),
    "group_list": reader_page(),
    "small_group_detail": reader_page(other=NOT_FOUND),
    "large_group_create": office_form(),
    "large_group_edit": office_form(other=NOT_FOUND),
    "small_group_create": office_form(),
    "small_group_edit": office_form(other=NOT_FOUND),
    "station_list": reader_page(),
    "station_detail": reader_page(other=NOT_FOUND),
    "station_poster": reader_page(other=NOT_FOUND),
    "station_create": office_form(),
    "station_edit": office_form(other=NOT_FOUND),
    "department_list": reader_page(),
    "department_create": office_form(),
    "department_edit": office_form(other=NOT_FOUND),
    "leader_list": reader_page(),
    "leader_create": office_form(),
    "leader_edit": office_form(other=NOT_FOUND),
    "term_list": reader_page(),
    # An empty form: shown again with its errors.
    "term_start": office_post(400, other=400),
    "term_end": office_post(400, other=400),
    "register_import": office_form(),
    # No previewed file in the session: "upload it again", back to the upload page.
    "register_import_apply": office_post(UPLOAD_AGAIN, other=UPLOAD_AGAIN),
    "register_import_template": office_get(),
    # No previewed file of this session to give up: back to the upload page, nothing removed.
    "register_import_cancel": office_post(UPLOAD_AGAIN, other=UPLOAD_AGAIN),
    # The town's logins: the office's own. A POST to create shows the slip (or the form with the refusal).
    "account_list": office_get(),
    "accounts_create_missing": office_post(OK, other=OK),
    "account_create_deputy": office_form(other=NOT_FOUND),
    "account_create_leader": office_form(other=NOT_FOUND),
    "account_create_unit": office_form(other=NOT_FOUND),
    "account_slips": office_post(CHOOSE_LOGINS, other=CHOOSE_LOGINS),
    "account_send": office_post(CHOOSE_LOGINS, other=CHOOSE_LOGINS),
    "account_reset": office_post(OK, other=NOT_FOUND),
    "account_disable": office_post(Redirect("account_list").done(), other=NOT_FOUND),
    "account_enable": office_post(Redirect("account_list").done(), other=NOT_FOUND),
    "account_role": office_form(other=NOT_FOUND),
    # Asks on GET, unlocks on POST; another town's office finds no such login of its town.
    "account_unlock": row(
        {"anonymous": LOGIN, "office": OK, "other_office": NOT_FOUND} | dict.fromkeys(_READERS, FORBIDDEN),
        {"anonymous": LOGIN, "office": Redirect("account_list").done(), "other_office": NOT_FOUND}
        | dict.fromkeys(_READERS, FORBIDDEN),
    ),
    # Notices: the office's own; another town's office finds none of town A's.
    "notice_list": office_get(),
    "notice_send": office_form(),
    "notice_detail": office_get(other=NOT_FOUND),
    # The rules library: the office writes; leaders, the county and the deputies read (deputies the published).
    "rule_list": _rule_page(other=OK),
    "rule_detail": _rule_page(other=NOT_FOUND),
    "rule_version_detail": _rule_page(other=NOT_FOUND),
    "rule_print": _rule_page(other=NOT_FOUND),
    "rule_create": office_form(),
    "rule_edit": office_form(other=NOT_FOUND),
    "rule_version_create": office_form(other=NOT_FOUND),
    "rule_publish": office_post(TO_RULE.refused(), other=NOT_FOUND),
    "rule_public": office_post(TO_RULE.refused(), other=NOT_FOUND),
    "public_rule": public_page(),
    # A serving deputy's portrait, to anyone (the sample deputy is given one, see portrait_deputy).
    "public_deputy_photo": public_page(),
    "notice_link": public_page(),
    # The printed QR code: a deputy of the town goes to the sign-in, everyone else to the public page.
    "station_qr": public_page(
        get=Redirect(
            "public_station", kwargs=lambda s: {"code": s.fixture("town_a").code, "pk": s.objects["station"].pk}
        )
    )
    | {
        "deputy": (
            Redirect("sign_in", kwargs=lambda s: {"station": s.objects["station"].pk}),
            NOT_ALLOWED,
        )
    },
}

URL_KWARGS: dict[str, Callable[[TownASamples], dict]] = {
    "deputy_detail": lambda s: {"pk": s.objects["deputy"].pk},
    "deputy_edit": lambda s: {"pk": s.objects["deputy"].pk},
    "deputy_status": lambda s: {"pk": s.objects["deputy"].pk},
    "small_group_detail": lambda s: {"pk": s.objects["deputy"].small_group.pk},
    "small_group_edit": lambda s: {"pk": s.objects["deputy"].small_group.pk},
    "large_group_edit": lambda s: {"pk": s.objects["deputy"].small_group.large_group.pk},
    "station_detail": lambda s: {"pk": s.objects["station"].pk},
    "station_edit": lambda s: {"pk": s.objects["station"].pk},
    "station_poster": lambda s: {"pk": s.objects["station"].pk},
    "station_qr": lambda s: {"pk": s.objects["station"].pk},
    "department_edit": lambda s: {"pk": s.fixture("department_a").pk},
    "leader_edit": lambda s: {"pk": s.fixture("leo").leader.pk},
    "register_import": lambda s: {"kind": "deputies"},
    "register_import_apply": lambda s: {"kind": "deputies"},
    "register_import_template": lambda s: {"kind": "deputies"},
    "register_import_cancel": lambda s: {"kind": "deputies"},
    "public_deputy_photo": lambda s: {"code": s.fixture("town_a").code, "pk": portrait_deputy(s).pk},
    "account_create_deputy": lambda s: {"pk": s.objects["deputy"].pk},
    "account_create_leader": lambda s: {"pk": s.fixture("leo").leader.pk},
    "account_create_unit": lambda s: {"pk": s.fixture("department_a").pk},
    "account_reset": lambda s: {"pk": s.fixture("bob").pk},
    "account_disable": lambda s: {"pk": s.fixture("bob").pk},
    "account_enable": lambda s: {"pk": s.fixture("bob").pk},
    "account_unlock": lambda s: {"pk": s.fixture("bob").pk},
    "account_role": lambda s: {"pk": Membership.objects.get(user=s.fixture("bob"), role=Role.DEPUTY).pk},
    "notice_detail": lambda s: {"pk": notice_row(s).pk},
    "rule_detail": lambda s: {"pk": rule_rows(s)["rule"].pk},
    "rule_version_detail": lambda s: {"pk": rule_rows(s)["rule"].pk, "number": 1},
    "rule_print": lambda s: {"pk": rule_rows(s)["rule"].pk},
    "rule_edit": lambda s: {"pk": rule_rows(s)["rule"].pk},
    "rule_version_create": lambda s: {"pk": rule_rows(s)["rule"].pk},
    "rule_publish": lambda s: {"pk": rule_rows(s)["rule"].pk},
    "rule_public": lambda s: {"pk": rule_rows(s)["rule"].pk},
    "public_rule": lambda s: {"code": s.fixture("town_a").code, "pk": rule_rows(s)["rule"].pk},
    "notice_link": lambda s: {"code": notice_link_code(s)},
}


# --- Every kind of import, for every role -----------------------------------------------------------------


def _unknown(table: dict[str, GetPost]) -> dict[str, GetPost]:
    """A kind the site does not know: whoever the role check lets through finds nothing."""
    return {
        role: tuple(NOT_FOUND if role in ("office", "other_office") and got != NOT_ALLOWED else got for got in pair)
        for role, pair in table.items()
    }


def _kinds(table: Callable[[str], dict[str, GetPost]]) -> Variants:
    variants = {kind: Variant(table(kind)) for kind in KINDS}
    return "kind", variants | {"nope": Variant(_unknown(table("deputies")))}


def _apply(kind: str) -> dict[str, GetPost]:
    again = Redirect("register_import", kwargs=lambda s: {"kind": kind}).refused()
    return office_post(again, other=again)


VARIANTS: dict[str, Variants] = {
    "register_import": _kinds(lambda kind: office_form()),
    "register_import_apply": _kinds(_apply),
    "register_import_template": _kinds(lambda kind: office_get()),
    "register_import_cancel": _kinds(_apply),
}

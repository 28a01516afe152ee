"""Real .xlsx workbooks built in memory for the import tests."""

import io
import zlib

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

HEADERS = ["姓名", "性别", "民族", "出生年月", "代表层级", "选区", "村/社区", "界别", "联系电话", "所属小组"]


def workbook(rows: list[list], *, headers: list[str] | None = None, title: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "代表名册.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def phone_of(name: str) -> str:
    """A mobile number of one's own for each name: two deputies of a town never share one."""
    return f"139{zlib.crc32(name.encode()) % 10**8:08d}"


def deputy_row(name: str, group: str, *, phone=None, birth="1980-05-01", level="镇级") -> list:
    return [name, "男", "汉族", birth, level, "第1选区", "上坝村", "农业", phone or phone_of(name), group]


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ROSTER_HEADERS = [
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "代表级别",
    "政治面貌",
    "界别",
    "联系电话",
    "所属代表小组",
]
GROUPS = [f"第{n}代表小组" for n in "二三四五六七八九十"]
SURNAMES, GIVEN_NAMES = "王李张刘陈杨黄赵周吴", ["建国", "秀英", "志强", "丽华", "文明"]


def roster_row(n: int) -> list:
    """The n-th deputy (0-based) of a roster as offices keep it: 41 of them across 第二 … 第十代表小组."""
    surname, given = SURNAMES[n % 10], GIVEN_NAMES[n // 10]
    name = f"{surname}\u3000{given}" if n % 2 else f" {surname}{given} "
    phone = f"139{n:08d}"
    return [
        n + 1,
        name,
        "女" if n % 3 else "男",
        "汉族",
        f"19{60 + n % 30}-0{1 + n % 9}-1{n % 9}",
        "县、镇人大代表" if n % 5 == 0 else "镇人大代表",
        "中共党员",
        "医卫" if n % 2 else "工商",
        phone.translate(FULL_WIDTH) if n % 2 else phone,
        GROUPS[n % 9],
    ]


def roster(*, count: int = 41, bad_row: int | None = None, title: str = "大莫古镇第十八届人大代表花名册") -> bytes:
    """A roster with a title row above its header and no 届别 column; `bad_row` (0-based) has no real birth date."""
    rows = [roster_row(n) for n in range(count)]
    if bad_row is not None:
        rows[bad_row][4] = "1985年13月"
    return workbook(rows, headers=ROSTER_HEADERS, title=title)


def preview_page(client, content: bytes, capture, *, kind: str = "deputies", name: str = "代表名册.xlsx"):
    """Upload a sheet through the page with the transaction committed (the check's job runs in-process, as under
    `make run`) and follow on: the job's page leads to the preview, or shows why the file was refused."""
    from django.urls import reverse

    with capture(execute=True):
        response = client.post(reverse("register_import", kwargs={"kind": kind}), {"file": upload(content, name)})
    return client.get(response["Location"], follow=True) if response.status_code == 302 else response

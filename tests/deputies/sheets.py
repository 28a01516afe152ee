"""Real .xlsx workbooks built in memory for the import tests."""

import io
import zipfile
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


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SHEET_CLOSE = b"</sheetData></worksheet>"


def inline_row(*values: str) -> bytes:
    cells = "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in values)
    return f"<row>{cells}</row>".encode()


def raw_workbook(sheet_parts, *, prologue: bytes = b"") -> bytes:
    """A minimal .xlsx written with zipfile directly, its sheet XML streamed from `sheet_parts` (bytes chunks):
    a sheet of a million rows stays a file of a few hundred KB. `prologue` goes before the sheet's root."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            if prologue:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?>' + prologue)
                sheet.write(SHEET_OPEN.split(b"?>", 1)[1])
            else:
                sheet.write(SHEET_OPEN)
            for part in sheet_parts:
                sheet.write(part)
            sheet.write(SHEET_CLOSE)
    return buffer.getvalue()


def million_rows() -> bytes:
    """A header and a million one-cell rows: about 26 MB of sheet XML, a small file once zipped."""
    row = b"<row><c><v>1</v></c></row>"
    return raw_workbook([inline_row("姓名", "性别"), *([row * 1000] * 1000)])


XML_BOMB = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    b'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    b'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    b'<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    b'<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    b'<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def xml_bomb() -> bytes:
    """A workbook whose sheet declares the billion laughs: a few KB that expand to gigabytes if resolved."""
    return raw_workbook(
        [inline_row("姓名", "性别"), b'<row><c t="inlineStr"><is><t>&lol9;</t></is></c></row>'], prologue=XML_BOMB
    )


def csv_of(count: int) -> bytes:
    """A CSV of `count` deputies in UTF-8, as Excel saves one."""
    lines = [",".join(HEADERS)] + [
        ",".join(deputy_row(f"代表{n:05d}", "坝区代表小组", phone=f"139{n:08d}")) for n in range(count)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")

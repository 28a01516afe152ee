"""Real .xlsx workbooks built in memory for the import tests."""

import io

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


def deputy_row(name: str, group: str, *, phone="13912345678", birth="1980-05-01", level="镇级") -> list:
    return [name, "男", "汉族", birth, level, "第1选区", "上坝村", "农业", phone, group]

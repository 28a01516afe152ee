"""Benchmark: preview and import a sheet of 2,000 deputies into one township, as the office does it.

Run: DJANGO_DEBUG=1 .venv/bin/python bench/import_deputies.py [--rows 2000]
(add DATABASE_URL=postgres://… to measure on PostgreSQL). It works in a throwaway database and prints
the seconds of the preview (a dry run of every row) and of the confirmed import, and rows per second."""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings_test")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from congress.models import County, Township  # noqa: E402
from deputies.models import Deputy, LargeGroup, SmallGroup  # noqa: E402
from deputies.services.imports import KINDS, register_import_confirm, register_import_preview  # noqa: E402

SURNAMES = "李王张杨刘陈普罗赵何马施段沈钱白龙孔苏许周吴郭朱高"
GIVEN = "文华明国建志永春云丽红秀兰玉芳海林平德正学光荣福昌兴琼梅英凤琴祥忠发强军勇涛斌燕霞萍娟"


def sheet(rows: int, groups: list[str]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["示范镇人大代表名册"])
    ws.append(
        ["序号", "姓名", "性别", "民族", "出生年月", "代表层级", "选区", "村/社区", "界别", "联系电话", "所属小组"]
    )
    for n in range(rows):
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 7) % len(GIVEN)] + GIVEN[(n // 3) % len(GIVEN)]
        ws.append(
            [
                n + 1,
                name,
                "男" if n % 3 else "女",
                "汉",
                f"{1960 + n % 35}.{1 + n % 12:02d}",
                "县级" if n % 5 == 0 else "镇级",
                f"第{1 + n % 24}选区",
                f"第{1 + n % 12}村",
                "农业",
                13900000000 + n,
                groups[n % len(groups)],
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()

    setup_test_environment()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        county = County.objects.create(name="基准县", code="bench")
        town = Township.objects.create(county=county, name="基准镇", code="bench-town")
        large = LargeGroup.objects.create(township=town, name="第一代表大组")
        groups = [
            SmallGroup.objects.create(township=town, large_group=large, name=f"第{n}代表小组").name
            for n in range(1, 13)
        ]
        content = sheet(args.rows, groups)
        kind = KINDS["deputies"]

        started = time.perf_counter()
        preview = register_import_preview(kind=kind, township=town, upload=SimpleUploadedFile("名册.xlsx", content))
        previewed = time.perf_counter() - started
        assert preview.errors == 0, [r.messages for r in preview.rows if r.messages][:3]

        started = time.perf_counter()
        totals = register_import_confirm(
            kind=kind, township=town, token=preview.token, filename=preview.filename, only_valid=False
        )
        imported = time.perf_counter() - started
        assert Deputy.objects.for_township(town).count() == args.rows == totals["new"]

        print(f"database: {connection.vendor}")
        print(f"rows: {args.rows}")
        print(f"preview (dry run of every row): {previewed:.2f} s")
        print(f"confirmed import (one pass, rolled back whole on any error): {imported:.2f} s")
        print(
            f"upload to imported, total: {previewed + imported:.2f} s ({args.rows / (previewed + imported):.0f} rows/s)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

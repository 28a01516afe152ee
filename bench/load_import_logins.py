"""Load: the office uploads the largest sheet allowed (5,000 deputies) while 50 people log in, through gunicorn on
loopback, on the embedded default (SQLite, no broker: the check of the sheet runs in-process). The logins are
locust users (bench/locustfiles/log_in.py); the upload is one browser in this process. Prints the time of the
upload (to the preview page) and of each login; the target is no login slower than 2 s.

Run: .venv/bin/python bench/load_import_logins.py [--logins 50] [--seconds 30] [--rows 5000] [--workers 4]
It works in a throwaway SQLite database in a temporary folder; the traffic goes to 127.0.0.1 only, bounded in
users (--logins) and time (the arrivals' --seconds and five minutes more at most)."""

import argparse
import http.cookiejar
import io
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import server  # noqa: E402

WORK = server.work_folder("load-import-")
# The production settings, as gunicorn will use them, on a throwaway copy of the embedded database.
server.configure(
    database_url=f"sqlite:///{WORK / 'load.sqlite3'}", media_root=str(WORK / "media"), static_root=str(WORK / "static"),
    broker=False,
)  # fmt: skip

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402

from bench.locust_run import Request, locust  # noqa: E402
from congress.models import County, Membership, PasswordState, Role, Township  # noqa: E402
from deputies.models import Deputy, LargeGroup, SmallGroup  # noqa: E402

PASSWORD = "Import-load-2026"  # noqa: S105 - the throwaway users of this run
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SURNAMES = "李王张杨刘陈普罗赵何马施段沈钱白龙孔苏许周吴郭朱高"
GIVEN = "文华明国建志永春云丽红秀兰玉芳海林平德正学光荣福昌兴琼梅英凤琴祥忠发强军勇涛斌燕霞萍娟"


def build(logins: int) -> None:
    """A town with its 12 small groups, an office login and `logins` deputies' logins."""
    county = County.objects.create(name="负载县", code="load")
    town = Township.objects.create(county=county, name="负载镇", code="load-town")
    large = LargeGroup.objects.create(township=town, name="第一代表大组")
    for n in range(1, 13):
        SmallGroup.objects.create(township=town, large_group=large, name=f"第{n}代表小组")
    hashed = make_password(PASSWORD)
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=name, password=hashed)
        for name in ["office", *(f"load{n:04d}" for n in range(logins))]
    )
    PasswordState.objects.bulk_create(PasswordState(user=u, own_password=hashed) for u in users)
    Membership.objects.bulk_create(
        Membership(user=u, township=town, role=Role.OFFICE if u.username == "office" else Role.DEPUTY) for u in users
    )
    Deputy.objects.bulk_create(
        Deputy(township=town, name=f"代表{n:04d}", gender="M", user=u) for n, u in enumerate(users[1:])
    )


def sheet(rows: int) -> bytes:
    """A register sheet of `rows` deputies, each of their own name and phone, as offices write them."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["负载镇人大代表名册"])
    ws.append(["序号", "姓名", "性别", "民族", "出生年月", "代表层级", "村/社区", "界别", "联系电话", "所属小组"])
    for n in range(rows):
        name = SURNAMES[n % 25] + GIVEN[(n // 25) % 43] + GIVEN[(n // 1075) % 43]
        ws.append(
            [
                n + 1,
                name,
                "男" if n % 3 else "女",
                "汉",
                f"{1960 + n % 35}.{1 + n % 12:02d}",
                "县级" if n % 5 == 0 else "镇级",
                f"第{1 + n % 12}村",
                "农业",
                13900000000 + n,
                f"第{1 + n % 12}代表小组",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Office:
    """The office's browser: a cookie jar; each request timed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: bytes | None = None, content_type: str = "") -> tuple[int, str, str, float]:
        url = self.base + path  # always http://127.0.0.1:<port>
        headers = {"Referer": url} | ({"Content-Type": content_type} if content_type else {})
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=600) as response:
                status, text, location = response.status, response.read().decode(), ""
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
            location = error.headers.get("Location", "")
        return status, text, location, time.perf_counter() - started

    def log_in(self, username: str) -> int:
        _status, page, _location, _seconds = self.request("/login/")
        token = CSRF.search(page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        return self.request("/login/", body.encode(), "application/x-www-form-urlencoded")[0]

    def upload(self, content: bytes) -> tuple[str, float]:
        """Upload the sheet and follow on to the page the office ends on; the last page's marker and the time."""
        path = "/register/import/deputies/"
        _status, page, _location, _seconds = self.request(path)
        token = CSRF.search(page).group(1)
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\n'
                "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        started = time.perf_counter()
        status, text, location, _seconds = self.request(path, body, f"multipart/form-data; boundary={boundary}")
        while status == 302:
            status, text, location, _seconds = self.request(
                urllib.parse.urlsplit(location).path
                + ("?" + urllib.parse.urlsplit(location).query if urllib.parse.urlsplit(location).query else "")
            )
        marker = "preview" if "data-import-totals" in text else f"status {status}: " + re.sub(r"\s+", " ", text)[:200]
        return marker, time.perf_counter() - started


def logins(base: str, count: int, seconds: float) -> list[Request]:
    """`count` people log in (locust users), arriving spread over `seconds`; each one's login, by username."""
    run = locust(
        "log_in.py",
        host=base,
        users=count,
        spawn_rate=count / seconds,
        limit=seconds + 300,
        env={"BENCH_PASSWORD": PASSWORD},
    )
    return sorted((r for r in run.requests if r.name == "log in"), key=lambda r: r.who)


def report(args, content: bytes, outcome: dict, alone: list[Request], during: list[Request]) -> None:
    print(f"database: sqlite, no broker (the check runs in the request); gunicorn workers: {args.workers}")
    print(f"sheet: {args.rows} rows, {len(content) // 1024} KB; upload to the page it ends on: "
          f"{outcome.get('seconds', 0):.1f} s")  # fmt: skip
    print(f"upload ended on: {outcome.get('marker')}")
    print(f"logins: {args.logins}, arriving over {args.seconds:.0f} s; alone, then while the sheet is checked")
    during_of = {r.who: r for r in during}
    for first in alone:
        second = during_of.get(first.who)
        then = f"{second.status} in {second.ms:.0f} ms" if second else "no answer"
        print(f"  {first.who}: alone {first.status} in {first.ms:.0f} ms; during {then}")
    for label, rows in (("alone", alone), ("during the upload", during)):
        times = sorted(r.ms for r in rows)
        failed = sum(1 for r in rows if r.error) + args.logins - len(rows)
        slow = sum(1 for ms in times if ms > 2000)
        median, slowest = (times[len(times) // 2], times[-1]) if times else (0, 0)
        print(f"{label}: median {median:.0f} ms, max {slowest:.0f} ms, failed {failed}, slower than 2 s {slow}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--logins", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30, help="the logins arrive spread over this time")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args()
    with server.throwaway_database():
        build(args.logins)
        content = sheet(args.rows)
        with server.gunicorn(workers=args.workers, timeout=300) as base:
            office = Office(base)
            assert office.log_in("office") == 302
            outcome: dict[str, object] = {}

            def office_uploads() -> None:
                outcome["marker"], outcome["seconds"] = office.upload(content)

            # The same logins twice: alone (what the shared machine gives), then while the sheet is checked.
            alone = logins(base, args.logins, args.seconds)
            uploader = threading.Thread(target=office_uploads)
            uploader.start()
            time.sleep(0.5)
            during = logins(base, args.logins, args.seconds)
            uploader.join(900)
    report(args, content, outcome, alone, during)


if __name__ == "__main__":
    main()

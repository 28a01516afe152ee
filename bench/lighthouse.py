"""Lighthouse on the deputy's phone pages: the home page, the station's sign-in page and a proposal, as a
logged-in deputy, served by gunicorn with the production settings. Prints the mobile performance and
accessibility scores and the bytes each page's first load transfers.

Run: .venv/bin/python bench/lighthouse.py
Needs Node 18+ and the machine's Chromium (/usr/bin/chromium); installs lighthouse 12 from npm into
bench/.lighthouse/ the first time. Works on a throwaway SQLite copy of the demo; traffic stays on 127.0.0.1."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import server  # noqa: E402

TOOLS = ROOT / "bench" / ".lighthouse"
LIGHTHOUSE_VERSION = "12.8.2"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 - npm, from the registry, into our own folder
            ["npm", "install", "--silent", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],  # noqa: S607
            cwd=TOOLS,
            check=True,
        )
    return binary


def main() -> None:
    binary = lighthouse()
    work = server.work_folder("lighthouse-")
    database = f"sqlite:///{work / 'demo.sqlite3'}"
    server.configure(database_url=database, static_root=str(work / "static"))
    server.manage("migrate", "--noinput", "-v", "0")
    server.manage("load_demo", "--force")
    # The demo deputy has chosen their password (debug is off, so otherwise they would be asked to).
    script = (
        "from django.contrib.auth import get_user_model;"
        "from congress.services import password_state_record;"
        "[password_state_record(user=u) for u in get_user_model().objects.filter(username='deputy')];"
        "from deputies.models import Station;from proposals.models import Proposal;"
        "print(Station.objects.filter(township__code='damogu').first().pk,"
        " Proposal.objects.filter(lead_deputy__user__username='deputy').exclude(status='draft').first().pk)"
    )
    ids = server.manage("shell", "-v", "0", "-c", script).split()
    station, proposal = ids[-2], ids[-1]
    with server.gunicorn(workers=2, database=database) as base:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": "deputy", "password": "demo1234"}
        login = urllib.request.Request(base + "/login/", urllib.parse.urlencode(form).encode())  # noqa: S310
        opener.open(login)
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        pages = {
            "deputy home": "/",
            "sign-in page": f"/duty/sign-in/{station}/",
            "proposal": f"/proposals/{proposal}/",
        }
        print(
            f"lighthouse {LIGHTHOUSE_VERSION}, mobile (simulated slow 4G, 4x CPU slowdown), "
            "gunicorn with the production settings"
        )
        print(f"{'page':<14} {'performance':>11} {'accessibility':>13} {'first load':>11} {'requests':>8}")
        for name, path in pages.items():
            report = work / f"{name.replace(' ', '-')}.json"
            subprocess.run(  # noqa: S603
                [
                    str(binary),
                    base + path,
                    "--quiet",
                    f"--chrome-path={CHROMIUM}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    "--only-categories=performance,accessibility",
                    f"--extra-headers={json.dumps({'Cookie': cookie})}",
                    "--output=json",
                    f"--output-path={report}",
                ],
                check=True,
            )
            data = json.loads(report.read_text())
            assert data["finalDisplayedUrl"].endswith(path), f"{name}: ended on {data['finalDisplayedUrl']}"
            performance = round(100 * data["categories"]["performance"]["score"])
            accessibility = round(100 * data["categories"]["accessibility"]["score"])
            weight = data["audits"]["total-byte-weight"]["numericValue"] / 1024
            requests = len(data["audits"]["network-requests"]["details"]["items"])
            print(f"{name:<14} {performance:>11} {accessibility:>13} {weight:>8.0f} KB {requests:>8}")


if __name__ == "__main__":
    main()

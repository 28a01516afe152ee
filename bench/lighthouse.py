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
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "bench" / ".lighthouse"
LIGHTHOUSE_VERSION = "12.8.2"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congress.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "lighthouse-run-secret-key-loopback-only-8Hw2",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(work / "static"),
    }
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_demo", "--force"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    # The demo deputy has chosen their password (debug is off, so otherwise they would be asked to).
    script = (
        "from django.contrib.auth import get_user_model;"
        "from congress.services import password_state_record;"
        "[password_state_record(user=u) for u in get_user_model().objects.filter(username='deputy')];"
        "from deputies.models import Station;from proposals.models import Proposal;"
        "print(Station.objects.filter(township__code='damogu').first().pk,"
        " Proposal.objects.filter(lead_deputy__user__username='deputy').exclude(status='draft').first().pk)"
    )
    ids = subprocess.run(  # noqa: S603
        [*manage, "shell", "-v", "0", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    station, proposal = ids[-2], ids[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn on loopback
        [sys.executable, "-m", "gunicorn", "congress.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login/", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
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
    finally:
        server.terminate()
        server.wait(20)


if __name__ == "__main__":
    main()

"""Locust: a deputy on their phone on a Monday morning — the login page, the login, the station's sign-in page
(from the day's QR code) and the tap on "sign in"; once each. Driven by bench/load_sign_in.py, which passes
BENCH_PASSWORD, BENCH_STATION and BENCH_CODE."""

import os

from common import PASSWORD, csrf, finished, next_number
from locust import HttpUser, constant, task
from locust.exception import StopUser

STATION = os.environ.get("BENCH_STATION", "")
CODE = os.environ.get("BENCH_CODE", "")


class Deputy(HttpUser):
    wait_time = constant(0)

    def _step(self, method: str, path: str, name: str, expect: int, who: str, data: dict | None = None) -> str:
        with self.client.request(
            method, path, name=name, data=data, headers={"Referer": self.host + path}, allow_redirects=False,
            catch_response=True, context={"who": who},
        ) as response:  # fmt: skip
            if response.status_code != expect:
                response.failure(f"{name} answered {response.status_code}")
                return ""
            return response.text or " "

    @task
    def sign_in(self) -> None:
        who = f"load{next_number():04d}"
        try:
            page = self._step("GET", "/login/", "login page", 200, who)
            if page:
                form = {"csrfmiddlewaretoken": csrf(page), "username": who, "password": PASSWORD}
                self._step("POST", "/login/", "log in", 302, who, form)
                path = f"/duty/sign-in/{STATION}/"
                page = self._step("GET", f"{path}?code={CODE}", "sign-in page", 200, who)
                if page:
                    self._step("POST", path, "sign in", 302, who, {"csrfmiddlewaretoken": csrf(page), "code": CODE})
        finally:
            finished(self.environment)
        raise StopUser

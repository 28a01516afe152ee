"""Locust: a person logs in — the login page, then the login (its time is the one measured); once each. Driven
by bench/load_import_logins.py, which passes BENCH_PASSWORD."""

from common import PASSWORD, csrf, finished, next_number
from locust import HttpUser, constant, task
from locust.exception import StopUser


class Person(HttpUser):
    wait_time = constant(0)

    @task
    def log_in(self) -> None:
        who = f"load{next_number():04d}"
        try:
            page = self.client.get("/login/", name="login page", context={"who": who})
            form = {"csrfmiddlewaretoken": csrf(page.text), "username": who, "password": PASSWORD}
            with self.client.post(
                "/login/", data=form, name="log in", headers={"Referer": self.host + "/login/"},
                allow_redirects=False, catch_response=True, context={"who": who},
            ) as response:  # fmt: skip
                if response.status_code != 302:
                    response.failure(f"log in answered {response.status_code}")
        finally:
            finished(self.environment)
        raise StopUser

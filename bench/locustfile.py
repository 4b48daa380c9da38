"""Year end on the registry: chairs and center staff enter their events
while city staff read the annual report and the admin lists.

Run by bench/load.sh, which starts the server, creates the users listed in
TOS_LOAD_USERS (one "username role" a line; the password is
TOS_LOAD_PASSWORD) and checks afterwards that every event this file saw
saved is in the database (TOS_LOAD_ADDS gets the count). Each simulated
person logs in through the portal's login page, as a browser does: the
CSRF token from the form, the Referer of the page (the server speaks HTTPS,
so Django checks it).
"""

import datetime
import os
import random
import re
import threading
from pathlib import Path

from locust import FastHttpUser, between, events, task

PASSWORD = os.environ.get("TOS_LOAD_PASSWORD", "")
YEAR = int(os.environ.get("TOS_LOAD_YEAR", "2022"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KINDS = ["cultural", "action", "cleanup", "sport"]
ADMIN_LISTS = [
    "/admin/events/event/",
    "/admin/committees/activist/",
    "/admin/committees/tosbody/",
    "/admin/contests/application/",
    f"/admin/events/event/?year={YEAR}",
]


def read_users() -> dict[str, list[str]]:
    users = {"entry": [], "staff": []}
    path = os.environ.get("TOS_LOAD_USERS")
    if path:
        for line in Path(path).read_text().splitlines():
            username, role = line.split()
            users["staff" if role == "staff" else "entry"].append(username)
    return users


USERS = read_users()
LOCK = threading.Lock()
SAVED = {"adds": 0}


def next_username(kind: str) -> str:
    with LOCK:
        pool = USERS[kind]
        if not pool:
            raise RuntimeError(f"No more {kind} users in TOS_LOAD_USERS")
        return pool.pop(0)


class Person(FastHttpUser):
    """FastHttpUser: the load generator shares the server's two cores, and
    geventhttpclient takes a fraction of the CPU of requests."""

    abstract = True
    kind = "entry"
    insecure = True  # the load test's own self-signed certificate

    def on_start(self):
        self.username = next_username(self.kind)
        self.login()

    def login(self):
        page = self.client.get("/portal/login/", name="login page")
        token = TOKEN.search(page.text).group(1)
        with self.client.post(
            "/portal/login/",
            data={"username": self.username, "password": PASSWORD,
                  "csrfmiddlewaretoken": token, "next": ""},
            headers={"Referer": f"{self.host}/portal/login/"},
            allow_redirects=False, name="login", catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username}: HTTP {response.status_code}")


class ChairOrCenter(Person):
    """A chair or a center's specialist entering the year's last events."""

    wait_time = between(3, 10)
    weight = 20

    @task(3)
    def home(self):
        self.client.get("/portal/", name="portal home")

    @task(3)
    def event_list(self):
        self.client.get("/portal/events/", name="portal event list")

    @task(4)
    def add_event(self):
        form = self.client.get("/portal/events/add/", name="portal event form")
        token = TOKEN.search(form.text).group(1)
        day = datetime.date(YEAR, 12, random.randint(1, 28))
        data = {
            "csrfmiddlewaretoken": token,
            "date": day.isoformat(),
            "title": f"Нагрузочный тест: праздник двора {random.randint(1, 10**6)}",
            "kind": random.choice(KINDS),
            "participants": str(random.randint(5, 120)),
            "campaign": "",
            "tos_body": "",
            "place": "",
            "description": "",
        }
        with self.client.post(
            "/portal/events/add/", data=data, allow_redirects=False,
            headers={"Referer": f"{self.host}/portal/events/add/"},
            name="portal event add (POST)", catch_response=True,
        ) as response:
            if response.status_code == 302:
                with LOCK:
                    SAVED["adds"] += 1
            else:
                response.failure(f"event not saved: HTTP {response.status_code}")


class CityStaff(Person):
    """City staff at year end: the report and the registry's lists."""

    kind = "staff"
    wait_time = between(5, 15)
    fixed_count = 5

    @task(1)
    def annual_report(self):
        self.client.get(f"/reports/{YEAR}/", name="annual report page")

    @task(3)
    def admin_list(self):
        url = random.choice(ADMIN_LISTS)
        self.client.get(url, name=f"admin {url.split('/')[3]}{'?' if '?' in url else ''}")


@events.test_stop.add_listener
def record_adds(environment, **kwargs):
    path = os.environ.get("TOS_LOAD_ADDS")
    if path:
        Path(path).write_text(str(SAVED["adds"]))

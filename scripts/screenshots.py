"""The README's pictures, taken from the 2022 demo in a browser.

    .venv/bin/python scripts/screenshots.py [--out docs/] [--only NAME ...]

A fresh SQLite database in a temporary folder gets `migrate` and
`load_demo`; the demo's four logins get known passwords (through the ORM,
in that database only); the app is started on 127.0.0.1 on a free port
(`runserver`, DEBUG on, as `make run` does); Chromium (Playwright) logs in
as each role and takes the pictures of `take_all` (names as in the
README, docs/<name>.png); the server stops at the end, also on an error
or a timeout. Uploaded files go to the temporary folder,
so nothing of the checkout changes except the PNGs written to --out.

Pictures are the sizes people use: the admin, the board and the report on
a 1366 px wide laptop screen, the chair's and the center's pages on a
390x844 phone. Each PNG is reduced to a palette and must stay under
300 KB. Tests never write these files: they keep their own screenshots in
a temporary folder.
"""

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PASSWORD = "demo-screens-2022"
MAX_BYTES = 300 * 1024
TIMEOUT = 15 * 60  # the whole run, seconds: load ~20 s, pictures ~1 min
SERVER_START = 60  # seconds for the server to answer
CHROMIUM = "/usr/bin/chromium"
# Without it Chromium draws its own controls (a file input, a month picker)
# in English whatever the page's language: Debian's package chromium-l10n.
RUSSIAN_PACK = Path("/usr/lib/chromium/locales/ru.pak")

# Run by manage.py shell in the temporary database: known passwords for the
# demo logins, and the records whose pages are pictured, as one JSON line.
PREPARE = """
import json
from django.contrib.auth.models import User
from django.db.models import Count
from accounts.models import Profile
from contests.models import ContestEdition
from events.models import Event
from demo.names import DEMO_USERNAMES

for user in User.objects.filter(username__in=DEMO_USERNAMES):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
chair = Profile.objects.select_related("committee").get(user__username="chair")
events = Event.objects.filter(committee=chair.committee, date__year=2022)
month = events.order_by("-date").values_list("date", flat=True).first()
photo = (Event.objects.filter(date__year=2022, photos__isnull=False)
         .exclude(description="").order_by("-participants").first()
         or Event.objects.filter(date__year=2022).order_by("-participants").first())
edition = (ContestEdition.objects.filter(year=2022)
           .annotate(n=Count("results"))
           .filter(n__gt=0).order_by("-n").first())
print(json.dumps({
    "chair_month": [month.year, month.month],
    "event": photo.pk,
    "edition": edition.pk if edition else None,
    "usernames": sorted(User.objects.filter(username__in=DEMO_USERNAMES)
                        .values_list("username", flat=True)),
}))
""".replace("PASSWORD", repr(PASSWORD))


def main() -> int:
    args = parse_args()
    if not RUSSIAN_PACK.exists():
        print(
            f"! {RUSSIAN_PACK} is missing: the browser's own controls will read in "
            "English (apt-get install chromium-l10n)",
            file=sys.stderr,
        )
    signal.signal(signal.SIGALRM, _timed_out)
    signal.alarm(TIMEOUT)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots.") as tmp:
        env = demo_env(Path(tmp))
        started = time.monotonic()
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo", "-v", "0")
        facts = json.loads(manage(env, "shell", "-c", PREPARE).strip().splitlines()[-1])
        print(f"demo loaded in {time.monotonic() - started:.0f} s: {facts}")
        port = free_port()
        with server(env, port) as url:
            written = take_all(url, facts, out, args.only)
    for path in written:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size // 1024} KB"
        )
    return 0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs", help="folder for the PNGs (default docs/)"
    )
    parser.add_argument(
        "--only", nargs="*", default=None, help="take only these pictures (names without .png)"
    )
    return parser.parse_args()


def _timed_out(signum, frame):
    raise TimeoutError(f"screenshots took more than {TIMEOUT} s")


def demo_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp / 'demo.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "PYTHONUNBUFFERED": "1",
        }
    )
    for name in ("DATABASE_REPLICA_URL", "DJANGO_S3_BUCKET", "DJANGO_MEDIA_ACCEL_PREFIX"):
        env.pop(name, None)
    return env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {args[0]} failed ({done.returncode})")
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(env: dict, port: int):
    """runserver on 127.0.0.1:port, stopped (its whole process group) when
    the block ends, however it ends."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}", process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process)


def stop(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_until_up(url, process, log):
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace"))
            raise SystemExit(f"the server exited ({process.returncode})")
        try:
            urllib.request.urlopen(f"{url}/portal/login/", timeout=5).close()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {SERVER_START} s")


class Camera:
    """One browser; a context per (role, screen size); pictures into `out`."""

    def __init__(self, browser, url, out, only):
        self.browser, self.url, self.out, self.only = browser, url, out, only
        self.written = []

    def wanted(self, name):
        return self.only is None or name in self.only

    @contextlib.contextmanager
    def as_user(self, username, viewport):
        phone = viewport == PHONE
        context = self.browser.new_context(
            locale="ru-RU",
            timezone_id="Asia/Novokuznetsk",
            viewport=viewport,
            device_scale_factor=2 if phone else 1,
            is_mobile=phone,
            has_touch=phone,
        )
        context.set_default_timeout(30_000)
        page = context.new_page()
        try:
            page.goto(f"{self.url}/portal/login/")
            page.get_by_label("Имя пользователя").fill(username)
            page.get_by_label("Пароль").fill(PASSWORD)
            page.get_by_role("button", name="Войти").click()
            page.wait_for_load_state()
            if "/login/" in page.url:
                raise SystemExit(f"{username} could not log in")
            yield page
        finally:
            context.close()

    def open(self, page, path):
        response = page.goto(f"{self.url}{path}")
        if response is None or response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status if response else '?'}")

    def shoot(self, page, name, full_page=True, height=None):
        """Save the page as docs/<name>.png (its top `height` px when given),
        after checking it fits its width."""
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.viewport_size["width"]
        if width > viewport:
            print(f"  ! {name}: the page is {width} px wide on a {viewport} px screen")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        path = self.out / f"{name}.png"
        clip = None
        if height:
            full_page = True
            clip = {"x": 0, "y": 0, "width": viewport, "height": height}
        page.screenshot(path=str(path), full_page=full_page, clip=clip, animations="disabled")
        shrink(path)
        self.written.append(path)
        print(f"  {name}.png from {page.url.removeprefix(self.url)}")


def take_all(url, facts, out, only) -> list[Path]:
    with sync_playwright() as p:
        # The browser's own words (a file input, a month picker) in Russian,
        # as a Russian user's browser shows them: on Linux Chromium takes
        # them from the environment's language, not from --lang.
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--lang=ru-RU"],
            env={**os.environ, "LANGUAGE": "ru_RU", "LANG": "ru_RU.UTF-8"},
        )
        try:
            camera = Camera(browser, url, out, only)
            staff_pictures(camera, facts)
            chair_pictures(camera, facts)
            center_pictures(camera)
            return camera.written
        finally:
            browser.close()


def staff_pictures(camera, facts):
    with camera.as_user("staff", LAPTOP) as page:
        if camera.wanted("admin-events"):
            camera.open(page, "/admin/events/event/?year=2022")
            camera.shoot(page, "admin-events", full_page=False)
        if camera.wanted("admin-event-form"):
            camera.open(page, f"/admin/events/event/{facts['event']}/change/")
            camera.shoot(page, "admin-event-form")
        if camera.wanted("board"):
            camera.open(page, "/portal/board/")
            camera.shoot(page, "board", height=1100)
        if camera.wanted("report-page") or camera.wanted("report-drilldown"):
            camera.open(page, "/reports/2022/")
            if camera.wanted("report-page"):
                camera.shoot(page, "report-page", full_page=False)
            if camera.wanted("report-drilldown"):
                # A figure that is a sum: its list says the sum in a message.
                page.locator("a[href*='_sum=']").first.click()
                page.wait_for_load_state()
                camera.shoot(page, "report-drilldown", full_page=False)
        if camera.wanted("contest-results") and facts["edition"]:
            camera.open(page, f"/contests/{facts['edition']}/results/")
            camera.shoot(page, "contest-results")


def chair_pictures(camera, facts):
    year, month = facts["chair_month"]
    with camera.as_user("chair", PHONE) as page:
        if camera.wanted("portal-home"):
            camera.open(page, "/portal/")
            camera.shoot(page, "portal-home")
        if camera.wanted("portal-event-form"):
            camera.open(page, "/portal/events/add/")
            page.get_by_label("Название").fill("Субботник во дворе ул. Весенней, 12")
            page.get_by_label("Вид").select_option(label="Субботник")
            page.get_by_label("Участников").fill("34")
            camera.shoot(page, "portal-event-form")
        if camera.wanted("portal-chair-month"):
            camera.open(page, f"/portal/returns/{year}/{month}/")
            camera.shoot(page, "portal-chair-month")
        if camera.wanted("portal-chair-bodies"):
            camera.open(page, "/portal/bodies/")
            camera.shoot(page, "portal-chair-bodies", full_page=False)


def center_pictures(camera):
    with camera.as_user("center", PHONE) as page:
        camera.open(page, "/portal/")
        if camera.wanted("portal-center-home"):
            camera.shoot(page, "portal-center-home")
        if camera.wanted("portal-center-prevention"):
            # The home's own link: the month it opened on.
            page.locator("main a[href*='/portal/center/prevention/?month=']").first.click()
            page.wait_for_load_state()
            camera.shoot(page, "portal-center-prevention")


def shrink(path: Path) -> None:
    """A palette PNG under MAX_BYTES: 256 colours, fewer if needed, then a
    smaller picture as the last resort."""
    image = Image.open(path).convert("RGB")
    for colors in (256, 128, 64):
        reduced = image.quantize(
            colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        reduced.save(path, optimize=True)
        if path.stat().st_size <= MAX_BYTES:
            return
    while path.stat().st_size > MAX_BYTES:
        image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.LANCZOS)
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, optimize=True
        )


if __name__ == "__main__":
    sys.exit(main())

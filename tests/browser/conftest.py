"""Playwright for Python driving Debian's Chromium against the live test server.

Each visited page is checked for console errors, Content-Security-Policy violations and serious or
critical axe-core violations; a screenshot of each is kept in test-artifacts/ to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

from conftest import require

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test itself
# (reading what a page wrote) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root here
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path() -> str | None:
    candidate = os.environ.get("REMIX_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    require(path is not None, "Chromium not found (Debian package chromium, or REMIX_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What went wrong on the pages of one test: console errors, CSP violations, axe findings."""

    def __init__(self, page, name):
        self.page = page
        self.name = name
        self.problems: list[str] = []
        self.shots = 0
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def check(self, label: str, *, axe: bool = True) -> None:
        """Axe on the current page, and a screenshot to look at."""
        from axe_playwright_python.sync_playwright import Axe

        self.page.wait_for_load_state("load")
        violations = Axe().run(self.page).response["violations"] if axe else []
        for violation in violations:
            if violation["impact"] in {"serious", "critical"}:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.problems.append(
                    f"axe {violation['id']} ({violation['impact']}) on {self.page.url}: {targets}"
                )
        ARTIFACTS.mkdir(exist_ok=True)
        self.shots += 1
        self.page.screenshot(
            path=str(ARTIFACTS / f"{self.name}-{self.shots:02d}-{label}.png"), full_page=True
        )


@pytest.fixture
def watched(browser, live_server, request):
    def open_page(*, viewport=None, color_scheme="light", locale="fr-FR"):
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900},
            color_scheme=color_scheme,
            locale=locale,
            base_url=live_server.url,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch = PageWatch(page, f"{request.node.name}-{len(contexts)}")
        watches.append(watch)
        return watch

    contexts, watches = [], []
    yield open_page
    for context in contexts:
        context.close()
    problems = [problem for watch in watches for problem in watch.problems]
    assert problems == [], "\n".join(problems)


def authenticator_for(username: str):
    """A treasurer's or steward's authenticator, as they set it up before using their role (call
    it before logging in); None for anyone else."""
    from remix.accounts.models import User
    from remix.accounts.tests.clients import give_second_factor

    return give_second_factor(User.objects.get(username=username))


def give_code(page, device) -> None:
    """After the password, type the code the authenticator shows now (never one already used)."""
    import time

    from django_otp.oath import totp

    if device is None:
        return
    page.wait_for_url("**/two-factor/verify/**")
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step
    drift = max(0, device.last_t + 1 - now)  # the app's next code, within the accepted window
    code = totp(device.bin_key, device.step, device.t0, device.digits, drift)
    page.locator("#id_token").fill(f"{code:06d}")
    page.locator("main form button[type=submit]").first.click()


PASSWORD = TREASURER_PASSWORD = "une-phrase-assez-longue-7"


@pytest.fixture
def treasurer_awa(transactional_db, settings, tmp_path):
    """Awa, a treasurer with a second factor to set up, and a media folder of her own."""
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    user = User.objects.create_user(
        "awa", "awa@example.org", TREASURER_PASSWORD, display_name="Awa"
    )
    user.groups.add(Group.objects.get(name="treasurer"))
    return user


def log_in(page, username: str, next_url: str) -> None:
    """``username`` logs in, with the second factor their role asks for, and goes on to
    ``next_url``. The fields are found by their ids: the log-in page's words follow the browser's
    language. Every test person's password is ``PASSWORD``."""
    device = authenticator_for(username)
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    give_code(page, device)
    # On to ``next_url``, loaded with its scripts, before the test types anything there.
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/two-factor/" not in url)


def log_in_awa(page, next_url):
    log_in(page, "awa", next_url)


MEMBER_PASSWORD = "une-phrase-assez-longue-7"


def member_create(username: str, display_name: str):
    """A member, who logs in without a second factor (call it inside a test with the database)."""
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    user = User.objects.create_user(
        username, f"{username}@example.org", MEMBER_PASSWORD, display_name=display_name
    )
    user.groups.add(Group.objects.get(name="member"))
    return user


def log_in_member(page, username: str, next_url: str) -> None:
    log_in(page, username, next_url)


@pytest.fixture
def stewardship_world(transactional_db):
    """The handover world of the stewardship tests (remix/stewardship/tests/handover_world.py)
    whose people log in with ``PASSWORD``, and three carriers in turn since 2019."""
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup
    from remix.stewardship.tests.builders import organisation, term
    from remix.stewardship.tests.handover_world import world

    def make_user(username, *, roles=()):
        user = user_signup(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            display_name=username.title(),
            language="fr",
        )
        for role in roles:
            role_grant(user=user, role=Role(role), recorder=None)
        return user

    made = world(make_user)
    term("carrier", organisation("Tiers-lieu La Fabrique"), "2019-01-01", "2021-08-31")
    term("carrier", organisation("Université Lumière", "public_body"), "2021-09-01", "2024-06-30")
    term("carrier", organisation("SCIC des Communs", "scic"), "2024-07-01", hours_per_month=30)
    return made


def pledge_once(page, amount: str) -> None:
    """On a fund's give page: a one-off pledge of ``amount``, shown with the giver's name."""
    form = page.locator("#give-form")
    form.locator("#id_amount").fill(amount)
    form.locator("input[name=frequency][value=once]").check()
    form.locator("input[name=visibility][value=public]").check()
    form.locator("button[type=submit]").click()


def post_json(url: str, body: bytes, **headers) -> dict:
    """What an outside service posts to the live server (a provider's notification)."""
    import json
    import urllib.request

    headers = {"Content-Type": "application/json", **headers}
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (the live server)
        return json.loads(answer.read())


def no_sideways_scroll(page) -> bool:
    """Nothing on the page is wider than the window (a phone scrolls only down)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

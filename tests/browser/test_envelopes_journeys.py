"""The contributive budget in a browser: a member asks publicly (a request out of the range is
refused first, on its field), another member questions it on a phone, and a treasurer closes the
envelope by proportional reduction; the outcome stays public.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.envelopes.models import Envelope, Request
from remix.envelopes.tests.builders import ask, envelope
from tests.browser.conftest import PASSWORD, log_in, no_sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def documentation(transactional_db):
    from remix.accounts.models import Role
    from remix.accounts.services import role_grant, user_signup

    def person(username, display_name, *roles):
        user = user_signup(
            username=username,
            email=f"{username}@example.org",
            password=PASSWORD,
            display_name=display_name,
            language="fr",
        )
        for role in roles:
            role_grant(user=user, role=Role(role), recorder=None)
        return user

    for username, name in (("amina", "Amina Diallo"), ("yasmine", "Yasmine")):
        person(username, name)
    person("mateo", "Mateo Gómez", "treasurer")
    made = envelope()
    ask(made, person("camille", "Camille Roy"), "2.5", "500", what="Traduction en espagnol.")
    ask(made, person("louise", "Louise Tremblay"), "2", "450", what="Relecture de l'API.")
    return made


def _log_in(page, username, url):
    log_in(page, username, url)
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))


def _ask(page, days, amount):
    form = page.locator("#ask form")
    form.locator("#id_what").fill("Guide de prise en main du catalogue, **12 pages**.")
    form.locator("#id_days").fill(days)
    form.locator("#id_amount").fill(amount)
    form.locator("button[type=submit]").click()


def test_a_member_asks_another_questions_and_a_treasurer_closes(watched, documentation):
    url = f"/envelopes/{documentation.pk}/"

    asking = watched()
    page = asking.page
    _log_in(page, "amina", url)
    _ask(page, "3", "900")
    expect(page.locator("#ask .errorlist")).to_contain_text("450,00")
    asking.check("refused")
    _ask(page, "3", "650")
    guide = Request.objects.get(requester__username="amina")
    expect(page).to_have_url(re.compile(re.escape(f"{url}#request-{guide.pk}") + "$"))
    expect(page.locator("#subscription")).to_contain_text("100,00")
    expect(page.locator(f"#request-{guide.pk}")).to_contain_text("650,00")
    asking.check("asked")

    questioning = watched(viewport=PHONE)
    page = questioning.page
    _log_in(page, "yasmine", url)
    page.locator(f"#id_body_{guide.pk}").fill("Trois jours pour douze pages : captures comprises ?")
    questioning.check("question")
    assert no_sideways_scroll(page)
    page.locator(f"#thread-{guide.pk} form button[type=submit]").click()
    expect(page.locator(f"#thread-{guide.pk} .comment")).to_contain_text("captures comprises")
    questioning.check("questioned")
    assert no_sideways_scroll(page)

    closing = watched()
    page = closing.page
    _log_in(page, "mateo", url)
    page.locator("#preview").scroll_into_view_if_needed()
    page.locator("input[name=rule][value=proportional]").check()
    closing.check("closing")
    page.locator(".close-form button[type=submit]").click()
    expect(page.locator("#outcome")).to_be_visible()
    expect(page.locator("#outcome")).to_contain_text("609,37")
    closing.check("closed")
    assert Envelope.objects.get().transaction.is_posted

    reader = watched(viewport=PHONE)
    reader.page.goto(url)
    expect(reader.page.locator("#outcome tbody tr")).to_have_count(3)
    expect(reader.page.locator(f"#thread-{guide.pk}")).to_contain_text("captures comprises")
    reader.check("outcome")
    assert no_sideways_scroll(reader.page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_anyone_reads_the_envelopes_and_the_over_subscription(watched, documentation, viewport):
    from remix.accounts.models import User

    ask(documentation, User.objects.get(username="amina"), "3", "650")
    watch = watched(viewport=viewport)
    page = watch.page

    page.goto("/envelopes/")
    expect(page.locator(f"#envelope-{documentation.pk} .oversubscribed")).to_contain_text("100,00")
    watch.check("list")
    assert no_sideways_scroll(page)
    page.goto(f"/envelopes/{documentation.pk}/")
    expect(page.locator("#subscription")).to_contain_text("1\u202f600,00")
    watch.check("envelope")
    assert no_sideways_scroll(page)

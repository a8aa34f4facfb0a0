"""The visitor and the new member, in a real browser (JOURNEYS.md)."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from remix.accounts.models import User
from tests.browser.conftest import authenticator_for, give_code

pytestmark = pytest.mark.browser


def test_a_visitor_reads_in_french_then_switches_to_english_and_spanish(watched):
    watch = watched(locale="de-DE")  # a browser in a language the site lacks gets French
    page = watch.page

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("communs")
    watch.check("home-fr")

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Contribute").first).to_be_visible()
    watch.check("home-en")

    page.get_by_role("link", name="Funding search").first.click()
    expect(page).to_have_url(re.compile(r"/en/funding/$"))
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page).to_have_url(re.compile(r"/es/funding/$"))  # the same page, in Spanish
    expect(page.get_by_role("heading", level=1)).to_have_text("Búsqueda de financiación")
    watch.check("funding-es")


def test_a_newcomer_signs_up_in_spanish_logs_out_and_logs_in_again(watched):
    watch = watched()
    page = watch.page

    page.goto("/es/")
    page.get_by_role("link", name="Registrarse").click()
    expect(page).to_have_url(re.compile(r"/es/accounts/signup/$"))
    watch.check("signup-es")
    page.get_by_label("Nombre de usuario").fill("fatou")
    page.get_by_label("Correo electrónico").fill("fatou@example.org")
    page.get_by_label("Nombre visible").fill("Fatou")
    page.locator("#id_password1").fill("une-phrase-assez-longue-7")
    page.locator("#id_password2").fill("une-phrase-assez-longue-7")
    page.get_by_role("button", name="Crear mi cuenta").click()

    expect(page).to_have_url(re.compile(r"/es/accounts/profile/$"))
    expect(page.get_by_role("status")).to_contain_text("Fatou")
    watch.check("profile-es")
    assert User.objects.get(username="fatou").language == "es"

    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    page.get_by_role("link", name="Iniciar sesión").click()
    watch.check("login-es")
    page.get_by_label("Nombre de usuario").fill("fatou")
    page.get_by_label("Contraseña").fill("une-phrase-assez-longue-7")
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("navigation", name="Cuenta")).to_contain_text("Fatou")


def test_a_bad_signup_shows_the_reasons_and_keeps_what_was_typed(watched):
    watch = watched()
    page = watch.page

    page.goto("/accounts/signup/")
    page.get_by_label("Nom d’utilisateur").fill("amina")
    page.get_by_label("Courriel").fill("pas-un-courriel")
    page.locator("#id_password1").fill("court")
    page.locator("#id_password2").fill("autre")
    page.get_by_role("button", name="Créer mon compte").click()

    expect(page.get_by_text("Saisissez une adresse de courriel valide.")).to_be_visible()
    expect(page.get_by_label("Nom d’utilisateur")).to_have_value("amina")
    watch.check("signup-errors")


def test_a_member_creates_an_api_token_shown_once(watched, live_server):
    User.objects.create_user("amina", "amina@example.org", "une-phrase-assez-longue-7")
    watch = watched()
    page = watch.page

    page.goto("/accounts/login/")
    page.get_by_label("Nom d’utilisateur").fill("amina")
    page.get_by_label("Mot de passe").fill("une-phrase-assez-longue-7")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Nom du jeton").fill("script de la banque")
    page.get_by_role("button", name="Créer un jeton").click()

    token = page.locator("#new-token").inner_text()
    assert token.startswith("rmx_")
    watch.check("token-created")
    page.reload()
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.get_by_role("table")).to_contain_text("script de la banque")


def test_on_a_phone_in_the_dark_nothing_overflows_and_contrast_holds(watched):
    watch = watched(viewport={"width": 375, "height": 740}, color_scheme="dark")
    page = watch.page

    page.goto("/")
    watch.check("phone-dark")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_keyboard_users_skip_to_the_content(watched):
    watch = watched()
    page = watch.page

    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    watch.check("skip-link")


def test_the_api_docs_load_without_console_or_csp_errors(watched):
    watch = watched()
    page = watch.page

    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/health").first).to_be_visible()
    page.screenshot(path="test-artifacts/api-docs.png")


def test_the_watch_catches_a_csp_violation_and_an_axe_finding(browser, live_server):
    """The checks above could not pass by accident: a page breaking both rules is caught."""
    from tests.browser.conftest import PageWatch

    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    watch = PageWatch(page, "watch-self-test")
    bad_page = (
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        "<script>document.title = 'ran'</script><img src='/static/remix/favicon.svg'>"
        "</main></body></html>"
    )
    real = page.request.get(f"{live_server.url}/")  # the real policy of our pages
    page.route(
        "**/bad-page/",
        lambda route: route.fulfill(
            status=200,
            body=bad_page,
            headers={
                "Content-Type": "text/html",
                **{"Content-Security-Policy": real.headers["content-security-policy"]},
            },
        ),
    )

    page.goto("/bad-page/")
    watch.check("bad-page")
    title = page.title()
    context.close()

    assert title == "x"  # the inline script did not run
    assert any("Content Security Policy" in problem for problem in watch.problems)
    assert any(problem.startswith("axe image-alt") for problem in watch.problems)


def test_a_steward_opens_the_admin_without_console_or_csp_errors(watched):
    user = User.objects.create_user("louise", "louise@example.org", "une-phrase-assez-longue-7")
    user.groups.add(Group.objects.get(name="steward"))
    watch = watched()
    page = watch.page

    device = authenticator_for("louise")
    page.goto("/admin/")
    page.get_by_label("Nom d’utilisateur").fill("louise")
    page.get_by_label("Mot de passe").fill("une-phrase-assez-longue-7")
    page.locator("input[type=submit]").click()
    give_code(page, device)
    page.get_by_role("link", name="Utilisateurs").first.click()
    page.get_by_role("link", name="louise").click()
    expect(page.get_by_role("heading", name="louise")).to_be_visible()
    # Django's own admin pages: console and CSP are checked, axe is not (we do not own them).
    watch.check("admin-user", axe=False)

"""The catalogue in a browser (JOURNEYS.md): a member in Dakar, on a phone, adds a video interview
in Wolof with French subtitles, previews it, saves it and finds it again without the accents; a
hostile Markdown body stays inert in a real browser; an editor hides a document with a reason
that the public log shows; a visitor reads a remix's lineage and cites it in Spanish.

Locators are ids, names and addresses, not button texts: the texts change with the language."""

import re

import pytest
from playwright.sync_api import expect

from remix.allies.services import actor_create, theme_save
from remix.catalogue import services
from remix.catalogue.models import Document, Family
from remix.core.tests.test_markdown import XSS
from tests.browser.conftest import log_in as _log_in
from tests.browser.conftest import no_sideways_scroll

pytestmark = pytest.mark.browser

PASSWORD = "une-phrase-assez-longue-7"


@pytest.fixture
def people(transactional_db):
    from django.contrib.auth.models import Group

    from remix.accounts.models import User

    def user(username, *roles):
        person = User.objects.create_user(
            username, f"{username}@example.org", PASSWORD, display_name=username.title()
        )
        for role in roles:
            person.groups.add(Group.objects.get(name=role))
        return person

    return {"fatou": user("fatou", "member"), "camille": user("camille", "member", "editor")}


@pytest.fixture
def catalogue(people):
    themes = [
        theme_save(code="cooperation", labels={"fr": "Coopération", "en": "Cooperation"}),
        theme_save(code="economie-sociale", labels={"fr": "Économie sociale"}),
        theme_save(code="semences", labels={"fr": "Semences"}),
    ]
    garden = services.commons_create(
        author=people["camille"],
        data={
            "name": {"fr": "Jardin partagé de Pikine"},
            "family": Family.objects.get(code="food"),
            "place": "Pikine",
            "country": "SN",
        },
    )
    actor_create(name="Réseau des femmes de Pikine", kind="network", country="SN")
    return {"themes": themes, "garden": garden}


def _no_sideways_scroll(page):
    assert no_sideways_scroll(page)


def test_a_member_on_a_phone_adds_an_interview_and_finds_it_without_accents(watched, catalogue):
    watch = watched(viewport={"width": 390, "height": 844})
    page = watch.page

    _log_in(page, "fatou", "/catalogue/documents/new/")
    expect(page).to_have_url(re.compile(r"/catalogue/documents/new/$"))
    watch.check("new-document-form")
    _no_sideways_scroll(page)

    page.locator("#id_kind").select_option("interview")
    page.locator("#id_title").fill("Coopération et économie des femmes de Pikine")
    page.locator("#id_summary").fill("Un entretien sur la tontine et le jardin partagé.")
    page.locator("#id_body").fill("## La tontine\n\nChaque semaine, **douze femmes** cotisent.")
    page.locator("#id_language").select_option("other")
    page.locator("#id_language_other").fill("wo")
    page.locator("#id_subtitles").fill("fr")
    page.locator("#id_authors").fill("Réseau des femmes de Pikine")
    page.locator("#id_licence").select_option("CC-BY-SA-4.0")
    page.get_by_label("Coopération", exact=True).check()
    page.get_by_label("Économie sociale", exact=True).check()
    page.locator("#id_commons").select_option(label="Jardin partagé de Pikine")
    page.locator("#id_media_url").fill("https://video.example.org/pikine-tontine")

    page.locator("button[name=preview]").click()
    expect(page.locator(".preview h3").first).to_have_text(
        "Coopération et économie des femmes de Pikine"
    )
    expect(page.locator(".preview strong", has_text="douze femmes")).to_be_visible()
    assert not Document.objects.exists(), "a preview saves nothing"
    watch.check("preview")

    page.locator("main form button[type=submit]:not([name=preview])").click()
    document = Document.objects.get()
    expect(page).to_have_url(re.compile(rf"/catalogue/documents/{document.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(document.title)
    assert (document.language, document.subtitles, document.kind) == ("wo", ["fr"], "interview")
    assert sorted(document.themes.values_list("code", flat=True)) == [
        "cooperation",
        "economie-sociale",
    ]
    assert [commons.slug for commons in document.commons.all()] == [catalogue["garden"].slug]
    watch.check("document")
    _no_sideways_scroll(page)

    page.goto("/catalogue/?q=cooperation+economie")
    hit = page.locator(f"a[href='/catalogue/documents/{document.slug}/']").first
    expect(hit).to_be_visible()
    expect(page.locator("mark", has_text="Coopération").first).to_be_visible()
    watch.check("search")
    _no_sideways_scroll(page)


def test_a_hostile_markdown_body_stays_inert_in_a_real_browser(watched, catalogue):
    body = "\n\n".join(XSS)
    document = services.document_create(
        author=None,
        data={
            "kind": "text",
            "title": "<img src=x onerror=alert('titre')>",
            "summary": "<script>alert('résumé')</script>",
            "body": body,
            "language": "fr",
            "licence": "CC0-1.0",
        },
    )
    watch = watched()
    page = watch.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"/catalogue/documents/{document.slug}/")
    # Hover and click everything the body made, in case a handler survived.
    for link in page.locator("main a").all():
        link.hover()
    page.locator("main details").evaluate_all("nodes => nodes.forEach(n => n.open = true)")
    page.goto("/catalogue/?q=onerror")
    page.goto("/catalogue/?q=alert")
    page.wait_for_timeout(300)

    assert dialogs == []
    page.goto(f"/catalogue/documents/{document.slug}/")
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
    assert all(src.startswith(page.url.split("/catalogue")[0]) for src in scripts), scripts
    hrefs = page.locator("main a").evaluate_all("nodes => nodes.map(n => n.href)")
    assert not [href for href in hrefs if href.lower().startswith(("javascript:", "data:"))]
    handlers = page.evaluate(
        "Array.from(document.querySelectorAll('main *')).flatMap(e =>"
        " Array.from(e.attributes).map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    assert page.locator("main svg[onload], main iframe, main img[onerror]").count() == 0


def test_an_editor_hides_a_document_with_a_reason_the_public_log_shows(watched, catalogue):
    spam = services.document_create(
        author=None,
        data={
            "kind": "link",
            "title": "Achetez maintenant",
            "language": "fr",
            "licence": "CC0-1.0",
        },
    )
    watch = watched()
    page = watch.page
    _log_in(page, "camille", f"/catalogue/documents/{spam.slug}/moderate/")
    expect(page).to_have_url(re.compile(r"/moderate/$"))
    page.locator("#id_reason").fill("Publicité sans rapport avec les communs.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/catalogue/moderation/$"))
    watch.check("moderation-log-editor")

    visitor = watched(locale="en-GB")
    other = visitor.page
    other.goto("/en/catalogue/moderation/")
    expect(other.locator("main")).to_contain_text("Publicité sans rapport avec les communs.")
    expect(other.locator("main")).to_contain_text("Achetez maintenant")
    visitor.check("moderation-log-visitor")
    # The hidden page says why, with 410 Gone (read without the page: a 410 is a console error).
    response = other.request.get(f"/en/catalogue/documents/{spam.slug}/")
    assert response.status == 410
    assert "Publicité sans rapport avec les communs." in response.text()


def test_a_visitor_reads_a_remix_lineage_and_cites_it_in_spanish(watched, catalogue):
    def add(title, **data):
        return services.document_create(
            author=None,
            data={
                "kind": "text",
                "title": title,
                "language": "es",
                "licence": "CC-BY-SA-4.0",
                **data,
            },
        )

    first = add("La minga del agua")
    second = add("Semillas libres", licence="CC-BY-4.0")
    remix = add("Agua y semillas", kind="remix", sources=[first, second])
    watch = watched(locale="es-ES")
    page = watch.page
    page.goto(f"/es/catalogue/documents/{remix.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agua y semillas")
    lineage = page.locator("svg.lineage-graph")
    expect(lineage).to_be_visible()
    for title in ("La minga del agua", "Semillas libres", "Agua y semillas"):
        expect(lineage).to_contain_text(title)
    citation = page.locator("section.cite")
    expect(citation).to_contain_text("“Agua y semillas”")
    expect(citation).to_contain_text("CC BY-SA 4.0")
    expect(citation).to_contain_text("; a partir de “La minga del agua”")
    watch.check("remix-es")
    page.locator(f"svg.lineage-graph a[href$='/documents/{first.slug}/']").first.click()
    expect(page).to_have_url(re.compile(rf"/es/catalogue/documents/{first.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("La minga del agua")

"""The projects' pages and API: what a visitor reads (running, planned, done, and how each is
financed, from its fund's books), what a steward and a project's managers write, and what a
list costs in queries whatever the number of projects."""

from remix.api.tests.calls import bearer, get, post, refusal
from remix.api.tests.lists import assert_list_cost_flat
from remix.catalogue.tests.builders import doc
from remix.core.tests.page_queries import page_queries_flat
from remix.projects import services
from remix.projects.models import Project
from remix.projects.tests.builders import gift, project, spend


def _grow(start: int, stop: int) -> None:
    for n in range(start, stop):
        made = project(f"projet-{n}", status=["running", "planned", "done"][n % 3])
        gift(made.fund.slug, f"{100 + n}", giver=f"donatrice-{n}")
        spend(made.fund.slug, "40")


def test_the_list_costs_the_same_at_3_projects_as_at_30(client, db):
    small, large = page_queries_flat(client, "/projects/", rows=_grow)
    assert "Projet projet-2" in small and "Projet projet-27" in large


def test_a_visitor_reads_what_runs_and_how_it_is_financed_in_french(client, db):
    made = project("la-fiesta", status="running", budget="1000")
    project("le-livre", kind="publication", status="planned")
    gift("la-fiesta", "250")
    spend("la-fiesta", "100")
    gift("", "9999")  # the platform's money is not the project's

    page = client.get("/projects/").content.decode()
    assert "Projets de médiation" in page
    assert page.index("Projet la-fiesta") < page.index("Projet le-livre")
    assert "250,00\xa0€" in page and "150,00\xa0€" in page  # received; its fund's balance
    assert "100,00\xa0€" in page and "1\u202f000,00\xa0€" in page  # spent of the budget
    assert "9\u202f999" not in page

    sheet = client.get(made.get_absolute_url()).content.decode()
    assert "Ce qu’il rend à la plateforme" in sheet or "Ce qu'il rend à la plateforme" in sheet
    assert "Une Donatrice" in sheet


def test_a_project_page_shows_its_documents_and_what_it_gives_back(client, db):
    made = project("la-fiesta")
    services.documents_add(project=made, documents=[doc("Les actes de la fiesta")])
    gift("la-fiesta", "20", giver="ana")
    gift("la-fiesta", "30", giver="ana")
    gift("la-fiesta", "10", giver="bruno")

    answer = get(client, f"/projects/{made.pk}")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["gives_back"] == {"documents": 1, "contributors": 2, "pages": 1, "visibility": 2}
    assert body["financing"]["received"] == "60.00"
    assert body["financing"]["received_by_nature"] == {"contributions": "60.00"}
    assert "Les actes de la fiesta" in client.get(made.get_absolute_url()).content.decode()


def test_the_api_list_costs_the_same_at_3_as_at_30(client, db):
    def rows(n: int) -> set[int]:
        start = Project.objects.count()
        _grow(start, start + n)
        return set(Project.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/projects", rows=rows)


def test_a_steward_creates_a_project_by_the_api_a_member_may_not(client, api_token):
    _steward, token = api_token(username="louise", roles=["member", "steward"])
    _member, member_token = api_token(username="yasmine", roles=["member"])
    body = {
        "slug": "la-rencontre",
        "kind": "meeting",
        "title": {"fr": "La rencontre"},
        "starts": "2026-05-01",
        "budget": "800",
        "themes": ["inconnu"],
    }
    assert post(client, "/projects", body, **bearer(member_token)).status_code == 403
    assert "themes" in refusal(post(client, "/projects", body, **bearer(token)))

    answer = post(client, "/projects", {**body, "themes": []}, **bearer(token))

    assert answer.status_code == 201, answer.content
    assert answer.json()["fund"] == "la-rencontre"
    assert answer.json()["financing"]["budget"] == "800.00"
    assert "fund" in refusal(post(client, "/projects", body | {"themes": []}, **bearer(token))) or (
        "slug" in refusal(post(client, "/projects", body | {"themes": []}, **bearer(token)))
    )


def test_a_steward_creates_on_the_page_and_a_manager_edits_their_own(client, make_user):
    form = {
        "kind": "fiesta",
        "title": "La fiesta des communs",
        "starts": "2026-02-01",
        "status": "planned",
        "budget": "500",
    }
    client.force_login(make_user("amina", roles=["member"]))
    assert client.post("/projects/new/", form).status_code == 403
    client.force_login(make_user("louise", roles=["member", "steward"]))

    answer = client.post("/en/projects/new/", form)

    made = Project.objects.get()
    assert answer.status_code == 302
    assert (made.slug, made.title, made.fund.slug, made.budget_minor) == (
        "la-fiesta-des-communs",
        {"en": "La fiesta des communs"},
        "la-fiesta-des-communs",
        50000,
    )
    manager = make_user("camille", roles=["member"])
    made.managers.add(manager)
    client.force_login(manager)
    edit = {**form, "title": "La fiesta", "status": "running"}
    assert client.post(f"/projects/{made.slug}/edit/", edit).status_code == 302
    made.refresh_from_db()
    assert made.title == {"en": "La fiesta des communs", "fr": "La fiesta"}
    assert made.status == "running"
    client.force_login(make_user("yasmine", roles=["member"]))
    assert client.post(f"/projects/{made.slug}/edit/", edit).status_code == 403


def test_the_dashboard_shows_the_projects_beside_the_platform_s_budget(client, db):
    project("la-fiesta")
    gift("la-fiesta", "250", on="2026-03-01")
    spend("la-fiesta", "100", on="2026-03-02")
    gift("", "40", on="2026-03-01")

    page = client.get("/en/budget/dashboard/?period=2026").content.decode()

    beside = page[page.index('id="projects-beside"') :]
    assert "Projet la-fiesta" in beside or "Project la-fiesta" in beside
    assert "€250.00" in beside and "€100.00" in beside
    assert "fund=all&amp;period=2026" in beside  # the consolidated view, labelled
    consolidated = client.get("/en/budget/dashboard/?fund=all&period=2026").content.decode()
    assert "Consolidated view: the platform and the mediation projects together" in consolidated
    assert 'id="projects-beside"' not in consolidated


def test_the_common_trunk_links_each_theme_to_its_projects(client, db):
    from remix.allies.models import Actor, Movement, Theme

    theme = Theme.objects.create(code="semences", labels={"fr": "Semences", "en": "Seeds"})
    for slug, movement in (("a", "ess"), ("b", "commons")):
        actor = Actor.objects.create(slug=slug, name=slug.upper(), kind="organisation")
        actor.movements.add(Movement.objects.get(code=movement))
        actor.themes.add(theme)
    made = project("rencontre-semences", kind="meeting", status="running", themes=[theme])

    page = client.get("/allies/trunk/").content.decode()

    assert made.get_absolute_url() in page and "Projet rencontre-semences" in page


def test_a_project_page_lists_its_events_and_their_feed(client, db):
    from remix.events.tests.builders import event

    made = project("la-rencontre")
    coming = event(made, title={"fr": "Atelier semences", "en": "Seeds workshop"})

    sheet = client.get(made.get_absolute_url()).content.decode()

    assert f'href="/events/{coming.pk}/"' in sheet
    assert "Atelier semences" in sheet
    assert "/events/projects/la-rencontre.ics" in sheet

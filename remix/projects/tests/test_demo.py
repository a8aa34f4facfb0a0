from remix.core.demo import demo_load
from remix.ledger.models import FundKind
from remix.projects.models import Project
from remix.projects.selectors import financing_of, project_sheet


def test_the_demo_shows_five_projects_on_their_own_funds_with_their_financing(db, make_user):
    demo_load()
    demo_load()  # a second run adds nothing

    projects = {p.slug: p for p in Project.objects.select_related("fund")}
    assert sorted(projects) == [
        "appel-mensuel",
        "fiesta-des-communs",
        "film-des-communs",
        "publication-communs",
        "rencontre-semences",
    ]
    assert not any(p.fund.kind == FundKind.PLATFORM for p in projects.values())
    assert projects["appel-mensuel"].fund.kind == FundKind.OTHER
    financing = financing_of(projects.values())
    # Four of them have money in their fund's books; the film spent some of its budget.
    assert sum(1 for f in financing.values() if f.received) >= 3
    film = financing[projects["film-des-communs"].pk]
    assert film.spent > 0 and film.budget == 540000
    sheet = project_sheet(projects["film-des-communs"], user=make_user("visitor"))
    assert sheet.productions and sheet.gives_back.documents == 2
    assert sheet.gives_back.visibility == sheet.gives_back.documents + sheet.gives_back.pages

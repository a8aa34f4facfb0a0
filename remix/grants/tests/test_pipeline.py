"""The pipeline's pages: the board and its moves, who sees what, an application's page, the plan
editor with its check in plain words, and a grant recorded from the page."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum

from remix.grants import services
from remix.grants.models import Application, Stage, StageEvent
from remix.grants.tests import builders
from remix.ledger.models import Posting

pytestmark = pytest.mark.django_db

STAGE_HEADINGS = [
    "Spotted",
    "Qualified",
    "Drafting",
    "Submitted",
    "Granted",
    "Refused",
    "Abandoned",
    "Reporting",
    "Closed",
]


def html(response) -> str:
    assert response.status_code == 200, response.content[:800]
    return response.content.decode()


def text(response) -> str:
    """The page as words: tags dropped, spaces (and no-break spaces) folded."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[\s\u00a0\u202f]+", " ", words)


def column_headings(page: str) -> list[str]:
    return re.findall(r'<h2 id="stage-[a-z]+">([^<]+?) <span class="count">', page)


def moved(application: Application, *stages: str, **extra) -> Application:
    for stage in stages:
        application = services.application_stage(application=application, to=stage, **extra)
    return application


@pytest.fixture
def people(make_user):
    return {
        "member": make_user("coordinatrice", roles=["member"]),
        "other": make_user("benevole", roles=["member"]),
        "treasurer": make_user("tresoriere", roles=["member", "treasurer"]),
    }


def drafted(owner, *, title="Appel ESS 2027", fund="fiesta-2026", requested="6000"):
    application = services.application_create(
        opportunity=builders.opportunity(title=title),
        fund=builders.fund(fund),
        owner=owner,
        amount_requested=requested,
    )
    services.plan_set(application=application, lines=builders.PLAN)
    return moved(application, "qualified", "drafting")


def granted(owner):
    application = moved(
        drafted(owner, title="Fonds numérique"),
        "submitted",
    )
    return services.application_stage(
        application=application,
        to="granted",
        amount_granted="6000",
        decided_on=datetime.date(2026, 11, 2),
    )


# --- the board -----------------------------------------------------------------------------------


def test_a_member_sees_a_column_per_stage_with_each_card_and_its_allowed_moves(client, people):
    application = drafted(people["member"])
    client.force_login(people["member"])
    page = html(client.get("/en/funding/pipeline/"))
    assert column_headings(page) == STAGE_HEADINGS
    card = page[page.index(f'id="card-{application.pk}"') :][:3000]
    assert f'href="/en/funding/applications/{application.pk}/"' in card
    assert "Appel ESS 2027" in card and "Région Auvergne-Rhône-Alpes" in card
    assert "fiesta-2026" in card and "Coordinatrice" in card
    assert "€6,000" in card  # requested
    # Drafting may go on to submitted (offered first), back to qualified, or be abandoned.
    options = re.findall(r'<option value="([a-z]+)">', card)
    assert options == ["submitted", "qualified", "abandoned"]


def test_a_card_s_form_moves_the_application_and_comes_back_to_the_board(client, people):
    application = drafted(people["member"])
    application = moved(application, "qualified")
    client.force_login(people["other"])
    board = "/en/funding/pipeline/?mine="
    response = client.post(
        f"/en/funding/applications/{application.pk}/stage/",
        {"to": "drafting", "from": "board", "next": board},
    )
    assert response.status_code == 302 and response["Location"] == board
    application.refresh_from_db()
    assert application.stage == Stage.DRAFTING
    event = StageEvent.objects.filter(application=application).last()
    assert (event.from_stage, event.to_stage) == ("qualified", "drafting")
    assert event.by == people["other"]
    page = text(client.get(board))
    assert "“Appel ESS 2027” is now drafting." in page


def test_a_move_the_pipeline_does_not_allow_is_refused_and_nothing_changes(client, people):
    application = drafted(people["member"])
    client.force_login(people["member"])
    response = client.post(
        f"/en/funding/applications/{application.pk}/stage/",
        {"to": "closed", "from": "board", "next": "/en/funding/pipeline/"},
        follow=True,
    )
    assert "cannot move to that stage from" in text(response)
    application.refresh_from_db()
    assert application.stage == Stage.DRAFTING
    assert not StageEvent.objects.filter(application=application, to_stage="closed").exists()


def test_granting_from_the_board_asks_the_amount_on_the_application_s_page(client, people):
    application = moved(drafted(people["member"]), "submitted")
    client.force_login(people["treasurer"])
    response = client.post(
        f"/en/funding/applications/{application.pk}/stage/",
        {"to": "granted", "from": "board", "next": "/en/funding/pipeline/"},
    )
    page_url = f"/en/funding/applications/{application.pk}/"
    assert response["Location"] == f"{page_url}?move=granted#move-granted"
    page = text(client.get(response["Location"]))
    assert "To mark it granted, give the amount granted and the date of the decision." in page
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED and not Posting.objects.exists()


def test_submitting_a_plan_over_the_cap_from_the_board_says_the_breach(client, people):
    application = drafted(people["member"], requested="7000")
    services.plan_set(
        application=application,
        lines=[
            {"kind": "cost", "label": "Tout", "amount": "10000"},
            {"kind": "funding", "label": "Région", "amount": "7000", "source": "this_grant"},
            {"kind": "funding", "label": "Fonds propres", "amount": "3000", "source": "own"},
        ],
    )
    client.force_login(people["member"])
    response = client.post(
        f"/en/funding/applications/{application.pk}/stage/",
        {"to": "submitted", "from": "board", "next": "/en/funding/pipeline/"},
        follow=True,
    )
    assert (
        "This grant would be €7,000.00, but the funder covers at most €6,000.00 of this total "
        "cost: €1,000.00 too much." in text(response)
    )
    application.refresh_from_db()
    assert application.stage == Stage.DRAFTING


def test_visitors_see_only_the_granted_columns_and_applications(client, people):
    drafted(people["member"], title="Appel encore en rédaction")
    granted(people["member"])
    page = html(client.get("/en/funding/pipeline/"))
    assert column_headings(page) == ["Granted", "Reporting", "Closed"]
    assert "Fonds numérique" in page and "€6,000" in page
    assert "Appel encore en rédaction" not in page
    assert "Move to" not in page and 'name="mine"' not in page


def test_the_board_filters_by_fund_and_by_owner(client, people):
    drafted(people["member"], title="Pour la fiesta", fund="fiesta-2026")
    drafted(people["other"], title="Pour les rencontres", fund="rencontres-2027")
    client.force_login(people["member"])
    by_fund = html(client.get("/en/funding/pipeline/?fund=rencontres-2027"))
    assert "Pour les rencontres" in by_fund and "Pour la fiesta" not in by_fund
    mine = html(client.get("/en/funding/pipeline/?mine=on"))
    assert "Pour la fiesta" in mine and "Pour les rencontres" not in mine


# --- an application's page -----------------------------------------------------------------------


def test_an_application_before_the_decision_is_a_404_for_a_visitor(client, people):
    application = drafted(people["member"])
    assert client.get(f"/en/funding/applications/{application.pk}/").status_code == 404
    assert client.get(f"/en/funding/applications/{application.pk}/plan/").status_code == 302
    client.force_login(people["other"])
    assert client.get(f"/en/funding/applications/{application.pk}/").status_code == 200


def test_a_granted_application_is_public_without_its_tasks_documents_and_hours(client, people):
    application = granted(people["member"])
    services.task_add(application=application, title="Écrire le bilan intermédiaire")
    services.application_update(application=application, hours_spent="12.5")
    page = text(client.get(f"/en/funding/applications/{application.pk}/"))
    assert "Fonds numérique" in page and "Granted €6,000.00" in page
    assert "Financing plan" in page and "Salle et technique" in page
    for private in ("Tasks", "Écrire le bilan", "Documents", "Hours spent", "Move to"):
        assert private not in page
    client.force_login(people["other"])
    page = text(client.get(f"/en/funding/applications/{application.pk}/"))
    assert "Écrire le bilan intermédiaire" in page and "12.50 h so far" in page


def test_the_page_shows_the_stage_history_with_who_and_when(client, people):
    application = drafted(people["member"])
    services.application_stage(
        application=application, to="submitted", recorder=people["other"], note="Envoyé par mail"
    )
    client.force_login(people["member"])
    page = text(client.get(f"/en/funding/applications/{application.pk}/"))
    assert "From drafting to submitted" in page
    history = page[page.index("Stage history") :]
    assert "Benevole" in history and "Envoyé par mail" in history


def test_a_member_answers_an_opportunity_and_owns_the_application(client, people):
    opportunity = builders.opportunity()
    fund = builders.fund()
    client.force_login(people["member"])
    response = client.post(
        f"/en/funding/opportunities/{opportunity.slug}/apply/",
        {"fund": fund.pk, "amount_requested": "6,000.00"},
    )
    created = Application.objects.get()
    assert response["Location"] == f"/en/funding/applications/{created.pk}/"
    assert (created.owner, created.stage, created.amount_requested_minor) == (
        people["member"],
        "spotted",
        600000,
    )
    client.logout()
    refused = client.post(f"/en/funding/opportunities/{opportunity.slug}/apply/", {"fund": fund.pk})
    assert refused.status_code == 302 and "/accounts/login/" in refused["Location"]


def test_tasks_are_added_and_marked_done_and_hours_saved(client, people):
    application = drafted(people["member"])
    client.force_login(people["member"])
    base = f"/en/funding/applications/{application.pk}"
    response = client.post(
        f"{base}/tasks/",
        {"title": "Demander le RIB", "assignee": people["other"].pk, "due_on": "2026-12-01"},
    )
    assert response["Location"] == f"{base}/#tasks"
    task = application.tasks.get()
    assert (task.assignee, task.due_on) == (people["other"], datetime.date(2026, 12, 1))
    client.post(f"{base}/tasks/{task.pk}/done/")
    task.refresh_from_db()
    assert task.done_on is not None
    client.post(f"{base}/hours/", {"hours_spent": "7.5"})
    application.refresh_from_db()
    assert str(application.hours_spent) == "7.50"
    refused = client.post(f"{base}/tasks/", {"title": ""})
    assert refused.status_code == 400 and "This field is required." in text(refused)


def test_documents_are_checked_by_their_content(client, people):
    application = drafted(people["member"])
    client.force_login(people["member"])
    base = f"/en/funding/applications/{application.pk}"
    pdf = SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n% un budget\n", "application/pdf")
    response = client.post(f"{base}/documents/", {"file": pdf, "name": "Budget prévisionnel"})
    assert response["Location"] == f"{base}/#documents"
    document = application.documents.get()
    assert document.name == "Budget prévisionnel" and document.file.name.endswith(".pdf")
    assert "budget" not in document.file.name  # a random name, the given one in the database
    download = client.get(f"/files/application-document/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    page = SimpleUploadedFile("lettre.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    refused = client.post(f"{base}/documents/", {"file": page})
    assert refused.status_code == 400
    assert "This kind of file is not accepted." in text(refused)
    assert application.documents.count() == 1
    client.logout()
    assert client.get(f"/files/application-document/{document.pk}/").status_code == 302


# --- the plan editor -----------------------------------------------------------------------------


def plan_post(lines: list[dict], *, extra=None) -> dict:
    data = {
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "200",
    }
    for index, line in enumerate(lines):
        for key, value in line.items():
            data[f"lines-{index}-{key}"] = value
    return {**data, **(extra or {})}


OVER_CAP = [
    {"kind": "cost", "label": "Salle", "amount": "6,000"},
    {"kind": "cost", "label": "Défraiements", "amount": "4,000"},
    {"kind": "funding", "label": "Région", "amount": "7,000", "source": "this_grant"},
    {"kind": "funding", "label": "Fonds propres", "amount": "3,000", "source": "own"},
    {"kind": "cost", "label": "", "amount": ""},  # an empty line is no line
]


def test_the_plan_editor_saves_the_lines_and_shows_each_breach_in_plain_words(client, people):
    application = services.application_create(
        opportunity=builders.opportunity(),
        fund=builders.fund(),
        owner=people["member"],
        amount_requested="7000",
    )
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/plan/"
    first = html(client.get(url))
    assert 'name="lines-0-label"' in first and 'name="lines-3-label"' in first  # a start, 3 empty
    response = client.post(url, plan_post(OVER_CAP))
    assert response.status_code == 302 and response["Location"] == url
    assert [(line.kind, line.amount_minor) for line in application.plan.order_by("id")] == [
        ("cost", 600000),
        ("cost", 400000),
        ("funding", 700000),
        ("funding", 300000),
    ]
    page = text(client.get(url))
    assert (
        "This grant would be €7,000.00, but the funder covers at most €6,000.00 of this total "
        "cost: €1,000.00 too much." in page
    )
    assert "The plan breaks one rule" in page and "70% of the total cost" in page
    # The same words on the application's page, before submission.
    assert "€1,000.00 too much" in text(client.get(f"/en/funding/applications/{application.pk}/"))


def test_a_plan_that_keeps_the_rules_says_so_with_the_withheld_share(client, people):
    application = services.application_create(
        opportunity=builders.opportunity(), fund=builders.fund(), amount_requested="6000"
    )
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/plan/"
    lines = [dict(line) for line in OVER_CAP[:4]]
    lines[2]["amount"], lines[3]["amount"] = "6000", "4000"
    client.post(url, plan_post(lines))
    page = text(client.get(f"/en/funding/applications/{application.pk}/"))
    assert "The plan keeps the funder's rules." in page
    assert "60% of the total cost" in page
    assert "€1,200.00 (20% of the grant), paid once the funder accepts the final report" in page


def test_a_line_half_filled_is_refused_on_its_field_and_nothing_is_saved(client, people):
    application = drafted(people["member"])
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/plan/"
    response = client.post(
        url, plan_post([{"kind": "funding", "label": "Mécène", "amount": "500", "source": ""}])
    )
    assert response.status_code == 400
    assert "Say where this funding comes from." in text(response)
    assert application.plan.count() == len(builders.PLAN)


def test_add_lines_shows_what_was_typed_and_more_empty_lines_without_saving(client, people):
    application = drafted(people["member"])
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/plan/"
    typed = [{"kind": "cost", "label": "Affiches", "amount": "300"}]
    page = html(client.post(url, plan_post(typed, extra={"more": "1"})))
    assert 'value="Affiches"' in page
    assert 'name="lines-6-label"' in page  # the typed line and six empty ones
    assert application.plan.count() == len(builders.PLAN)  # nothing saved yet


def test_the_plan_no_longer_changes_once_submitted(client, people):
    application = moved(drafted(people["member"]), "submitted")
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/plan/"
    page = text(client.get(url))
    assert "its plan no longer changes once it is sent" in page
    client.post(url, plan_post(OVER_CAP))
    assert application.plan.count() == len(builders.PLAN)


# --- a grant recorded from the page --------------------------------------------------------------


def receivable_balance() -> int:
    return (
        Posting.objects.filter(account__code="Assets:Receivables:Grants", posted=True).aggregate(
            total=Sum("amount_minor")
        )["total"]
        or 0
    )


def test_a_grant_recorded_from_the_page_is_owed_in_the_books_with_its_withheld_share(
    client, people
):
    application = moved(drafted(people["member"]), "submitted")
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/"
    decision = {
        "to": "granted",
        "amount_granted": "6,000",
        "decided_on": "2026-11-02",
        "reasons": "Accordé en commission permanente",
    }
    assert 'value="granted"' not in html(client.get(url))  # the member is not offered the move
    assert client.post(f"{url}stage/", decision).status_code == 403
    assert receivable_balance() == 0
    client.force_login(people["treasurer"])
    response = client.post(f"{url}stage/", decision)
    assert response["Location"] == url
    client.force_login(people["member"])
    application.refresh_from_db()
    assert application.stage == Stage.GRANTED and application.receivable_id
    assert receivable_balance() == 600000
    page = text(client.get(url))
    assert "Still owed by the funder €6,000.00" in page
    assert "Withheld until the final report €1,200.00" in page
    assert "€1,200.00 of the grant is withheld until the funder accepts the final report" in page
    assert "Record a payment" not in page  # treasurers only
    assert f"/budget/books/transactions/{application.receivable_id}/" not in page

    client.force_login(people["treasurer"])
    page = text(client.get(url))
    assert "Record a payment of the funder" in page and "At most €4,800.00" in page
    assert f"/budget/books/transactions/{application.receivable_id}/" in html(client.get(url))
    too_much = client.post(f"{url}payments/", {"amount": "6000", "date": "2026-11-20"})
    assert too_much.status_code == 400 and "of which €1,200.00 waits for the final report" in text(
        too_much
    )
    client.post(f"{url}payments/", {"amount": "4,800", "date": "2026-11-20", "reference": "VIR"})
    assert receivable_balance() == 120000
    client.post(f"{url}report-accepted/", {"on": "2026-11-25"})
    application.refresh_from_db()
    assert application.report_accepted_on == datetime.date(2026, 11, 25)
    client.post(f"{url}payments/", {"amount": "1,200", "date": "2026-11-26"})
    assert receivable_balance() == 0


def test_only_treasurers_record_payments(client, people):
    application = granted(people["member"])
    client.force_login(people["other"])
    response = client.post(
        f"/en/funding/applications/{application.pk}/payments/",
        {"amount": "100", "date": "2026-11-20"},
    )
    assert response.status_code == 403 and receivable_balance() == 600000


def test_closing_asks_the_date_the_final_report_was_accepted(client, people):
    application = moved(granted(people["member"]), "reporting")
    client.force_login(people["member"])
    url = f"/en/funding/applications/{application.pk}/"
    closing = {"to": "closed", "report_accepted_on": "2026-11-25"}
    assert client.post(f"{url}stage/", closing).status_code == 403  # the treasurer's decision
    client.force_login(people["treasurer"])
    response = client.post(f"{url}stage/", {"to": "closed"})
    assert response.status_code == 400 and "This field is required." in text(response)
    client.post(f"{url}stage/", {"to": "closed", "report_accepted_on": "2026-11-25"})
    application.refresh_from_db()
    assert application.stage == Stage.CLOSED
    assert application.report_accepted_on == datetime.date(2026, 11, 25)


def test_the_board_reads_in_a_few_queries_however_many_cards(
    client, people, django_assert_max_num_queries
):
    for number in range(6):
        drafted(people["member"], title=f"Appel {number}")
    client.force_login(people["member"])
    with django_assert_max_num_queries(12):
        assert client.get("/en/funding/pipeline/").status_code == 200

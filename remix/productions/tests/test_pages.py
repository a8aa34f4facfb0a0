"""The productions' pages and API: what a visitor reads, what a steward and a treasurer write,
and what each costs in queries whatever the number of lines."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from remix.api.tests.lists import assert_list_cost_flat
from remix.catalogue.tests.builders import doc
from remix.core.tests.page_queries import page_queries_flat
from remix.productions import services
from remix.productions.models import CostLine, Production
from remix.productions.tests.builders import expense, film, hourly_rate, time_given


def _grow(production, make_user):
    """rows(start, stop): a line, its cost, a person's time and a document per number."""

    def rows(start: int, stop: int) -> None:
        for n in range(start, stop):
            line = services.cost_line_add(
                production=production, category="other", label=f"Poste {n}", amount="100"
            )
            spent = expense(production, f"{90 + n}")
            services.cost_link(production=production, transaction=spent, line=line)
            time_given(production, make_user(f"p{n}"), "2", role=f"Rôle {n}")
            services.document_link(production=production, document=doc(f"Document {n}"))

    return rows


def test_a_production_page_costs_the_same_at_3_lines_as_at_30(client, make_user):
    hourly_rate()
    production = film()
    small, large = page_queries_flat(
        client, production.get_absolute_url(), rows=_grow(production, make_user)
    )
    assert "Poste 2" in small and "Poste 29" in large
    assert "Document 29" in large and "P29" in large


def test_the_list_costs_the_same_at_3_productions_as_at_30(client, make_user):
    def rows(start: int, stop: int) -> None:
        for n in range(start, stop):
            production = film(f"film-{n}")
            services.cost_line_add(production=production, category="other", label="x", amount="5")
            services.cost_link(production=production, transaction=expense(production, "3"))

    small, large = page_queries_flat(client, "/productions/", rows=rows)
    assert "Film film-29" in large


def test_a_visitor_reads_planned_against_actual_in_french(client, db):
    production = film()
    line = services.cost_line_add(
        production=production, category="equipment", label="Caméra", amount="1500"
    )
    services.cost_link(production=production, transaction=expense(production, "1200"), line=line)
    services.document_link(production=production, document=doc("Le film", kind="documentary"))

    page = client.get(production.get_absolute_url()).content.decode()

    assert "1\u202f500,00\xa0€" in page and "1\u202f200,00\xa0€" in page
    assert "-300,00\xa0€" in page
    assert "Le film" in page
    assert "Count a transaction" not in page and "lines/new" not in page


def test_a_steward_adds_a_planned_line_and_a_member_may_not(client, make_user):
    production = film()
    url = f"/productions/{production.slug}/lines/new/"
    form = {"category": "travel", "label": "Train pour Lyon", "amount": "240.50"}

    client.force_login(make_user("amina", roles=["member"]))
    assert client.post(url, form).status_code == 403
    client.force_login(make_user("louise", roles=["member", "steward"]))
    answer = client.post(url, form)

    assert answer.status_code == 302
    line = CostLine.objects.get(production=production)
    assert (line.category, line.label, line.amount_minor) == ("travel", "Train pour Lyon", 24050)
    refused = client.post(url, {**form, "amount": "0"})
    assert refused.status_code == 400
    assert CostLine.objects.count() == 1


def test_a_treasurer_counts_a_transaction_of_the_books_as_a_cost(client, make_user):
    production = film()
    line = services.cost_line_add(production=production, category="other", label="x", amount="9")
    spent = expense(production, "7.25")
    client.force_login(make_user("mateo", roles=["member", "treasurer"]))

    page = client.get(production.get_absolute_url()).content.decode()
    assert "Dépense du film 7.25" in page  # offered in the form
    answer = client.post(
        f"/productions/{production.slug}/costs/new/", {"transaction": spent.pk, "line": line.pk}
    )

    assert answer.status_code == 302
    assert production.costs.get().transaction == spent
    page = client.get(production.get_absolute_url()).content.decode()
    assert "7,25\xa0€" in page


def test_the_api_list_costs_the_same_at_3_as_at_30(client, db):
    def rows(n: int) -> set[int]:
        start = Production.objects.count()
        for number in range(start, start + n):
            production = film(f"film-{number}")
            services.cost_line_add(production=production, category="other", label="x", amount="5")
        return set(Production.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/productions", rows=rows)


def _api_sheet(client, production) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(f"/api/v1/productions/{production.pk}")
    assert answer.status_code == 200, answer.content
    return answer.json(), len(captured.captured_queries)


def test_the_api_sheet_says_what_the_page_says_in_as_many_queries_at_any_size(client, make_user):
    hourly_rate("12")
    production = film()
    grow = _grow(production, make_user)
    grow(0, 2)
    few_sheet, few = _api_sheet(client, production)
    grow(2, 12)
    sheet, many = _api_sheet(client, production)

    assert few == many
    assert len(few_sheet["lines"]) == 2 and len(sheet["lines"]) == 12
    assert sheet["lines"][0] == {
        "label": "Poste 0",
        "category": "other",
        "planned": "100.00",
        "actual": "90.00",
        "difference": "-10.00",
    }
    totals = sheet["totals"]
    assert totals["planned"] == "1200.00"
    assert totals["actual"] == str(sum(90 + n for n in range(12))) + ".00"
    assert totals["hours"] == "24.00" and totals["time_value"] == "288.00"
    assert totals["documents"] == 12
    assert totals["cost_per_document"] == "95.50"  # 1 146 € over 12 documents
    assert client.get("/api/v1/productions/999999").status_code == 404


def test_a_steward_creates_a_production_titled_in_the_page_language(client, make_user):
    from remix.ledger.tests.builders import fund_project

    fund = fund_project("film-fund", "production")
    form = {
        "kind": "film",
        "title": "Le film des communs",
        "starts": "2026-02-01",
        "status": "planned",
        "fund": fund.pk,
    }
    client.force_login(make_user("camille", roles=["member", "editor"]))
    assert client.post("/productions/new/", form).status_code == 403
    client.force_login(make_user("louise", roles=["member", "steward"]))

    answer = client.post("/en/productions/new/", form)

    made = Production.objects.get()
    assert answer.status_code == 302
    assert (made.slug, made.title, made.fund, made.created_by.username) == (
        "le-film-des-communs",
        {"en": "Le film des communs"},
        fund,
        "louise",
    )
    too_soon = client.post("/productions/new/", {**form, "title": "Autre", "ends": "2026-01-01"})
    assert "Une production finit après avoir commencé." in too_soon.content.decode()
    again = client.post("/productions/new/", form)
    assert "Une autre production a déjà cette adresse." in again.content.decode()
    assert Production.objects.count() == 1

from remix.core.demo import demo_load
from remix.productions.models import Production
from remix.productions.selectors import production_sheet


def test_the_demo_film_has_its_budget_costs_time_funding_and_two_documents(db):
    demo_load()
    demo_load()  # a second run adds nothing

    film = Production.objects.get(slug="film-des-communs")
    sheet = production_sheet(film)
    assert [(line.planned_minor, line.actual_minor) for line in sheet.lines] == [
        (150000, 120000),
        (250000, 240000),
        (60000, 0),
        (80000, 65000),
    ]
    assert sheet.totals["planned_minor"] == 540000
    assert sheet.totals["actual_minor"] == 425000
    assert sheet.totals["documents"] == 2
    assert sheet.totals["cost_per_document_minor"] == 212500
    assert sheet.totals["hours_minor"] == 5000
    assert sheet.totals["time_value_minor"] == 60000  # 50 h at the demo's 12 € an hour
    assert [line.source for line in sheet.funding] == ["grant", "own_funds"]
    assert sheet.funding[0].application is not None
    assert Production.objects.count() == 1

"""The experiments' pages and API: what a visitor reads (the chart, its table, the outcome), what a
steward writes, and what a list costs."""

import datetime
from decimal import Decimal

from django.utils import timezone

from remix.api.tests.calls import bearer, get, post, refusal
from remix.api.tests.lists import assert_list_cost_flat
from remix.core.tests.page_queries import page_queries_flat
from remix.experiments.models import Experiment, MetricSnapshot
from remix.experiments.tests.builders import experiment


def _history(found, values):
    for n, value in enumerate(values):
        MetricSnapshot.objects.create(
            experiment=found, date=found.starts + datetime.timedelta(days=n), value=value
        )


def test_a_visitor_reads_the_history_as_a_chart_and_a_table(client, db):
    found = experiment(metric="users-share", target="0.25", days=10)
    _history(found, [Decimal("0.1"), Decimal("0.125"), None])
    page = client.get(found.get_absolute_url()).content.decode()
    assert "La plateforme peut-elle vivre de ses usagers ?" in page
    assert "<svg" in page and 'class="chart-reference chart-target"' in page
    assert "12,5\N{NARROW NO-BREAK SPACE}%" in page or "12,5\xa0%" in page  # the table, in French
    assert "Jours restants" in page or "Days left" in page
    listed = client.get("/experiments/").content.decode()
    assert found.get_absolute_url() in listed


def test_the_list_costs_the_same_at_3_experiments_as_at_30(client, make_user):
    def rows(start: int, stop: int) -> None:
        for n in range(start, stop):
            experiment(question={"fr": f"Question {n}"}, responsible=[make_user(f"p{n}")])

    small, large = page_queries_flat(client, "/experiments/", rows=rows)
    assert "Question 29" in large


def test_a_steward_proposes_starts_and_concludes(client, make_user):
    louise = make_user("louise", roles=["steward"])
    client.force_login(louise)
    today = timezone.localdate()
    answer = client.post(
        "/experiments/new/",
        {
            "question_fr": "Un quart des besoins ?",
            "metric": "users-share",
            "period": "year",
            "comparison": "gte",
            "target": "25",
            "starts": today.isoformat(),
            "deadline": (today + datetime.timedelta(days=90)).isoformat(),
            "responsible": [louise.pk],
        },
    )
    made = Experiment.objects.get()
    assert answer.status_code == 302 and made.target == Decimal("0.25")
    client.post(f"/experiments/{made.pk}/start/")
    made.refresh_from_db()
    assert made.status == "running"
    refused = client.post(f"/experiments/{made.pk}/conclude/", {"conclusion_fr": "Trop tôt"})
    assert refused.status_code == 400  # not decided before its deadline


def test_a_member_may_not_propose(client, make_user):
    client.force_login(make_user("amina", roles=["member"]))
    assert client.get("/experiments/new/").status_code == 403


def test_the_api_lists_the_experiments_and_their_series(client, db):
    found = experiment(metric="recurring-givers", target="40")
    _history(found, [Decimal("3"), Decimal("4")])
    listed = get(client, "/experiments").json()
    assert listed["items"][0]["metric"] == "recurring-givers"
    series = get(client, f"/experiments/{found.pk}/series").json()
    assert series["target"] == "40"
    assert [p["value"] for p in series["points"]] == ["3", "4"]
    indicators = get(client, "/indicators").json()
    assert {"users-share", "reciprocity-spread"} <= {row["name"] for row in indicators}


def test_the_api_list_costs_the_same_at_any_length(client, make_user):
    def rows(n):
        for k in range(n):
            experiment(question={"fr": f"Q{k}"}, responsible=[make_user()])
        return set(Experiment.objects.values_list("pk", flat=True))

    assert_list_cost_flat(client, "/experiments", rows=rows)


def test_a_steward_proposes_through_the_api(client, api_token):
    louise, token = api_token(username="louise", roles=["member", "steward"])
    today = timezone.localdate()
    body = {
        "question": {"fr": "Quarante donateurs ?"},
        "metric": "recurring-givers",
        "target": "40",
        "starts": today.isoformat(),
        "deadline": (today + datetime.timedelta(days=30)).isoformat(),
        "responsible": ["louise"],
    }
    made = post(client, "/experiments", body, **bearer(token))
    assert made.status_code == 201, made.content
    assert made.json()["responsible"] == ["louise"]
    assert made.json()["responsible"] == [louise.username]
    wrong = post(client, "/experiments", {**body, "metric": "nope"}, **bearer(token))
    assert refusal(wrong) == {"metric": "Choisissez un indicateur du registre."}

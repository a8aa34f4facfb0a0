"""The sharing pages: the rule in words in the reader's language, the dry run, the distribution."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from remix.sharing import services
from remix.sharing.models import Distribution, DistributionReversal
from remix.sharing.tests.builders import (
    PERIOD,
    funds,
    hourly_rate,
    income,
    standard_rule,
    time_given,
)

pytestmark = pytest.mark.django_db


def a_world(make_user):
    study, platform, commons = funds()
    hourly_rate()
    time_given(make_user("ana"), study, "3")
    time_given(make_user("bob"), study, "1")
    return standard_rule(study, platform, commons), study, platform


def test_anyone_reads_the_rule_in_french_and_its_earlier_versions(client, make_user):
    rule, _study, platform = a_world(make_user)
    services.rule_revise(
        rule=rule,
        buckets=[
            {"base": "total", "percent": "12.5", "to": "fund", "target": platform.pk},
            {"base": "rest", "to": "contributors"},
        ],
        note="Une part plus grande pour la plateforme",
    )
    page = client.get("/sharing/partage-etudes/").content.decode()
    assert "12,5\N{NO-BREAK SPACE}% du total à la plateforme." in page
    assert "Le reste aux contributeurs, au prorata de leurs contributions valorisées." in page
    assert (
        "Version 1" in page
        and "Une part plus grande pour la plateforme" not in page.split("Versions précédentes")[0]
    )
    listing = client.get("/sharing/").content.decode()
    assert "Partage des études" in listing


def test_the_dry_run_shows_each_part_and_posts_nothing(client, make_user):
    a_world(make_user)
    start, end = PERIOD
    page = client.get(
        f"/sharing/partage-etudes/?amount=1000&start={start}&end={end}"
    ).content.decode()
    for shown in ("100,00\N{NO-BREAK SPACE}€", "50,00\N{NO-BREAK SPACE}€", "637,50", "212,50"):
        assert shown in page
    assert not Distribution.objects.exists()
    page = client.get("/sharing/partage-etudes/?amount=abc").content.decode()
    assert "Saisissez un nombre" in page


def test_a_treasurer_distributes_an_income_and_a_member_may_not(client, make_user):
    rule, study, _platform = a_world(make_user)
    paid = income(study, "400.00")
    body = {
        "d-amount": "400.00",
        "d-date": str(PERIOD[1]),
        "d-start": str(PERIOD[0]),
        "d-end": str(PERIOD[1]),
        "d-income": paid.pk,
    }
    client.force_login(make_user("yasmine", roles=["member"]))
    assert client.post("/sharing/partage-etudes/distribute/", body).status_code == 403
    assert "Distribuer" not in client.get("/sharing/partage-etudes/").content.decode()
    client.force_login(make_user("mateo", roles=["member", "treasurer"]))
    form = client.get("/sharing/partage-etudes/").content.decode()
    assert "Paiement de l&#x27;étude" in form
    response = client.post("/sharing/partage-etudes/distribute/", body)
    assert response.status_code == 302, response.content.decode()[-2000:]
    made = Distribution.objects.get()
    assert (made.income, made.amount_minor, made.version.number) == (paid, 40_000, 1)
    again = client.post("/sharing/partage-etudes/distribute/", body)
    assert again.status_code == 200 and Distribution.objects.count() == 1  # income shared once
    assert rule.pk == made.version.rule_id


def test_the_rule_page_costs_the_same_for_few_and_many_distributions(client, make_user):
    rule, _study, _platform = a_world(make_user)
    version = rule.versions.get()
    counts = []
    for n in (1, 6):
        while Distribution.objects.count() < n:
            services.distribution_record(
                version=version, amount=1_000, date=PERIOD[1], period=PERIOD
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sharing/partage-etudes/").status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_a_treasurer_reverses_a_distribution_from_its_page(client, make_user):
    rule, _study, _platform = a_world(make_user)
    made = services.distribution_record(
        version=rule.versions.get(), amount=1_000, date=PERIOD[1], period=PERIOD
    )
    path = f"/sharing/distributions/{made.pk}/reverse/"
    client.force_login(make_user("yasmine", roles=["member"]))
    assert client.post(path, {"reason": "Erreur"}).status_code == 403
    client.force_login(make_user("mateo", roles=["member", "treasurer"]))
    assert client.post(path, {"reason": ""}).status_code == 302
    assert not DistributionReversal.objects.exists()
    assert client.post(path, {"reason": "Erreur de montant"}).status_code == 302
    page = client.get("/sharing/partage-etudes/").content.decode()
    assert "contrepassé" in page and "Erreur de montant" in page

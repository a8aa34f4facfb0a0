"""The managers' forms of a production's page that link it to what exists elsewhere: a funding
line, a catalogue document it produced, recorded volunteer time given to it."""

from remix.catalogue.tests.builders import doc
from remix.contributions import services as contributions
from remix.contributions.tests.builders import campaign
from remix.core.tests.page_queries import page_queries_flat
from remix.ledger.tests.builders import fund_project
from remix.productions.models import FundingLine
from remix.productions.tests.builders import day, film, hourly_rate
from remix.productions.tests.test_pages import _grow


def _steward(client, make_user):
    client.force_login(make_user("louise", roles=["member", "steward"]))


def _time_recorded(user, fund, hours: str, on: str, description: str, *, record: bool = True):
    declared, _new = contributions.contribution_declare(
        giver=contributions.Giver(user=user),
        fund=fund,
        kind="time",
        amount=hours,
        description=description,
        date=day(on),
    )
    return contributions.contribution_validate(contribution=declared) if record else declared


def test_a_steward_adds_a_funding_line_through_a_campaign_and_a_member_may_not(client, make_user):
    production = film()
    fiesta = campaign(slug="fiesta-du-film")
    url = f"/productions/{production.slug}/funding/new/"
    form = {"source": "campaign", "label": "Financement participatif", "amount": "1250.40"}

    client.force_login(make_user("amina", roles=["member"]))
    assert client.post(url, {**form, "campaign": fiesta.pk}).status_code == 403
    _steward(client, make_user)
    page = client.get(production.get_absolute_url()).content.decode()
    assert "Ajouter une ligne de financement" in page and fiesta.label in page
    answer = client.post(url, {**form, "campaign": fiesta.pk})

    assert answer.status_code == 302
    line = FundingLine.objects.get()
    assert (line.source, line.label, line.amount_minor, line.campaign) == (
        "campaign",
        "Financement participatif",
        125040,
        fiesta,
    )
    page = client.get(production.get_absolute_url()).content.decode()
    assert "Financement participatif" in page and "1\u202f250,40\xa0€" in page


def test_a_bad_funding_line_is_refused_on_its_field(client, make_user):
    production = film()
    fiesta = campaign(slug="fiesta-du-film")
    url = f"/productions/{production.slug}/funding/new/"
    form = {"source": "sales", "label": "Ventes de DVD", "amount": "0"}
    _steward(client, make_user)

    zero = client.post(url, form)
    assert zero.status_code == 400
    assert zero.context["funding_form"].errors.keys() == {"amount"}
    wrong = client.post(url, {**form, "amount": "abc"})
    assert wrong.context["funding_form"].errors.keys() == {"amount"}
    not_a_campaign = client.post(url, {**form, "amount": "80", "campaign": fiesta.pk})
    assert not_a_campaign.status_code == 400
    assert not_a_campaign.context["funding_form"].errors == {
        "campaign": ["Seul l’argent d’une campagne vient d’une campagne."]
    }
    assert FundingLine.objects.count() == 0


def test_a_steward_links_a_document_found_by_title_or_slug(client, make_user):
    production = film()
    doc("Le film des communs, version longue")
    short = doc("Le film des communs, version courte")
    url = f"/productions/{production.slug}/documents/new/"

    client.force_login(make_user("amina", roles=["member"]))
    assert client.post(url, {"document": "version courte"}).status_code == 403
    _steward(client, make_user)
    several = client.post(url, {"document": "film des communs"})
    assert several.status_code == 400
    assert "Plusieurs documents correspondent" in several.content.decode()
    none = client.post(url, {"document": "introuvable"})
    assert list(none.context["document_form"].errors) == ["document"]
    assert client.post(url, {"document": "version courte"}).status_code == 302
    assert client.post(url, {"document": short.slug}).status_code == 302  # again: nothing new

    assert list(production.documents.all()) == [short]
    assert short.title in client.get(production.get_absolute_url()).content.decode()


def test_a_steward_counts_recorded_time_offered_from_the_fund_first(client, make_user):
    hourly_rate("12")
    production = film()
    other_fund = fund_project("autre-projet", "production")
    giver = make_user("ines")
    _time_recorded(giver, other_fund, "5", "2026-04-01", "Montage ailleurs")
    own = _time_recorded(giver, production.fund, "3", "2026-03-01", "Tournage du film")
    _time_recorded(giver, production.fund, "2", "2026-03-02", "Pas validé", record=False)
    url = f"/productions/{production.slug}/time/new/"

    client.force_login(make_user("amina", roles=["member"]))
    assert client.post(url, {"contribution": own.pk}).status_code == 403
    _steward(client, make_user)
    page = client.get(production.get_absolute_url()).content.decode()
    assert page.index("Tournage du film") < page.index("Montage ailleurs")
    assert "Pas validé" not in page
    answer = client.post(url, {"contribution": own.pk, "role": "Cadreuse"})

    assert answer.status_code == 302
    given = production.times.get()
    assert (given.contribution, given.role) == (own, "Cadreuse")
    page = client.get(production.get_absolute_url()).content.decode()
    assert "Cadreuse" in page and "36,00\xa0€" in page
    assert "Tournage du film" not in page and "Montage ailleurs" in page  # counted once only
    assert client.post(url, {"contribution": own.pk}).status_code == 400


def test_the_managers_page_costs_the_same_at_3_rows_as_at_30(client, make_user):
    hourly_rate()
    production = film()
    grow = _grow(production, make_user)

    def rows(start: int, stop: int) -> None:
        grow(start, stop)
        for n in range(start, stop):
            giver = make_user(f"g{n}")
            _time_recorded(giver, production.fund, "1", "2026-03-20", f"Offert {n}")
            campaign(slug=f"campagne-{n}")

    _steward(client, make_user)
    small, large = page_queries_flat(client, production.get_absolute_url(), rows=rows)
    assert "Offert 2" in small and "Offert 29" in large
    assert large.count("Fiesta des communs") == 30  # every campaign offered

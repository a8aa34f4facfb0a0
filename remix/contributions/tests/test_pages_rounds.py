"""The matching rounds' pages: the list, the live page, giving as a verified member, closing."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from remix.accounts.tests.clients import SecondFactorClient
from remix.contributions import services
from remix.contributions.models import Pledge, RoundStatus
from remix.contributions.tests import builders

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def en(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"contributions:{name}", kwargs=kwargs)


def client_for(user=None) -> Client:
    client = SecondFactorClient()
    if user is not None:
        client.force_login(user)
    return client


def text(response) -> str:
    """The page's words, without tags and with spaces made plain."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", body.replace("\xa0", " ").replace("\u202f", " "))


def gifts(round_, project, people, amount, *, on=None):
    for person in people:
        services.payment_record(
            amount=amount,
            date=on or TODAY(),
            giver=builders.giver(person),
            round_project=project,
        )


@pytest.fixture
def members(make_user):
    return [builders.verified(make_user(f"member{i}", roles=["member"])) for i in range(4)]


@pytest.fixture
def live(members):
    """An open round: four people give 25 to the fiesta, one gives 100 to the review."""
    round_ = builders.round_(
        pool="1000", cap_share=Decimal("0.6"), slug="matching-2026", remainder="share"
    )
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    revue = services.round_project_add(round=round_, fund=builders.fund("revue-2026"))
    gifts(round_, fiesta, members, "25")
    gifts(round_, revue, members[:1], "100")
    return round_, fiesta, revue


@pytest.mark.dated
def test_the_list_shows_open_and_closed_rounds_with_funder_pool_and_window(live, members):
    closed = builders.round_(
        pool="500", slug="matching-2025", opens=TODAY() - 40 * DAY, closes=TODAY() - 10 * DAY
    )
    services.round_close(round=closed)
    page = client_for().get(en("rounds"))
    assert page.status_code == 200
    words = text(page)
    running, ended = words.split("Closed rounds")
    assert "Matching 2026" in running and "Open until" in running
    assert "Métropole de Lyon" in running and "€1,000" in running and "Projects 2" in running
    assert "Closed on" in ended and "€500" in ended
    assert f'href="{en("round", slug="matching-2026")}"' in page.content.decode()


def test_the_live_page_explains_each_projects_estimated_match(live):
    round_, fiesta, revue = live
    page = client_for().get(en("round", slug=round_.slug))
    assert page.status_code == 200
    words = text(page)
    assert "Métropole de Lyon" in words and "Pool €1,000" in words
    assert "60% of the pool: at most €600 for one project" in words
    # Four givers of 25 against one of 100: the same total, only the breadth earns a match.
    assert "Gifts €100 Givers 4 Estimated match €600 capped" in words
    assert "4 people gave €100.00; their breadth earns €600.00." in words
    assert "Gifts €100 Givers 1 Estimated match €0" in words
    assert "One person gave €100.00." in words
    assert "Many small gifts weigh more than one large one" in words
    assert "One person, one voice" in words and "(√c₁ + √c₂ + … + √cₙ)²" in words
    assert "Log in to give" in words and 'name="project"' not in page.content.decode()


def test_a_verified_member_pledges_to_a_project_and_lands_on_the_pledge(live, members):
    round_, fiesta, _revue = live
    client = client_for(members[1])
    page = client.get(en("round", slug=round_.slug))
    html = page.content.decode()
    assert html.count('name="project"') == 2
    key = re.search(rf'name="p{fiesta.pk}-key" value="([^"]+)"', html).group(1)
    data = {
        "project": fiesta.pk,
        f"p{fiesta.pk}-amount": "12,50",
        f"p{fiesta.pk}-visibility": "public",
        f"p{fiesta.pk}-key": key,
    }
    response = client.post(en("round_give", slug=round_.slug), data)
    pledge = Pledge.objects.get(round_project=fiesta)
    assert response.status_code == 302
    assert response["Location"] == en("pledge", reference=pledge.reference.replace(" ", ""))
    assert (pledge.user, pledge.amount_minor, pledge.visibility, pledge.frequency) == (
        members[1],
        1250,
        "public",
        "once",
    )
    assert pledge.fund.slug == "fiesta-2026"
    # The button pressed twice: one pledge.
    again = client.post(en("round_give", slug=round_.slug), data)
    assert again["Location"] == response["Location"]
    assert Pledge.objects.filter(round_project=fiesta).count() == 1


def test_a_bad_amount_is_said_next_to_the_field(live, members):
    round_, fiesta, _revue = live
    response = client_for(members[1]).post(
        en("round_give", slug=round_.slug),
        {"project": fiesta.pk, f"p{fiesta.pk}-amount": "0", f"p{fiesta.pk}-visibility": "amount"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field field-invalid"' in html and "Type a positive amount." in html
    assert not Pledge.objects.exists()


def test_an_unverified_member_sees_why_and_cannot_give(live, make_user):
    round_, fiesta, _revue = live
    someone = make_user("newcomer", roles=["member"])
    client = client_for(someone)
    page = client.get(en("round", slug=round_.slug))
    assert "Your account is not verified yet" in text(page)
    assert 'name="project"' not in page.content.decode()
    response = client.post(
        en("round_give", slug=round_.slug),
        {"project": fiesta.pk, f"p{fiesta.pk}-amount": "10", f"p{fiesta.pk}-visibility": "amount"},
    )
    assert response.status_code == 200
    assert "Only verified member accounts give in a matching round" in text(response)
    assert not Pledge.objects.exists()


def test_a_project_of_another_round_is_not_found(live, members):
    round_, _fiesta, _revue = live
    other = builders.round_(slug="other")
    elsewhere = services.round_project_add(round=other, fund=builders.fund("elsewhere"))
    response = client_for(members[1]).post(
        en("round_give", slug=round_.slug),
        {"project": elsewhere.pk, f"p{elsewhere.pk}-amount": "10"},
    )
    assert response.status_code == 404


@pytest.mark.dated
def test_a_treasurer_closes_the_round_after_its_window(members, make_user):
    round_ = builders.round_(
        pool="1000",
        cap_share=Decimal("0.6"),
        opens=TODAY() - 20 * DAY,
        closes=TODAY() - DAY,
        remainder="share",
    )
    fiesta = services.round_project_add(round=round_, fund=builders.fund("fiesta-2026"))
    gifts(round_, fiesta, members, "25", on=TODAY() - 5 * DAY)
    treasurer = make_user("tresoriere", roles=["treasurer"])

    assert "Close the round" not in text(client_for(members[0]).get(en("round", slug=round_.slug)))
    client = client_for(treasurer)
    page = client.get(en("round", slug=round_.slug))
    assert "Close the round and move the matches" in text(page)
    assert "Estimated match" in text(page)
    assert client_for(members[0]).post(en("round_close", slug=round_.slug)).status_code == 403

    response = client.post(en("round_close", slug=round_.slug), follow=True)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.CLOSED
    words = text(response)
    assert "The round is closed" in words and "Close the round and move" not in words
    assert "Match €600 capped" in words and "Estimated match" not in words
    assert "Final figures" in words


def test_no_close_button_while_the_round_runs(live, make_user):
    round_, _fiesta, _revue = live
    client = client_for(make_user("tresoriere", roles=["treasurer"]))
    assert "Close the round" not in text(client.get(en("round", slug=round_.slug)))
    response = client.post(en("round_close", slug=round_.slug), follow=True)
    assert "This round counts gifts until" in text(response)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN


def test_the_pages_carry_no_inline_script_or_style(live, members):
    round_, _fiesta, _revue = live
    for client in (client_for(), client_for(members[0])):
        for url in (en("rounds"), en("round", slug=round_.slug)):
            html = client.get(url).content.decode()
            assert "style=" not in html and "<style" not in html
            assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_the_pages_speak_french_at_the_root(live):
    round_, _fiesta, _revue = live
    page = Client().get(f"/contribute/rounds/{round_.slug}/")
    assert page.status_code == 200 and '<html lang="fr">' in page.content.decode()


def test_a_closed_round_says_what_was_given_not_given_so_far(live):
    closed = builders.round_(
        pool="500", slug="matching-2025", opens=TODAY() - 40 * DAY, closes=TODAY() - 10 * DAY
    )
    services.round_close(round=closed)
    round_, _fiesta, _revue = live

    french = Client().get(f"/contribute/rounds/{closed.slug}/").content.decode()
    running = Client().get(f"/contribute/rounds/{round_.slug}/").content.decode()

    assert "<dt>Donné</dt>" in french and "Donné à ce jour" not in french
    assert "<dt>Donné à ce jour</dt>" in running

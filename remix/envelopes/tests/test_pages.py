"""The contributive budget's pages: public requests and threads, the over-subscription said
plainly, the forms refused on their fields, the treasurer's closing; in a fixed number of
queries."""

import pytest

from remix.core.demo import demo_load
from remix.core.tests.page_queries import page_queries_flat
from remix.envelopes import selectors, services
from remix.envelopes.models import Envelope, Request, Status
from remix.envelopes.tests.builders import ask, envelope

pytestmark = pytest.mark.django_db


def test_the_page_says_by_how_much_the_requests_exceed_the_envelope(client, make_user):
    documentation = envelope()
    ask(documentation, make_user("amina"), "3", "650")
    ask(documentation, make_user("camille"), "2.5", "500")
    ask(documentation, make_user("louise"), "2", "450")

    page = client.get(f"/envelopes/{documentation.pk}/").content.decode()

    assert "Enveloppe dépassée." in page
    assert (
        "Les demandes totalisent 1\u202f600,00\xa0€ pour une enveloppe de 1\u202f500,00\xa0€"
        in page
    )
    assert "100,00\xa0€ de plus" in page
    assert "609,38\xa0€" in page  # what proportional reduction would grant Amina now
    listed = client.get("/envelopes/").content.decode()
    assert "100,00\xa0€ au-delà de l’enveloppe" in listed


def test_a_member_asks_on_the_page_and_a_request_out_of_range_is_shown_on_its_field(
    client, make_user
):
    documentation = envelope()
    client.force_login(make_user("amina"))

    refused = client.post(
        f"/envelopes/{documentation.pk}/ask/", {"what": "Le guide", "days": "3", "amount": "900"}
    )
    made = client.post(
        f"/envelopes/{documentation.pk}/ask/", {"what": "Le guide", "days": "3", "amount": "650"}
    )

    assert refused.status_code == 200
    assert "demandez entre 450,00\xa0€ et 750,00\xa0€" in refused.content.decode()
    assert made.status_code == 302
    assert Request.objects.get().asked_minor == 65_000


def test_a_question_is_rendered_as_sanitised_markdown(client, make_user):
    guide = ask(envelope(), make_user("amina"), "3", "700")
    client.force_login(make_user("yasmine"))

    client.post(
        f"/envelopes/requests/{guide.pk}/comment/",
        {"body": "Pourquoi **700 €** ? <script>alert(1)</script>"},
    )

    page = client.get(f"/envelopes/{guide.envelope_id}/").content.decode()
    assert "<strong>700 €</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_only_the_requester_amends_and_the_versions_stay_on_the_page(client, make_user):
    amina = make_user("amina")
    guide = ask(envelope(), amina, "3", "700", what="Premier jet du guide")
    client.force_login(make_user("camille"))
    assert client.post(f"/envelopes/requests/{guide.pk}/amend/").status_code == 403

    client.force_login(amina)
    client.post(
        f"/envelopes/requests/{guide.pk}/amend/", {"what": "Le guide", "days": "3", "amount": "650"}
    )

    page = client.get(f"/envelopes/{guide.envelope_id}/").content.decode()
    assert "Modifiée : voir ses 2 versions" in page and "Premier jet du guide" in page


def test_a_treasurer_closes_on_the_page_and_the_outcome_stays_public(client, make_user):
    documentation = envelope()
    for name, days, amount in (
        ("amina", "3", "650"),
        ("camille", "2.5", "500"),
        ("louise", "2", "450"),
    ):
        ask(documentation, make_user(name), days, amount)
    client.force_login(make_user("mateo", roles=["treasurer"]))

    closed = client.post(f"/envelopes/{documentation.pk}/close/", {"rule": "proportional"})

    assert closed.status_code == 302
    assert Envelope.objects.get().status == Status.CLOSED
    client.logout()
    page = client.get(f"/envelopes/{documentation.pk}/").content.decode()
    assert "Clôturée le" in page and "réduction proportionnelle" in page
    assert "609,38\xa0€" in page and "468,75\xa0€" in page and "421,87\xa0€" in page
    assert 'action="/envelopes/' not in page  # no form left on a closed envelope


def test_agreed_amounts_on_the_page_need_one_per_request(client, make_user):
    documentation = envelope()
    guide = ask(documentation, make_user("amina"), "3", "650")
    client.force_login(make_user("mateo", roles=["treasurer"]))

    missing = client.post(f"/envelopes/{documentation.pk}/close/", {"rule": "agreed"})
    over = client.post(
        f"/envelopes/{documentation.pk}/close/", {"rule": "agreed", f"agreed_{guide.pk}": "1600"}
    )

    assert "Donnez le montant convenu en réunion." in missing.content.decode()
    assert "plus que les 1\u202f500,00\xa0€ de l’enveloppe" in over.content.decode()
    assert Envelope.objects.get().status == Status.OPEN


def test_the_envelope_page_costs_the_same_with_2_requests_as_with_6(client, make_user):
    documentation = envelope()
    critic = make_user("critique")

    def rows(start, stop):
        for n in range(start, stop):
            made = ask(documentation, make_user(f"c{n}"), "1", "200")
            services.comment_write(request=made, body="Pourquoi ?", author=critic)

    small, large = page_queries_flat(
        client, f"/envelopes/{documentation.pk}/", rows=rows, small=2, large=6
    )
    assert large.count('class="card request"') == 6


def test_the_demo_envelope_is_in_progress_a_little_over_subscribed(db):
    demo_load()
    demo_load()  # twice is once

    documentation = selectors.envelope_detail().get()
    said = selectors.envelope_subscription(documentation)
    assert documentation.status == Status.OPEN and len(documentation.requests.all()) == 3
    assert (said.asked, said.excess) == (160_000, 10_000)
    guide = Request.objects.get(requester__username="amina")
    assert guide.comments.count() == 2 and guide.versions.count() == 2


def test_the_list_of_envelopes_costs_the_same_with_2_as_with_6(client, make_user):
    amina = make_user("amina")

    def rows(start, stop):
        for n in range(start, stop):
            ask(envelope(title=f"Enveloppe {n:02}"), amina, "1", "200")

    _small, large = page_queries_flat(client, "/envelopes/", rows=rows, small=2, large=6)
    assert large.count('class="card"') == 6 and "Enveloppe 05" in large


def test_a_treasurer_opens_an_envelope_on_the_page_in_the_funds_currency(client, make_user):
    from remix.ledger.models import Account, Fund

    client.force_login(make_user("mateo", roles=["treasurer"]))
    form = {
        "title": "Traductions d'hiver",
        "fund": Fund.objects.get(slug="plateforme").pk,
        "expense_account": Account.objects.get(code="Expenses:Translation").pk,
        "amount": "900,00",
        "day_min": "120",
        "day_max": "100",
    }

    refused = client.post("/envelopes/new/", form)
    opened = client.post("/envelopes/new/", {**form, "day_max": "200"})

    assert "Le maximum par jour ne peut pas être inférieur au minimum." in refused.content.decode()
    made = Envelope.objects.get()
    assert opened.status_code == 302 and opened["Location"] == f"/envelopes/{made.pk}/"
    assert (made.amount_minor, made.day_min_minor, made.commodity) == (90_000, 12_000, "EUR")

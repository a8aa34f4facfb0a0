"""The funding search page: each filter, the order by deadline, saved searches; an opportunity's
page and who sees which applications on it; who may add or edit an opportunity."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from remix.allies.models import Actor, Theme
from remix.grants import selectors, services
from remix.grants.models import Funder, Opportunity, SavedSearch
from remix.grants.selectors.opportunities import OpportunityFilter
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db

SEARCH = "/en/funding/"


def titles(**filters) -> list[str]:
    found = selectors.opportunities.opportunities_search(filters=OpportunityFilter(**filters))
    return [opportunity.title for opportunity in found]


def page_titles(client, query: str = "") -> list[str]:
    response = client.get(f"{SEARCH}?{query}")
    assert response.status_code == 200
    return [row.opportunity.title for row in response.context["rows"]]


@pytest.fixture
def calls():
    """A region's call in 10 days, a foundation's in 45, a European one in 80, a sponsorship
    without a deadline, and a call closed last week."""
    region = builders.funder()
    foundation = builders.funder("Fondation des Communs", "foundation")
    europe = builders.funder("Commission européenne", "european")
    company = builders.funder("Coop Mécénat", "company")
    commons, ess = (
        Theme.objects.create(code="communs-numeriques", labels={"en": "digital commons"}),
        Theme.objects.create(code="ess", labels={"en": "social economy"}),
    )
    fiesta, platform = builders.fund("fiesta-2026"), builders.fund("plateforme-test")
    made = {
        "region": builders.opportunity(
            title="Appel ESS régional",
            funder=region,
            days=10,
            territory="FR",
            amount_min_minor=500000,
            amount_max_minor=3000000,
            themes=[ess],
            funds=[fiesta],
        ),
        "foundation": builders.opportunity(
            title="Fonds pour les communs",
            funder=foundation,
            days=45,
            kind="call_commons",
            amount_typical_minor=1500000,
            themes=[commons],
            funds=[platform],
        ),
        "europe": builders.opportunity(
            title="Horizon communs",
            funder=europe,
            days=80,
            kind="grant",
            territory="EU",
            amount_min_minor=5000000,
            themes=[commons, ess],
        ),
        "sponsor": builders.opportunity(
            title="Mécénat de compétences", funder=company, days=0, kind="sponsorship"
        ),
        "closed": builders.opportunity(title="Appel clos", funder=region, days=-7, territory="FR"),
    }
    services.opportunity_save(
        funder=company, data={"deadline": None}, opportunity=made["sponsor"]
    )  # open all year
    return made


@pytest.mark.dated
def test_open_calls_come_soonest_deadline_first_those_without_one_last_past_ones_hidden(calls):
    assert titles() == [
        "Appel ESS régional",
        "Fonds pour les communs",
        "Horizon communs",
        "Mécénat de compétences",
    ]


def test_past_deadlines_show_when_asked(calls):
    assert titles(window="all")[0] == "Appel clos"


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("30", ["Appel ESS régional"]),
        ("60", ["Appel ESS régional", "Fonds pour les communs"]),
        ("90", ["Appel ESS régional", "Fonds pour les communs", "Horizon communs"]),
    ],
)
def test_the_deadline_window(calls, window, expected):
    assert titles(window=window) == expected


def test_kind_of_call(calls):
    assert titles(kind="call_commons") == ["Fonds pour les communs"]


def test_kind_of_funder(calls):
    assert titles(funder_kind="european") == ["Horizon communs"]
    assert titles(funder_kind="local_authority") == ["Appel ESS régional"]


def test_territory_finds_the_calls_open_anywhere_too(calls):
    assert titles(territory="FR") == [
        "Appel ESS régional",
        "Fonds pour les communs",
        "Mécénat de compétences",
    ]
    assert "Appel ESS régional" not in titles(territory="EU")


def test_theme(calls):
    assert titles(theme="communs-numeriques") == ["Fonds pour les communs", "Horizon communs"]


def test_amount_in_the_range_or_covered_by_the_typical_amount(calls):
    # 12 000 €: in the region's 5 000–30 000 €, under the foundation's typical 15 000 €;
    # below Europe's minimum; the sponsorship says no amount.
    assert titles(amount=Decimal("12000")) == ["Appel ESS régional", "Fonds pour les communs"]
    assert titles(amount=Decimal("60000")) == ["Horizon communs"]
    assert titles(amount=Decimal("12000"), currency="XOF") == []


def test_fit_with_a_project(calls):
    assert titles(fund="plateforme-test") == ["Fonds pour les communs"]


def test_words_in_the_title_or_the_funder_s_name(calls):
    assert titles(q="fondation") == ["Fonds pour les communs"]
    assert titles(q="horizon") == ["Horizon communs"]


def test_the_page_reads_its_filters_from_the_query_string(client, calls):
    assert page_titles(client, "theme=ess&window=90") == ["Appel ESS régional", "Horizon communs"]
    assert page_titles(client, "amount=12+000&funder_kind=foundation") == ["Fonds pour les communs"]
    assert page_titles(client, "window=all")[0] == "Appel clos"


def test_a_filter_that_does_not_parse_is_said_and_the_others_apply(client, calls):
    response = client.get(f"{SEARCH}?amount=lots&kind=call_commons")
    assert [row.opportunity.title for row in response.context["rows"]] == ["Fonds pour les communs"]
    assert response.context["form"].errors["amount"]


def test_each_row_says_the_funder_amounts_deadline_and_rules_in_short(client, calls):
    builders.opportunity(
        title="Appel aux communs 2027",
        funder=builders.funder("Fondation des Communs", "foundation"),
        days=20,
        max_share="0.6",
        withheld="0.2",
        volunteer_time_counts=True,
        amount_min_minor=200000,
        amount_max_minor=1000000,
    )
    page = client.get(f"{SEARCH}?q=2027").content.decode()
    assert "Appel aux communs 2027" in page
    assert "Fondation des Communs" in page
    assert "€2,000 – €10,000" in page
    assert "in 20 days" in page
    assert "60% max of the total cost" in page
    assert "20% paid after the final report" in page
    assert "valued volunteer time accepted" in page


def test_the_rules_in_french():
    opportunity = builders.opportunity(max_share="0.6", withheld="0.125")
    with translation.override("fr"):
        rules = selectors.opportunities.opportunity_rules(opportunity)
    assert rules[0].startswith("60\xa0%")
    assert rules[1].startswith("12,5\xa0%")


def test_the_funding_area_leads_to_the_search(client):
    page = client.get("/en/").content.decode()
    assert f'href="{SEARCH}"' in page


# --- saved searches ------------------------------------------------------------------------------


def test_a_member_saves_the_current_filters_and_finds_them_as_a_link(client, make_user, calls):
    member = make_user("coordinatrice", roles=["member"])
    client.force_login(member)
    response = client.post(
        reverse("grants:saved_searches"),
        {"name": "ESS en 90 jours", "query": "theme=ess&window=90&page=3&bogus=1"},
    )
    saved = SavedSearch.objects.get(user=member)
    assert saved.query == "theme=ess&window=90"  # known filters only, as the page reads them
    assert response.url == f"{reverse('grants:search')}?theme=ess&window=90"
    page = client.get(SEARCH).content.decode()
    assert 'href="/en/funding/?theme=ess&amp;window=90">ESS en 90 jours</a>' in page
    # The same name replaces the filters.
    again = {"name": "ESS en 90 jours", "query": "kind=prize"}
    client.post(reverse("grants:saved_searches"), again)
    assert list(SavedSearch.objects.filter(user=member).values_list("query", flat=True)) == [
        "kind=prize"
    ]


def test_a_saved_search_is_deleted_by_its_owner_only(client, make_user):
    owner, other = make_user(roles=["member"]), make_user(roles=["member"])
    mine = services.saved_search_save(user=owner, name="Prix", query="kind=prize")
    client.force_login(other)
    client.post(reverse("grants:saved_searches"), {"delete": mine.pk})
    assert SavedSearch.objects.filter(pk=mine.pk).exists()
    client.force_login(owner)
    client.post(reverse("grants:saved_searches"), {"delete": mine.pk})
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()


def test_a_visitor_must_log_in_to_save_a_search(client):
    response = client.post(reverse("grants:saved_searches"), {"name": "x", "query": ""})
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not SavedSearch.objects.exists()
    assert "My saved searches" not in client.get(SEARCH).content.decode()


# --- an opportunity's page -----------------------------------------------------------------------


def _application(opportunity, fund, owner, to_stage):
    application = services.application_create(
        opportunity=opportunity, fund=fund, owner=owner, amount_requested="6000"
    )
    services.plan_set(application=application, lines=builders.PLAN)
    for stage in ("qualified", "drafting", "submitted", "granted"):
        extra = {"amount_granted": "6000"} if stage == "granted" else {}
        application = services.application_stage(application=application, to=stage, **extra)
        if stage == to_stage:
            return application
    return application


def test_visitors_see_granted_applications_members_see_those_being_drafted_too(client, make_user):
    member = make_user("coordinatrice", roles=["member"])
    region = builders.funder(slug="region-auvergne-rhone-alpes")
    opportunity = builders.opportunity(
        title="Appel ESS 2027", notes="**Dossier** en ligne", territory="FR", funder=region
    )
    _application(opportunity, builders.fund("fiesta-2026"), member, "granted")
    _application(opportunity, builders.fund("projet-brouillon"), member, "drafting")
    url = f"/en/funding/opportunities/{opportunity.slug}/"

    visitor_page = client.get(url).content.decode()
    assert "fiesta-2026" in visitor_page and "€6,000 granted" in visitor_page
    assert "projet-brouillon" not in visitor_page
    assert "<strong>Dossier</strong> en ligne" in visitor_page  # the notes, in Markdown
    assert reverse("allies:actor", kwargs={"slug": opportunity.funder.actor.slug}) in visitor_page
    assert 'name="amount_requested"' not in visitor_page  # no answer form for visitors

    client.force_login(member)
    member_page = client.get(url).content.decode()
    assert "projet-brouillon" in member_page and "Drafting" in member_page
    assert f'action="{reverse("grants:application_new", kwargs={"slug": opportunity.slug})}"' in (
        member_page
    )
    assert 'name="amount_requested"' in member_page and 'name="fund"' in member_page


def test_an_opportunity_s_page_says_everything_about_it(client):
    fund = builders.fund("fiesta-2026")
    opportunity = builders.opportunity(
        title="Appel aux communs",
        max_share="0.6",
        withheld="0.2",
        recurrence="yearly",
        beneficiary_types=["association", "scic"],
        funds=[fund],
        decision_on=datetime.date(2027, 6, 1),
    )
    page = client.get(f"/en/funding/opportunities/{opportunity.slug}/").content.decode()
    for expected in (
        "60% max of the total cost",
        "20% paid after the final report",
        "Every year",
        "Association",
        "Multi-stakeholder cooperative (SCIC)",
        "fiesta-2026",
        "Decision expected",
    ):
        assert expected in page


# --- adding and editing --------------------------------------------------------------------------


FORM = {
    "funder": "Fondation Crédit Coopératif",
    "funder_kind": "foundation",
    "title": "Prix de l'initiative en ESS",
    "url": "https://example.org/prix",
    "kind": "prize",
    "currency": "EUR",
    "amount_min": "1000",
    "amount_max": "10 000",
    "max_share": "60",
    "withheld_share": "",
    "territory": "FR",
    "deadline_on": "2027-04-30",
    "deadline_time": "",
    "recurrence": "yearly",
    "notes": "Candidature en ligne.",
}


def test_visitors_cannot_add_or_edit_an_opportunity(client, make_user):
    opportunity = builders.opportunity()
    new, edit = (
        reverse("grants:opportunity_new"),
        reverse("grants:opportunity_edit", kwargs={"slug": opportunity.slug}),
    )
    assert "/accounts/login/" in client.get(new).url
    assert "/accounts/login/" in client.post(edit, FORM).url
    outsider = make_user()
    outsider.groups.clear()  # signed up, then no longer a member
    client.force_login(outsider)
    assert client.get(new).status_code == 403
    assert client.post(edit, FORM).status_code == 403
    assert Opportunity.objects.count() == 1


def test_a_member_adds_an_opportunity_and_its_funder_joins_the_allies(client, make_user):
    member = make_user(roles=["member"])
    client.force_login(member)
    assert client.get(reverse("grants:opportunity_new")).status_code == 200
    response = client.post(reverse("grants:opportunity_new"), FORM)
    opportunity = Opportunity.objects.get()
    assert response.url == reverse("grants:opportunity", kwargs={"slug": opportunity.slug})
    assert opportunity.created_by == member
    assert (opportunity.amount_min_minor, opportunity.amount_max_minor) == (100000, 1000000)
    assert opportunity.max_share == Decimal("0.6")
    local = timezone.localtime(opportunity.deadline)
    assert (local.date(), local.hour, local.minute) == (datetime.date(2027, 4, 30), 23, 59)
    actor = Actor.objects.get(name="Fondation Crédit Coopératif")
    assert actor.funder.kind == "foundation" and actor.kind == "funder"


def test_a_funder_already_among_the_allies_is_found_by_its_name(client, make_user):
    known = builders.funder("Région Auvergne-Rhône-Alpes", "local_authority")
    actor_without_funder = Actor.objects.create(
        name="Ville de Lyon", slug="ville-de-lyon", kind="public_authority"
    )
    client.force_login(make_user(roles=["member"]))
    client.post(
        reverse("grants:opportunity_new"),
        {**FORM, "funder": "région auvergne-rhône-alpes", "funder_kind": "local_authority"},
    )
    client.post(
        reverse("grants:opportunity_new"),
        {
            **FORM,
            "title": "Fonds Lyon",
            "funder": "Ville de Lyon",
            "funder_kind": "local_authority",
        },
    )
    assert Opportunity.objects.get(title=FORM["title"]).funder == known
    assert Opportunity.objects.get(title="Fonds Lyon").funder.actor == actor_without_funder
    assert Actor.objects.count() == 2 and Funder.objects.count() == 2


def test_a_member_edits_an_opportunity_and_a_bad_form_writes_nothing(client, make_user):
    opportunity = builders.opportunity(title="Appel ESS 2027", amount_max_minor=2000000)
    edit = reverse("grants:opportunity_edit", kwargs={"slug": opportunity.slug})
    client.force_login(make_user(roles=["member"]))
    page = client.get(edit).content.decode()
    assert 'value="Appel ESS 2027"' in page and 'value="20000"' in page
    bad = client.post(edit, {**FORM, "amount_min": "50 000", "amount_max": "10 000"})
    assert bad.status_code == 400
    assert Opportunity.objects.get().title == "Appel ESS 2027"
    client.post(edit, {**FORM, "title": "Appel ESS 2027 (2e vague)", "funder": "Région"})
    opportunity.refresh_from_db()
    assert opportunity.title == "Appel ESS 2027 (2e vague)"
    assert opportunity.slug == "appel-ess-2027"  # its address stays


# --- the import page -----------------------------------------------------------------------------


CSV = (
    "funder,funder_kind,title,kind,amount_max,deadline\n"
    "Fondation des Communs,foundation,Fonds communs 2027,call_commons,20000,2027-05-31\n"
    "Région Sud,local_authority,Appel ESS Sud,call_projects,abc,2027-05-31\n"
)


def test_editors_and_treasurers_import_members_cannot(client, make_user):
    client.force_login(make_user(roles=["member"]))
    assert client.get(reverse("grants:import")).status_code == 403
    for role in ("editor", "treasurer"):
        client.force_login(make_user(roles=[role]))
        assert client.get(reverse("grants:import")).status_code == 200


def test_the_import_page_shows_the_refusal_with_its_line_then_the_result(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user(roles=["editor"]))
    refused = client.post(
        "/en/funding/import/",
        {"file": SimpleUploadedFile("calls.csv", CSV.encode(), content_type="text/csv")},
    )
    assert refused.status_code == 400
    assert "Line 3: « abc » is not a number." in refused.content.decode()
    assert not Opportunity.objects.exists()
    good = CSV.replace("abc", "15000")
    done = client.post(
        "/en/funding/import/",
        {"file": SimpleUploadedFile("calls.csv", good.encode(), content_type="text/csv")},
    )
    assert "2 opportunities created, 0 updated." in done.content.decode()
    assert Opportunity.objects.count() == 2

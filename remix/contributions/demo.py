"""The demo's gifts: members' recurring pledges, time and in kind, a running crowdfunding campaign
for the fiesta, and a matching round funded by a local authority, closed last month.

Everything goes through the services, dated from today, before the ledger's demo closes its
reconciled months (its loader runs last). Amounts are illustrative.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from remix.accounts.models import Role, User
from remix.allies.models import Actor
from remix.contributions import schedule
from remix.contributions.models import (
    Campaign,
    Contribution,
    Pledge,
    ReceiptIssuer,
    Round,
    RoundRemainder,
)
from remix.contributions.schedule import add_months
from remix.contributions.selectors.pledges import pledge_schedule
from remix.contributions.services.campaigns import (
    campaign_create,
    campaign_update_post,
    stretch_goal_add,
    tier_add,
)
from remix.contributions.services.ceilings import ceiling_set
from remix.contributions.services.common import Giver
from remix.contributions.services.declarations import contribution_declare, contribution_validate
from remix.contributions.services.payments import payment_record
from remix.contributions.services.pledges import pledge_create, pledge_pause
from remix.contributions.services.receipts import receipt_issue, receipt_issuer_set
from remix.contributions.services.rounds import round_close, round_create, round_project_add
from remix.core.demo import demo_loader
from remix.ledger import services as ledger
from remix.ledger.models import Fund, FundKind

# More people of the network, so that a round and a campaign have a crowd. They cannot log in.
GIVERS = [
    ("awa", "Awa Ndiaye", "fr"),
    ("lucia", "Lucía Fernández", "es"),
    ("kofi", "Kofi Mensah", "en"),
    ("sophie", "Sophie Martin", "fr"),
    ("moussa", "Moussa Diop", "fr"),
    ("elena", "Elena Torres", "es"),
    ("nadia", "Nadia Benali", "fr"),
    ("jonas", "Jonas Weber", "en"),
    ("ines", "Inés Rojas", "es"),
    ("paul", "Paul Girard", "fr"),
    ("fatou", "Fatou Sarr", "fr"),
    ("diego", "Diego Morales", "es"),
]
# Not checked yet as one real person: their gifts do not count in a round.
UNVERIFIED = {"diego"}
UNPAID_DAYS = 42  # amina's silence: see _pledges

# The pool passes through a fund of its own: the platform's own figures do not count a grant that
# only goes through it to the projects.
POOL = {
    "slug": "abondement-ville-de-lyon",
    "kind": FundKind.OTHER,
    "name": {
        "fr": "Enveloppe d'abondement de la Ville de Lyon",
        "en": "City of Lyon matching pool",
        "es": "Bolsa de contrapartida de la Ciudad de Lyon",
    },
    "description": {
        "fr": "Reçue de la Ville, répartie entre les projets à la clôture du tour. "
        "Montants illustratifs.",
        "en": "Received from the City, shared among the projects when the round closed. "
        "Illustrative amounts.",
        "es": "Recibida de la Ciudad, repartida entre los proyectos al cierre de la ronda. "
        "Importes ilustrativos.",
    },
}

MEETING = {
    "slug": "rencontre-semences",
    "kind": FundKind.MEETING,
    "name": {
        "fr": "Rencontre des semences libres",
        "en": "Free seeds gathering",
        "es": "Encuentro de semillas libres",
    },
    "description": {
        "fr": "Deux jours d'échanges de semences et de savoirs paysans. Montants illustratifs.",
        "en": "Two days of seed and farming know-how swaps. Illustrative amounts.",
        "es": "Dos días de intercambio de semillas y saberes campesinos. Importes ilustrativos.",
    },
}


def _people() -> dict[str, User]:
    member = Group.objects.get(name=Role.MEMBER)
    people = {}
    for username, display_name, language in GIVERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"display_name": display_name, "language": language}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(member)
        people[username] = user
    for username in ("amina", "camille", "mateo", "louise"):
        people[username] = User.objects.get(username=username)
    now = timezone.now()
    User.objects.filter(username__in=set(people) - UNVERIFIED, verified_at__isnull=True).update(
        verified_at=now
    )
    for user in people.values():
        user.refresh_from_db()
    return people


@demo_loader(order=50, name="grants: pledges, a fiesta campaign and a closed matching round")
def load_funding() -> None:
    if Pledge.objects.filter(idempotency_key__startswith="demo:").exists():
        return  # loaded already
    today = timezone.localdate()
    people = _people()
    treasurer = people["mateo"]
    funds = {fund.slug: fund for fund in Fund.objects.all()}
    for fund in (MEETING, POOL):
        if fund["slug"] not in funds:
            funds[fund["slug"]] = ledger.fund_create(**fund)
    _pledges(today, people, funds, treasurer)
    _declarations(today, people, funds, treasurer)
    _round(today, people, funds, treasurer)
    _campaign(today, people, funds, treasurer)


# The association the demo's tax receipts name; illustrative, as every figure of the demo.
ISSUER = {
    "name": "Association Remix des communs (démo)",
    "address": "12 rue des Tisserands\n69001 Lyon",
    "object": (
        "Documenter les communs et l'économie sociale et solidaire, relier leurs acteurs et "
        "financer en commun les outils qui les servent."
    ),
    "signatory": "Louise Tremblay",
    "signatory_role": "présidente",
}


@demo_loader(order=52, name="contributions: the association that issues tax receipts")
def load_receipts() -> None:
    """The issuer a steward would set, and one receipt issued: Louise's first yearly gift."""
    if ReceiptIssuer.objects.exists():
        return  # loaded already, or set by a steward
    receipt_issuer_set(**ISSUER)
    first = (
        Contribution.objects.filter(pledge__idempotency_key="demo:pledge:louise")
        .order_by("date", "pk")
        .first()
    )
    if first is not None:
        receipt_issue(contribution=first, address="8 place des Terreaux\n69001 Lyon")


def _pledges(today, people, funds, treasurer) -> None:
    platform = funds["plateforme"]
    ceiling_set(fund=platform, period="year", share_of_needs=Decimal("0.1"), recorder=treasurer)
    # (who, amount, frequency, months ago it started, day, visibility, days left unpaid).
    # Amina has paid nothing for UNPAID_DAYS: whatever the day, one of her monthly gifts fell due
    # in that window more than the ten days of grace ago (31 days are left past the grace, and no
    # month is longer), so she is late by 11 to 41 days, as in life.
    plans = [
        ("amina", "15", "monthly", 5, 5, "public", UNPAID_DAYS),
        ("camille", "10", "monthly", 6, 12, "public", 0),
        ("kofi", "5", "monthly", 3, 1, "private", 0),
        ("sophie", "20", "monthly", 2, 20, "amount", 0),
        ("mateo", "30", "quarterly", 7, 3, "public", 0),
        ("louise", "120", "yearly", 2, 15, "public", 0),
    ]
    for who, amount, frequency, ago, day, visibility, unpaid in plans:
        start = add_months(today, -ago).replace(day=day)
        pledge, _created = pledge_create(
            fund=platform,
            amount=amount,
            frequency=frequency,
            start=start,
            visibility=visibility,
            giver=Giver(user=people[who]),
            idempotency_key=f"demo:pledge:{who}",
        )
        if who == "camille":
            pledge_pause(
                pledge=pledge,
                start=add_months(start, 2),
                end=add_months(start, 3) - datetime.timedelta(days=1),
            )
        dues = schedule.due_dates(pledge_schedule(pledge), until=today)
        paid_until = today - datetime.timedelta(days=unpaid)
        for n, due_on in enumerate(due for due in dues if due <= paid_until):
            paid_on = min(due_on + datetime.timedelta(days=2), today)
            payment_record(
                pledge=pledge,
                amount=amount,
                date=paid_on,
                provider="bank",
                external_key=f"demo:gift:{who}:{n}",
                recorder=treasurer,
            )


def _declarations(today, people, funds, treasurer) -> None:
    platform = funds["plateforme"]
    time, _created = contribution_declare(
        giver=Giver(user=people["amina"]),
        fund=platform,
        kind="time",
        amount="6",
        date=today - datetime.timedelta(days=12),
        description="Traduction en wolof des pages d'accueil",
    )
    contribution_validate(contribution=time, recorder=treasurer)
    contribution_declare(
        giver=Giver(user=people["camille"]),
        fund=funds["fiesta-des-communs"],
        kind="in_kind",
        amount="150",
        date=today - datetime.timedelta(days=3),
        description="Prêt d'une sonorisation pour la fiesta",
    )
    contribution_declare(
        giver=Giver(user=people["lucia"]),
        fund=platform,
        kind="time",
        amount="4.5",
        date=today - datetime.timedelta(days=1),
        description="Revisión de la traducción al español",
        visibility="amount",
    )


def _round(today, people, funds, treasurer) -> None:
    if Round.objects.filter(slug="abondement-ville-de-lyon").exists():
        return
    # Closed last month whatever today is: on the 15th of the previous month, after 30 days.
    closes = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=15)
    opens = closes - datetime.timedelta(days=30)
    round_ = _round_open(funds, treasurer, opens=opens, closes=closes)
    projects = {
        slug: round_project_add(round=round_, fund=funds[slug], recorder=treasurer)
        for slug in ("publication-communs", "fiesta-des-communs", "rencontre-semences")
    }
    _round_gifts(round_, projects, people, treasurer)
    _round_close_next_morning(round_, treasurer)


def _round_open(funds, treasurer, *, opens, closes):
    lyon = Actor.objects.filter(name="Ville de Lyon").first() or Actor.objects.create(
        name="Ville de Lyon", slug="ville-de-lyon", kind="organisation"
    )
    return round_create(
        slug="abondement-ville-de-lyon",
        title={
            "fr": "Abondement de la Ville de Lyon",
            "en": "City of Lyon matching round",
            "es": "Ronda de contrapartida de la Ciudad de Lyon",
        },
        description={
            "fr": "La Ville abonde les dons des membres aux projets de médiation.",
            "en": "The City matches members' gifts to the mediation projects.",
            "es": "La Ciudad complementa las donaciones de los miembros a los proyectos.",
        },
        funder=lyon,
        pool="5000",
        pool_fund=funds[POOL["slug"]],
        pool_account="Income:Grants:Public",
        opens=opens,
        closes=closes,
        cap_share=Decimal("0.5"),
        remainder=RoundRemainder.KEEP,
        recorder=treasurer,
    )


def _round_gifts(round_, projects, people, treasurer) -> None:
    # Many small gifts to the seeds gathering, a few larger ones to the publication.
    gifts = [
        ("rencontre-semences", who, "10")
        for who in ("awa", "lucia", "kofi", "sophie", "moussa", "elena", "nadia", "jonas", "ines")
    ]
    gifts += [
        ("rencontre-semences", "paul", "20"),
        ("rencontre-semences", "fatou", "5"),
        ("fiesta-des-communs", "amina", "25"),
        ("fiesta-des-communs", "camille", "15"),
        ("fiesta-des-communs", "moussa", "10"),
        ("fiesta-des-communs", "fatou", "10"),
        ("fiesta-des-communs", "louise", "20"),
        ("publication-communs", "mateo", "150"),
        ("publication-communs", "louise", "100"),
        ("publication-communs", "paul", "30"),
    ]
    for n, (slug, who, amount) in enumerate(gifts):
        payment_record(
            amount=amount,
            date=round_.opens + datetime.timedelta(days=1 + n),
            giver=Giver(user=people[who]),
            visibility="public" if n % 3 else "amount",
            round_project=projects[slug],
            provider="bank",
            external_key=f"demo:round:{n}",
            recorder=treasurer,
        )


def _round_close_next_morning(round_, treasurer) -> None:
    closed_on = round_.closes + datetime.timedelta(days=1)
    round_close(round=round_, today=closed_on, recorder=treasurer)
    # The treasurer closed it the morning after its window, last month; the demo is loaded now.
    Round.objects.filter(pk=round_.pk).update(
        closed_at=datetime.datetime.combine(
            closed_on, datetime.time(9, 30), tzinfo=timezone.get_current_timezone()
        )
    )


def _campaign(today, people, funds, treasurer) -> None:
    if Campaign.objects.filter(slug="fiesta-des-communs").exists():
        return
    campaign = _campaign_start(today, funds, treasurer)
    thanks, poster, meal = _campaign_counterparts(campaign)
    _campaign_pledges(campaign, people, thanks=thanks, poster=poster, meal=meal)
    campaign_update_post(
        campaign=campaign,
        title={"fr": "Le lieu est trouvé", "en": "We have a venue", "es": "Tenemos lugar"},
        body={
            "fr": "La fiesta aura lieu dans la halle des Tisserands, accessible en fauteuil.",
            "en": "The fiesta will be held in the Weavers' hall, wheelchair accessible.",
            "es": "La fiesta será en la nave de los Tejedores, accesible en silla de ruedas.",
        },
        recorder=treasurer,
    )


def _campaign_start(today, funds, treasurer):
    return campaign_create(
        slug="fiesta-des-communs",
        title={
            "fr": "Fiesta des communs à Lyon",
            "en": "Commons fiesta in Lyon",
            "es": "Fiesta de los comunes en Lyon",
        },
        description={
            "fr": "Deux jours de fête, d'ateliers et de projections pour tout le réseau. "
            "**Tout ou rien** : si l'objectif n'est pas atteint, personne ne paie.",
            "en": "Two days of fiesta, workshops and screenings for the whole network. "
            "**All or nothing**: if the goal is not reached, no one pays.",
            "es": "Dos días de fiesta, talleres y proyecciones para toda la red. "
            "**Todo o nada**: si no se alcanza el objetivo, nadie paga.",
        },
        fund=funds["fiesta-des-communs"],
        goal="3000",
        opens=today - datetime.timedelta(days=20),
        deadline=today + datetime.timedelta(days=25),
        rule="all_or_nothing",
        recorder=treasurer,
    )


def _campaign_counterparts(campaign) -> tuple:
    """The stretch goal and four tiers; the three the demo's givers take: thanks, poster, meal."""
    stretch_goal_add(
        campaign=campaign,
        amount="4500",
        title={
            "fr": "Sous-titrage des films en trois langues",
            "en": "Subtitles for the films in three languages",
            "es": "Subtítulos de las películas en tres idiomas",
        },
    )
    thanks = tier_add(
        campaign=campaign,
        title={"fr": "Merci !", "en": "Thank you!", "es": "¡Gracias!"},
        amount="10",
        free_amount=True,
    )
    poster = tier_add(
        campaign=campaign,
        title={
            "fr": "Affiche sérigraphiée",
            "en": "Screen-printed poster",
            "es": "Cartel serigrafiado",
        },
        amount="30",
        quantity=40,
        counterpart_value="8",  # more than a quarter of 30 €: the receipt states 22 €
    )
    meal = tier_add(
        campaign=campaign,
        title={"fr": "Repas partagé", "en": "Shared meal", "es": "Comida compartida"},
        amount="60",
        quantity=20,
        counterpart_value="12",  # within a quarter of 60 €: the receipt states the whole gift
    )
    tier_add(
        campaign=campaign,
        title={
            "fr": "Parrainage d'un atelier",
            "en": "Sponsor a workshop",
            "es": "Apadrinar un taller",
        },
        amount="250",
        quantity=3,
    )
    return thanks, poster, meal


def _campaign_pledges(campaign, people, *, thanks, poster, meal) -> None:
    pledges = [
        ("awa", meal, "60", "public"),
        ("lucia", poster, "30", "public"),
        ("kofi", thanks, "25", "amount"),
        ("sophie", meal, "60", "public"),
        ("moussa", poster, "30", "private"),
        ("elena", thanks, "50", "public"),
        ("nadia", meal, "60", "public"),
        ("jonas", thanks, "100", "amount"),
        ("ines", poster, "30", "public"),
        ("paul", meal, "60", "public"),
        ("fatou", thanks, "15", "public"),
        ("amina", poster, "30", "public"),
        ("camille", meal, "60", "public"),
        ("louise", thanks, "200", "public"),
        ("mateo", None, "430", "amount"),
    ]
    for who, tier, amount, visibility in pledges:
        pledge_create(
            fund=campaign.fund,
            amount=amount,
            giver=Giver(user=people[who]),
            campaign=campaign,
            tier=tier,
            visibility=visibility,
            idempotency_key=f"demo:campaign:{who}",
        )

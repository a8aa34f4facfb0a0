"""The study office's demo: three services (a workshop at a fixed price, a study at a daily rate,
a film production at a free price), a study for the Ville de Lyon accepted from its quote with
days declared (some validated into the books, one waiting) and a deposit invoiced,
and a quote still awaiting its client's answer."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from remix.allies.models import Actor, Theme
from remix.catalogue.models import Commons, Document
from remix.core.demo import demo_loader
from remix.invoicing.models import InvoiceIssuer
from remix.invoicing.selectors import invoice_balance
from remix.invoicing.services import invoice_payment_record
from remix.ledger.models import Fund
from remix.studio import services
from remix.studio.models import Service

CLIENT = "Ville de Lyon"
OTHER_CLIENT = "Fondation pour l'Innovation Sociale"

# slug, kind, price model, price, titles (fr, en, es), descriptions (fr, en, es), themes, people
SERVICES = [
    (
        "atelier-cartographie-communs",
        "workshop",
        "fixed",
        "1200",
        (
            "Atelier : cartographier les communs d'un territoire",
            "Workshop: mapping a territory's commons",
            "Taller: cartografiar los comunes de un territorio",
        ),
        (
            "Une journée avec les habitants et les élus pour repérer les communs qui existent, "
            "qui les porte et ce dont ils ont besoin, à partir de la carte des alliés.",
            "A day with residents and elected officials to find the commons that exist, who "
            "carries them and what they need, starting from the allies map.",
            "Una jornada con habitantes y electos para identificar los comunes existentes, "
            "quién los sostiene y qué necesitan, a partir del mapa de aliados.",
        ),
        ["democratie-locale", "tiers-lieux"],
        ["louise", "camille"],
    ),
    (
        "etude-communs-territoire",
        "study",
        "daily",
        "650",
        (
            "Étude : les communs dans la politique d'une collectivité",
            "Study: the commons in a local authority's policy",
            "Estudio: los comunes en la política de una colectividad",
        ),
        (
            "Une étude de terrain, des entretiens et un rapport public : comment une collectivité "
            "peut reconnaître, soutenir et contractualiser avec les communs de son territoire.",
            "Field work, interviews and a public report: how a local authority can recognise, "
            "support and contract with the commons of its territory.",
            "Trabajo de campo, entrevistas y un informe público: cómo una colectividad puede "
            "reconocer, apoyar y contratar con los comunes de su territorio.",
        ),
        ["democratie-locale", "communs-numeriques"],
        ["louise", "amina"],
    ),
    (
        "film-documentaire-communs",
        "production",
        "free",
        "8000",
        (
            "Film documentaire sur un commun",
            "A documentary film about a commons",
            "Película documental sobre un común",
        ),
        (
            "Un film tourné avec les personnes qui portent le commun, sous licence libre, "
            "versé au catalogue. À prix libre : chacun paie ce qu'il trouve juste.",
            "A film made with the people who carry the commons, under a free licence, added to "
            "the catalogue. At a free price: each pays what they find fair.",
            "Una película rodada con las personas que sostienen el común, con licencia libre, "
            "añadida al catálogo. A precio libre: cada quien paga lo que le parece justo.",
        ),
        ["communs-numeriques"],
        ["camille"],
    ),
]

STUDY_RULE = "partage-bureau-etude"


def _services() -> dict[str, Service]:
    users = get_user_model().objects
    commons = list(Commons.objects.filter(hidden=False).order_by("slug")[:2])
    documents = list(Document.objects.filter(hidden=False).order_by("slug")[:2])
    made = {}
    for slug, kind, model, price, titles, texts, themes, people in SERVICES:
        made[slug] = services.service_create(
            slug=slug,
            title=dict(zip(("fr", "en", "es"), titles, strict=True)),
            description=dict(zip(("fr", "en", "es"), texts, strict=True)),
            kind=kind,
            price_model=model,
            price=price,
            commons=commons,
            themes=Theme.objects.filter(code__in=themes),
            documents=documents if kind == "production" else [],
            people=users.filter(username__in=people),
        )
    return made


def _deposit(engagement) -> None:
    """A deposit of 30 % invoiced and paid by the city by transfer two days ago, once the
    invoicing demo named the issuer and the city's address and SIRET (it loads just before)."""
    if InvoiceIssuer.objects.exists() and engagement.client.postal_address:
        link = services.engagement_invoice(engagement=engagement, part="deposit", share="0.30")
        invoice_payment_record(
            invoice=link.invoice,
            amount_minor=invoice_balance(link.invoice).due,
            date=timezone.localdate() - datetime.timedelta(days=2),
            method="transfer",
            recorder=None,
            fund=engagement.fund,
        )


@demo_loader(order=71, name="study office: three services, a study for a city, days declared")
def load_studio() -> None:
    if Service.objects.exists():
        return  # loaded already, or written by a steward
    made = _services()
    today = timezone.localdate()
    days = datetime.timedelta
    users = {user.username: user for user in get_user_model().objects.all()}
    quote = services.quote_issue(
        client=Actor.objects.get(name=CLIENT),
        title="Étude : les communs dans la politique de la Ville de Lyon",
        lines=[
            services.LineAsked(service=made["etude-communs-territoire"], quantity="12"),
            services.LineAsked(service=made["atelier-cartographie-communs"], quantity="1"),
        ],
        valid_until=today + days(30),
        note="Restitution publique en conseil de quartier comprise.",
    )
    engagement = services.quote_accept(
        quote=quote,
        accepted_on=today,
        acceptance="Bon de commande de la Ville n° 2026-0412",
        start_date=today - days(9),
        end_date=today + days(60),
        deliverables="Rapport d'étude public; atelier de restitution; carte des communs.",
    )
    services.engagement_person_record(engagement=engagement, user=users["louise"], planned_days=4)
    services.engagement_person_record(engagement=engagement, user=users["amina"], planned_days=8)
    for back, who, hours, what in [
        (8, "amina", "7", "Entretiens avec les jardins partagés du 8e"),
        (6, "amina", "7", "Entretiens avec la régie de quartier"),
        (5, "louise", "3.5", "Cadrage avec le service Vie associative"),
        (1, "amina", "5", "Relevé des lieux pour l'atelier"),
    ]:
        declared = services.time_declare(
            engagement=engagement,
            user=users[who],
            date=today - days(back),
            hours=hours,
            description=what,
        )
        if back > 1:
            services.time_validate(declared=declared)
    _deposit(engagement)
    services.quote_issue(
        client=Actor.objects.get(name=OTHER_CLIENT),
        title="Film documentaire sur une semencière paysanne",
        lines=[
            services.LineAsked(
                service=made["film-documentaire-communs"], quantity="1", unit_price="6500"
            )
        ],
        valid_until=today + days(45),
    )


@demo_loader(order=72, name="study office: the city's deposit shared by a rule")
def load_study_shared() -> None:
    """The deposit the city paid, shared by the study office's rule: 5 % to the commons fund,
    half of what remains to the people by their valued contributions (the engagement's validated
    hours among them), the rest kept by the platform."""
    from remix.sharing import selectors as sharing_selectors
    from remix.sharing import services as sharing
    from remix.sharing.demo import COMMONS
    from remix.sharing.models import SharingRule
    from remix.studio.models import EngagementInvoice

    link = EngagementInvoice.objects.select_related("engagement__fund").first()
    commons = Fund.objects.filter(slug=COMMONS["slug"]).first()
    if link is None or commons is None or SharingRule.objects.filter(slug=STUDY_RULE).exists():
        return
    payment = link.invoice.payments.select_related("transaction").first()
    if payment is None:
        return
    fund = link.engagement.fund
    rule = sharing.rule_create(
        slug=STUDY_RULE,
        name={
            "fr": "Partage des recettes du bureau d'étude",
            "en": "Sharing of the study office's income",
            "es": "Reparto de los ingresos de la oficina de estudios",
        },
        fund=fund,
        buckets=[
            {"base": "total", "percent": "5", "to": "fund", "target": commons.pk},
            {"base": "remaining", "percent": "50", "to": "contributors"},
        ],
        recorder=None,
    )
    today = timezone.localdate()
    sharing.distribution_record(
        version=sharing_selectors.rule_current(rule),
        amount=payment.amount_minor,
        date=today,
        period=sharing_selectors.default_period(today),
        income=payment.transaction,
        recorder=None,
    )

"""The demo's experiments: one running (can the platform live from its users' contributions?),
one whose challenge was met (the catalogue's growth) and one missed (recurring givers), each with
a history of back-dated snapshots and, for the two decided, their conclusion.

Every date counts in days from today: the demo is right on any day of the month."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from remix.core.demo import demo_loader
from remix.experiments import indicators, services
from remix.experiments.models import Experiment, MetricSnapshot

RUNNING = {
    "question": {
        "fr": "La plateforme peut-elle vivre des contributions de ses usagers ?",
        "en": "Can the platform live from its users' contributions?",
        "es": "¿Puede la plataforma vivir de las contribuciones de sus usuarios?",
    },
    "hypothesis": {
        "fr": "En montrant chaque mois ce qui manque, les usagers couvriront un quart des "
        "besoins de la plateforme d'ici la fin de l'expérience.",
        "en": "By showing each month what is missing, users will cover a quarter of the "
        "platform's needs by the end of the experiment.",
        "es": "Mostrando cada mes lo que falta, los usuarios cubrirán una cuarta parte de las "
        "necesidades de la plataforma antes del final del experimento.",
    },
    "metric": "users-share",
    "period": "year",
    "comparison": "gte",
    "target": "0.25",
}
MET = {
    "question": {
        "fr": "Le catalogue peut-il s'enrichir de six documents par mois ?",
        "en": "Can the catalogue grow by six documents a month?",
        "es": "¿Puede el catálogo crecer en seis documentos al mes?",
    },
    "hypothesis": {
        "fr": "Les ateliers de documentation mensuels suffisent à faire vivre le catalogue.",
        "en": "The monthly documentation workshops are enough to keep the catalogue alive.",
        "es": "Los talleres mensuales de documentación bastan para mantener vivo el catálogo.",
    },
    "metric": "documents-per-month",
    "period": "quarter",
    "comparison": "gte",
    "target": "6",
}
MET_CONCLUSION = {
    "fr": "Défi relevé : les ateliers ont amené plus de sept documents par mois. Nous les "
    "gardons, et visons maintenant les thèmes du tronc commun les moins documentés.",
    "en": "Challenge met: the workshops brought more than seven documents a month. We keep "
    "them, and now aim at the least documented themes of the common trunk.",
    "es": "Reto cumplido: los talleres aportaron más de siete documentos al mes. Los "
    "mantenemos y apuntamos ahora a los temas del tronco común menos documentados.",
}
MISSED = {
    "question": {
        "fr": "Quarante donateurs réguliers d'ici l'été ?",
        "en": "Forty recurring givers by the summer?",
        "es": "¿Cuarenta donantes regulares antes del verano?",
    },
    "hypothesis": {
        "fr": "Un appel lors de chaque rencontre suffit à doubler le nombre de dons mensuels.",
        "en": "A call at each meeting is enough to double the number of monthly gifts.",
        "es": "Un llamamiento en cada encuentro basta para duplicar los donativos mensuales.",
    },
    "metric": "recurring-givers",
    "period": "month",
    "comparison": "gte",
    "target": "40",
}
MISSED_CONCLUSION = {
    "fr": "Défi manqué : 27 donateurs réguliers. Les appels en rencontre rapportent des dons "
    "ponctuels plus que des dons mensuels ; nous essaierons le don régulier proposé à "
    "l'inscription.",
    "en": "Challenge missed: 27 recurring givers. Calls at meetings bring one-time gifts more "
    "than monthly ones; we will try offering the recurring gift at sign-up.",
    "es": "Reto no cumplido: 27 donantes regulares. Los llamamientos en los encuentros traen "
    "donativos puntuales más que mensuales; probaremos a proponer el donativo regular al "
    "registrarse.",
}

# (days after the start, value) of the decided experiments' histories.
MET_HISTORY = [(0, "3.3"), (30, "4"), (60, "5.3"), (90, "6"), (120, "6.7"), (150, "7.3")]
MISSED_HISTORY = [(0, "19"), (30, "21"), (60, "22"), (90, "24"), (120, "26"), (150, "27")]


@demo_loader(order=95, name="experiments: one running, one challenge met, one missed")
def load_experiments() -> None:
    if Experiment.objects.exists():
        return
    today = timezone.localdate()
    people = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["louise", "mateo", "amina"])
    }
    _running(today, [people["louise"], people["amina"]])
    _decided(
        MET,
        MET_HISTORY,
        MET_CONCLUSION,
        deadline=today - datetime.timedelta(days=40),
        responsible=[people["louise"], people["amina"]],
    )
    _decided(
        MISSED,
        MISSED_HISTORY,
        MISSED_CONCLUSION,
        deadline=today - datetime.timedelta(days=70),
        responsible=[people["mateo"]],
    )


def _running(today: datetime.date, responsible) -> None:
    """Started four months ago; measured every fortnight since, rising to today's value."""
    starts = today - datetime.timedelta(days=120)
    experiment = services.experiment_create(
        **RUNNING,
        starts=starts,
        deadline=today + datetime.timedelta(days=245),
        responsible=responsible,
    )
    services.experiment_start(experiment=experiment)
    now = indicators.measure(RUNNING["metric"], kind=RUNNING["period"], day=today)
    now = now if now else Decimal("0.12")
    days = list(range(0, 120, 15))
    for n, offset in enumerate(days):
        share = Decimal(6 + 4 * n) / Decimal(6 + 4 * len(days))
        MetricSnapshot.objects.create(
            experiment=experiment,
            date=starts + datetime.timedelta(days=offset),
            value=(now * share).quantize(Decimal("0.0001")),
        )
    services.snapshot_take(experiment=experiment, day=today)


def _decided(words, history, conclusion, *, deadline, responsible) -> None:
    starts = deadline - datetime.timedelta(days=150)
    experiment = services.experiment_create(
        **words, starts=starts, deadline=deadline, responsible=responsible
    )
    services.experiment_start(experiment=experiment)
    last = None
    for offset, value in history:
        last = MetricSnapshot.objects.create(
            experiment=experiment,
            date=starts + datetime.timedelta(days=offset),
            value=Decimal(value),
        )
    services.outcome_decide(experiment=experiment, snapshot=last)
    services.experiment_conclude(experiment=experiment, conclusion=conclusion)

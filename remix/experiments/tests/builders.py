"""Small builders for the experiments' tests, through the services."""

import datetime

from django.utils import timezone

from remix.experiments import services

QUESTION = {
    "fr": "La plateforme peut-elle vivre de ses usagers ?",
    "en": "Can the platform live from its users?",
    "es": "¿Puede la plataforma vivir de sus usuarios?",
}


def experiment(*, metric="documents-per-month", target="2", days=30, started=True, **data):
    """An experiment measured over the month, from today to ``days`` from now."""
    today = timezone.localdate()
    made = services.experiment_create(
        question=data.pop("question", QUESTION),
        hypothesis=data.pop("hypothesis", {"fr": "Oui, avec un peu d'aide."}),
        metric=metric,
        period=data.pop("period", "month"),
        comparison=data.pop("comparison", "gte"),
        target=target,
        starts=data.pop("starts", today),
        deadline=data.pop("deadline", today + datetime.timedelta(days=days)),
        **data,
    )
    if started:
        made = services.experiment_start(experiment=made)
    return made

"""Small builders for the catalogue's history and themes tests."""

from remix.catalogue import services
from remix.catalogue.models import Family


def doc(title="Le jardin partagé", *, author=None, **data):
    return services.document_create(
        author=author,
        data={"kind": "text", "title": title, "language": "fr", "licence": "CC-BY-SA-4.0", **data},
    )


def commons(name="Grainothèque du quartier", *, author=None):
    return services.commons_create(
        author=author,
        data={"name": {"fr": name}, "family": Family.objects.get(code="nature")},
    )

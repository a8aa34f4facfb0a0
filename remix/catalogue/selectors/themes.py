"""Themes as the catalogue reads them: by code (a merged code answers for its survivor), and
how much of the catalogue documents each."""

from django.db.models import Count

from remix.allies.models import Theme
from remix.catalogue.models import Commons, Document


def theme_resolve(code: str) -> Theme | None:
    """A theme by code; a merged theme answers for its survivor."""
    theme = Theme.objects.filter(code=code).select_related("merged_into").first()
    return theme.survivor if theme is not None else None


def themes_by_label() -> list[tuple[str, str]]:
    """The active themes as (code, label), in the reader's alphabetical order."""
    return sorted(
        ((theme.code, theme.label) for theme in Theme.objects.active()),
        key=lambda pair: pair[1].lower(),
    )


def theme_counts() -> list[Theme]:
    """Themes in use, each with `document_count` and `commons_count` (visible ones)."""
    themes = list(Theme.objects.active())
    counts = theme_catalogue_counts([theme.pk for theme in themes])
    for theme in themes:
        theme.document_count = counts[theme.pk]["documents"]
        theme.commons_count = counts[theme.pk]["commons"]
    return themes


def theme_catalogue_counts(theme_ids: list[int]) -> dict[int, dict[str, int]]:
    """How many visible documents and commons of the catalogue document each theme.

    All of a theme's links less those of hidden things: two scans of an index, where checking
    each link against its document's row takes several times longer at 100,000 documents. Each
    kind is counted apart: one query joining both would multiply a theme's documents by its
    commons.
    """

    def visible_per_theme(model, key: str) -> dict[int, int]:
        links = model.themes.through.objects.filter(theme_id__in=theme_ids)
        hidden = links.filter(**{f"{key}__in": model.objects.filter(hidden=True)})
        counts = _per_theme(links)
        for pk, n in _per_theme(hidden).items():
            counts[pk] -= n
        return counts

    documents = visible_per_theme(Document, "document")
    commons = visible_per_theme(Commons, "commons")
    return {
        pk: {"documents": documents.get(pk, 0), "commons": commons.get(pk, 0)} for pk in theme_ids
    }


def _per_theme(links) -> dict[int, int]:
    return dict(links.values("theme_id").annotate(n=Count("pk")).values_list("theme_id", "n"))

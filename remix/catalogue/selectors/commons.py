"""Reads of the documented commons: visible ones, unless a function says whom it shows more to."""

from django.db.models import Prefetch, Q, QuerySet

from remix.allies.models import Theme
from remix.catalogue.models import Commons, Document, Family
from remix.catalogue.selectors.actors import actors_shown
from remix.catalogue.selectors.themes import theme_resolve
from remix.core.permissions import can_edit_network


def families() -> QuerySet[Family]:
    """The families of commons, in their order."""
    return Family.objects.all()


def commons_public() -> QuerySet[Commons]:
    return Commons.objects.visible().select_related("family")


def commons_for(user) -> QuerySet[Commons]:
    """What a person may open to edit or read the history of: editors see hidden commons too,
    being the ones who may show them again."""
    return Commons.objects.all() if can_edit_network(user) else Commons.objects.visible()


def commons_choosable(document: Document | None) -> QuerySet[Commons]:
    """The commons a document may say it documents: the visible ones, and a hidden one it
    already documents, which stays chosen."""
    if document is None:
        return Commons.objects.visible()
    return Commons.objects.filter(Q(hidden=False) | Q(documents=document)).distinct()


def commons_filtered(*, family: str = "", country: str = "", theme: str = "") -> QuerySet[Commons]:
    """Visible commons of a family (its code), a country (ISO 3166, any case) and a theme (a
    code; a merged code answers for its survivor); an empty value asks nothing."""
    commons = commons_public()
    if family:
        commons = commons.filter(family__code=family.strip())
    if country:
        commons = commons.filter(country=country.strip().upper())
    if theme:
        found = theme_resolve(theme.strip())
        commons = commons.filter(themes=found) if found else commons.none()
    return commons


def commons_of_theme(theme: Theme) -> QuerySet[Commons]:
    """The visible commons a theme documents (the theme itself, not a code to resolve)."""
    return commons_public().filter(themes=theme)


def commons_countries() -> list[str]:
    """The countries of the visible commons (unordered)."""
    return list(Commons.objects.visible().order_by().values_list("country", flat=True).distinct())


def commons_detail(slug: str) -> Commons:
    """One visible commons with its themes and carriers (raises Commons.DoesNotExist)."""
    return (
        commons_public()
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.select_related("merged_into")),
            Prefetch("carriers", queryset=actors_shown()),
        )
        .get(slug=slug)
    )


def commons_hidden(slug: str) -> Commons | None:
    """A hidden commons by its slug, with what its 410 page names."""
    return Commons.objects.filter(slug=slug, hidden=True).only("pk", "slug", "name").first()


def commons_with_links(commons: QuerySet[Commons]) -> QuerySet[Commons]:
    """Commons with their themes and carriers: what the API and JSON-LD show."""
    return commons.prefetch_related("themes", Prefetch("carriers", queryset=actors_shown()))

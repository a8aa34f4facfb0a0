from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

register = template.Library()
_PLACEHOLDER = "slug-placeholder"


@register.filter
def actor_url(slug: str) -> str:
    """The actor page's URL, reversed once per language instead of once per link.

    Pages list thousands of actors; a reverse() per link was most of their time.
    """
    key = (get_language(), get_script_prefix())
    pattern = _patterns.get(key)
    if pattern is None:
        pattern = _patterns[key] = reverse("allies:actor", kwargs={"slug": _PLACEHOLDER})
    return pattern.replace(_PLACEHOLDER, slug)


_patterns: dict[tuple[str, str], str] = {}

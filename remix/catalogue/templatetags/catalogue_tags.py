"""The catalogue's template helpers: names of languages and countries in the reader's locale,
durations, licences, what may be shown of a media, and the lineage graph drawn as SVG.

The lineage is laid out here in plain Python (integers only, so the SVG reads the same in every
locale) and drawn by `catalogue/_lineage.svg`: sources above, remixes below, no script.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from remix.catalogue.licences import LICENCES
from remix.catalogue.media import player_kind
from remix.catalogue.models import DocumentKind
from remix.core.formats import current_locale
from remix.core.permissions import can_contribute, can_edit_network
from remix.core.territories import country_name

register = template.Library()


# -- lists: what each row repeats is worked out once a page ----------------------------------------


@register.simple_tag
def select_options(choices, selected) -> str:
    """The ``<option>``s of a filter, the one chosen marked: one call for a list of hundreds of
    countries instead of a template loop."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )


_URL_SLUG = "slug-of-the-document"


@register.inclusion_tag("catalogue/_document_cards.html")
def document_cards(documents):
    """The cards of a page of documents (from ``selectors.document_cards``): the address,
    labels and names computed once for the page, the rows given to the template ready to show."""
    url = reverse("catalogue:document", kwargs={"slug": _URL_SLUG})
    kinds = {value: capfirst(label) for value, label in DocumentKind.choices}
    languages = {}
    cards = []
    for doc in documents:
        if doc.language not in languages:
            languages[doc.language] = language_name(doc.language)
        cards.append(
            {
                "thumb": doc.media_file.url
                if doc.media_file and player_kind(doc.media_type or "") == "image"
                else "",
                "kind": doc.kind,
                "glyph": KIND_GLYPHS.get(doc.kind, "◆"),
                "url": url.replace(_URL_SLUG, doc.slug),
                "title": doc.title,
                "language": doc.language,
                "kind_label": kinds.get(doc.kind, doc.kind),
                "language_name": languages[doc.language],
                "date": doc.date.isoformat() if doc.date else "",
                "year": f"{doc.date.year:04d}" if doc.date else "",
                "authors": ", ".join(actor.name for actor in doc.authors.all()),
                "summary": Truncator(doc.summary).words(24, truncate=" …") if doc.summary else "",
                "licence": LICENCES.get(doc.licence),
            }
        )
    return {"cards": cards}


# -- names and numbers --------------------------------------------------------------------------


def language_name(code: str) -> str:
    """« anglais », "French", « wolof »: a language's name in the reader's language."""
    if not code:
        return ""
    return current_locale().languages.get(code, code)


register.filter("language_name", language_name)
register.filter("country_name", country_name)


@register.filter
def text_language(values) -> str:
    """The language of the text `localized` shows, for its `lang` attribute."""
    if not values:
        return ""
    wanted = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    order = [wanted, settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)]
    for code in [*order, *values]:
        if values.get(code):
            return code
    return ""


@register.filter
def duration(seconds) -> str:
    """3930 → "1:05:30", 330 → "5:30": read the same way in every language."""
    if seconds in (None, ""):
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def iso_duration(seconds) -> str:
    """3930 → "PT1H5M30S", for a <time datetime> attribute."""
    if seconds in (None, ""):
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + "".join(
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n
    )


@register.filter
def licence(code: str):
    """The licence behind an SPDX identifier (name, url, free…), or None."""
    return LICENCES.get(code)


@register.filter
def player(media_type: str) -> str:
    return player_kind(media_type or "")


KIND_GLYPHS = {
    "video": "▶",
    "audio": "♪",
    "image": "◧",
    "text": "¶",
    "definition": "≡",
    "interview": "❝",
    "documentary": "◉",
    "remix": "⇄",
    "bibliographic_note": "§",
    "call_recording": "☏",
    "link": "↗",
}


@register.filter
def kind_label(kind: str) -> str:
    """A document's kind in the reader's language ("video", « entretien »…)."""
    return DocumentKind(kind).label if kind in DocumentKind.values else kind


@register.filter
def kind_glyph(kind: str) -> str:
    """The sign on a card without a picture: decoration, the kind is written beside it."""
    return KIND_GLYPHS.get(kind, "◆")


@register.filter
def url_host(url: str) -> str:
    """The host an external link leads to: "https://www.example.org/v/1" → "www.example.org"."""
    return urlsplit(url or "").hostname or ""


@register.filter(name="can_contribute")
def can_contribute_filter(user) -> bool:
    """{% if user|can_contribute %}: members write to the catalogue."""
    return can_contribute(user)


@register.filter(name="can_edit_network")
def can_edit_network_filter(user) -> bool:
    return can_edit_network(user)


# -- the lineage graph --------------------------------------------------------------------------

NODE_WIDTH = 208
NODE_HEIGHT = 50
GAP_X = 24
GAP_Y = 52
MARGIN = 6
LAYER_MAX = 6  # past this a generation shows its first nodes and "+ n"; the list shows all
TITLE_CHARS = 24  # what fits in a node at 12px


@dataclass
class LineageNode:
    pk: int
    x: int
    y: int
    title: str
    short_title: str
    licence: str
    url: str
    focus: bool
    hidden: bool

    @property
    def text_x(self) -> int:
        return self.x + 12

    @property
    def title_y(self) -> int:
        return self.y + 21

    @property
    def licence_y(self) -> int:
        return self.y + 39


@dataclass
class LineageMore:
    x: int
    y: int
    count: int

    @property
    def text_x(self) -> int:
        return self.x + NODE_WIDTH // 2

    @property
    def text_y(self) -> int:
        return self.y + NODE_HEIGHT // 2 + 5


@dataclass
class LineageDrawing:
    width: int
    height: int
    node_width: int = NODE_WIDTH
    node_height: int = NODE_HEIGHT
    nodes: list[LineageNode] = field(default_factory=list)
    edges: list[str] = field(default_factory=list)  # one path each, source → remix
    more: list[LineageMore] = field(default_factory=list)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _short(text: str, limit: int = TITLE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ordered_layers(lineage) -> list[list[int]]:
    """Each generation ordered by where its sources sit (fewer crossing lines), focus kept."""
    graph, placed, layers = lineage.graph, {}, []
    for layer in lineage.layers():

        def centre(pk, layer=layer):
            parents = [placed[p] for p in graph.predecessors(pk) if p in placed]
            return (sum(parents) / len(parents) if parents else layer.index(pk), pk)

        ordered = sorted(layer, key=centre)
        if len(ordered) > LAYER_MAX:
            kept = ordered[: LAYER_MAX - 1]
            if lineage.focus in ordered and lineage.focus not in kept:
                kept[-1] = lineage.focus
            ordered = kept + [None] * (len(ordered) - len(kept))  # None: the hidden rest
        for index, pk in enumerate(ordered):
            if pk is not None:
                placed[pk] = index
        layers.append(ordered)
    return layers


def lineage_drawing(lineage) -> LineageDrawing:
    """Where each document of the lineage sits: one row per generation, the oldest on top."""
    layers = _ordered_layers(lineage)
    shown = [[pk for pk in layer if pk is not None] for layer in layers]
    slots = [
        len(layer) + (len(layer) < len(full)) for layer, full in zip(shown, layers, strict=True)
    ]
    columns = max(slots, default=1)
    step_x, step_y = NODE_WIDTH + GAP_X, NODE_HEIGHT + GAP_Y
    width = columns * step_x - GAP_X + 2 * MARGIN
    drawing = LineageDrawing(width=width, height=len(layers) * step_y - GAP_Y + 2 * MARGIN)
    where: dict[int, tuple[int, int]] = {}
    pattern = reverse("catalogue:document", kwargs={"slug": "slug-placeholder"})
    for row, (layer, full) in enumerate(zip(shown, layers, strict=True)):
        left = MARGIN + (width - 2 * MARGIN - (slots[row] * step_x - GAP_X)) // 2
        y = MARGIN + row * step_y
        for index, pk in enumerate(layer):
            data = lineage.graph.nodes[pk]
            hidden = bool(data.get("hidden"))
            title = _("Hidden document") if hidden else data.get("title", "")
            x = left + index * step_x
            where[pk] = (x, y)
            drawing.nodes.append(
                LineageNode(
                    pk=pk,
                    x=x,
                    y=y,
                    title=title,
                    short_title=_short(title),
                    licence=getattr(LICENCES.get(data.get("licence")), "name", ""),
                    url=pattern.replace("slug-placeholder", data.get("slug", "")),
                    focus=pk == lineage.focus,
                    hidden=hidden,
                )
            )
        if len(layer) < len(full):
            drawing.more.append(
                LineageMore(x=left + len(layer) * step_x, y=y, count=len(full) - len(layer))
            )
    for source, remix in lineage.graph.edges:
        if source in where and remix in where:
            (x0, y0), (x1, y1) = where[source], where[remix]
            x0, x1 = x0 + NODE_WIDTH // 2, x1 + NODE_WIDTH // 2
            y0, y1 = y0 + NODE_HEIGHT, y1
            bend = (y1 - y0) // 2
            drawing.edges.append(f"M{x0} {y0} C{x0} {y0 + bend} {x1} {y1 - bend} {x1} {y1 - 4}")
    return drawing


@register.inclusion_tag("catalogue/_lineage.svg")
def lineage_graph(lineage):
    """{% lineage_graph lineage %}: the drawing, or nothing for a lone document."""
    if lineage is None or lineage.graph.number_of_nodes() < 2:
        return {"drawing": None}
    return {"drawing": lineage_drawing(lineage)}

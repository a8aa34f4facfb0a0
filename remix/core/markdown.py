"""Users' Markdown as safe HTML: CommonMark by markdown-it-py with raw HTML off, then Ammonia
(nh3) with a short allow-list, so nothing a user writes can run in a reader's page.

Links keep only http, https and mailto; images are not rendered (media have their own field, and a
remote image would tell a third party who reads); headings start at level 2 under the page's own.
"""

from html import unescape
from typing import NamedTuple

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])

TAGS = {
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _headings_down(tokens) -> None:
    """# becomes <h2>: the page's title is its only <h1>."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


class Heading(NamedTuple):
    level: int  # as written: 1 for "#"
    title: str
    anchor: str  # the heading's id in the HTML with anchors, "art-" and its title's slug


ANCHOR_PREFIX = "art-"  # an id of the page's own (#main…) is never a heading's


def _headings(tokens) -> list[tuple[object, Heading]]:
    """Each heading's opening token and what it says; two headings with the same title get
    "-2", "-3"… after the second's anchor."""
    found, seen = [], set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        title = "".join(
            child.content
            for child in inline.children or ()
            if child.type in ("text", "code_inline")
        ).strip()
        base = ANCHOR_PREFIX + (slugify(title) or "section")
        anchor, n = base, 1
        while anchor in seen:
            n += 1
            anchor = f"{base}-{n}"
        seen.add(anchor)
        found.append((token, Heading(int(token.tag[1]), title, anchor)))
    return found


def markdown_headings(text: str | None) -> list[Heading]:
    """The headings of a Markdown text, in order, with the anchors ``markdown_html(…,
    anchors=True)`` gives them: what a reader can cite (a charter's articles)."""
    if not text:
        return []
    return [heading for _token, heading in _headings(_PARSER.parse(text))]


def markdown_html(text: str | None, *, anchors: bool = False) -> str:
    """Safe HTML for a text written in Markdown (an empty string for nothing).

    With ``anchors``, each heading has an id (``markdown_headings``), so a link can point to
    it; the ids come from the parser, never from what the user typed (raw HTML is off)."""
    if not text:
        return ""
    tokens = _PARSER.parse(text)
    if anchors:
        for token, heading in _headings(tokens):
            token.attrSet("id", heading.anchor)
    _headings_down(tokens)
    html = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return html_sanitise(html, attributes=_ANCHORED if anchors else ATTRIBUTES)


_ANCHORED = {**ATTRIBUTES, **{f"h{level}": {"id"} for level in range(2, 7)}}


def html_sanitise(html: str, *, attributes: dict = ATTRIBUTES) -> str:
    """HTML reduced to the allowed tags, attributes and link schemes: the last guard, whatever
    the HTML came from (the Markdown parser already escapes raw HTML, but this must not count
    on it)."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def markdown_text(text: str | None) -> str:
    """The words of a Markdown text without its marks (for search and summaries)."""
    if not text:
        return ""
    html = _PARSER.render(text)
    return unescape(nh3.clean(html, tags=set())).strip()

"""Users' Markdown as safe HTML: CommonMark by markdown-it-py with raw HTML off, then Ammonia
(nh3) with a short allow-list, so nothing a user writes can run in a reader's page.

Links keep only http, https and mailto; images are not rendered (media have their own field, and a
remote image would tell a third party who reads); headings start at level 2 under the page's own.
"""

from html import unescape

import nh3
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


def markdown_html(text: str | None) -> str:
    """Safe HTML for a text written in Markdown (an empty string for nothing)."""
    if not text:
        return ""
    tokens = _PARSER.parse(text)
    _headings_down(tokens)
    return html_sanitise(_PARSER.renderer.render(tokens, _PARSER.options, {}))


def html_sanitise(html: str) -> str:
    """HTML reduced to the allowed tags, attributes and link schemes: the last guard, whatever
    the HTML came from (the Markdown parser already escapes raw HTML, but this must not count
    on it)."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
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

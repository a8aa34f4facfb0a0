"""Users' Markdown renders as HTML that cannot run: an XSS corpus comes out inert."""

from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from remix.core.markdown import TAGS, html_sanitise, markdown_headings, markdown_html

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](  javascript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://example.org"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<<script>script>alert(1)<</script>/script>",
    '[a](https://example.org "x\\" onmouseover=\\"alert(1)")',
    "<details open ontoggle=alert(1)>",
    "[ok](https://example.org) [bad](javascript:alert(1)) <b onclick=alert(1)>x</b>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


class Elements(HTMLParser):
    """The elements and attributes a browser would build: text that merely shows "<script>" is
    harmless, an element or an attribute is not."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize("text", XSS)
def test_an_xss_attempt_comes_out_inert(text):
    parser = Elements()
    parser.feed(markdown_html(text))
    for tag, attrs in parser.found:
        assert tag in TAGS, (text, tag)
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", (text, name)
            if name == "href":
                assert value.split(":")[0] in ("http", "https", "mailto"), (text, value)


# HTML as a parser letting raw HTML through would hand it on: allowed tags with what must go.
RAW = [
    (
        '<a href="https://example.org" onerror="alert(1)" onclick="alert(2)">lien</a>',
        '<a href="https://example.org" rel="nofollow noopener noreferrer">lien</a>',
    ),
    ('<p onmouseover="alert(1)" style="color:red" class="x">texte</p>', "<p>texte</p>"),
    (
        '<table><tr><td onfocus="alert(1)" align="left">1</td></tr></table>',
        '<table><tbody><tr><td align="left">1</td></tr></tbody></table>',
    ),
    ('<a href="javascript:alert(1)">clic</a>', '<a rel="nofollow noopener noreferrer">clic</a>'),
    ('<a href="data:text/html,x">clic</a>', '<a rel="nofollow noopener noreferrer">clic</a>'),
    ('<h2 id="x" onclick="alert(1)">Titre</h2>', "<h2>Titre</h2>"),
    ('<img src="x" onerror="alert(1)">', ""),
    ("<script>alert(1)</script><p>après</p>", "<p>après</p>"),
    ('<iframe src="https://example.org"></iframe>', ""),
    ("<!-- caché --><p>vu</p>", "<p>vu</p>"),
]


@pytest.mark.parametrize(("html", "safe"), RAW)
def test_the_sanitiser_keeps_allowed_tags_and_strips_every_handler_on_them(html, safe):
    assert html_sanitise(html) == safe


def test_raw_html_in_markdown_shows_as_text():
    html = markdown_html('Un <b onclick="alert(1)">mot</b> et <script>alert(1)</script>')
    assert html == (
        '<p>Un &lt;b onclick="alert(1)"&gt;mot&lt;/b&gt; et '
        "&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_markdown_keeps_what_people_write():
    assert markdown_html("# Les communs\n\nUn **commun** et [un lien](https://example.org).") == (
        "<h2>Les communs</h2>\n<p>Un <strong>commun</strong> et "
        '<a href="https://example.org" rel="nofollow noopener noreferrer">un lien</a>.</p>\n'
    )
    assert "<table>" in markdown_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert markdown_html("") == "" and markdown_html(None) == ""


def test_the_template_filter_gives_the_same_safe_html():
    html = Template("{% load remix_text %}{{ body|markdown }}").render(
        Context({"body": "*oui* <script>alert(1)</script>"})
    )
    assert html.startswith("<p><em>oui</em>") and "<script" not in html


def test_headings_get_anchors_from_their_titles_never_from_the_text():
    text = '# Neutralité\n\n## 2. Ce qui est *masqué*\n\n# Neutralité\n\n<h2 id="main">x</h2>'

    html = markdown_html(text, anchors=True)

    assert [(h.level, h.title, h.anchor) for h in markdown_headings(text)] == [
        (1, "Neutralité", "art-neutralite"),
        (2, "2. Ce qui est masqué", "art-2-ce-qui-est-masque"),
        (1, "Neutralité", "art-neutralite-2"),
    ]
    assert html.startswith('<h2 id="art-neutralite">Neutralité</h2>')
    assert '<h3 id="art-2-ce-qui-est-masque">' in html and '<h2 id="main"' not in html
    assert markdown_html(text).startswith("<h2>Neutralité</h2>")  # no anchors unless asked

"""A printable handout of a story: one self-contained A4 HTML page, no scripts at all.

The page has the story's title, its source article, the overview map (a PNG inside the
page as a data: URI), a table of every event in story order (date, places, sources,
fact check, discussion question) and the credits. A teacher prints it or saves it as
PDF from the browser. The body comes from the same Jinja partials as the reader's
narrative (escaped), then nh3 cleans it with the handout's allow-list; the page's own
skeleton and style are written here. A Content-Security-Policy forbids scripts and any
request the page might make.
"""

from __future__ import annotations

import base64

from storymap.export.picture import overview_png
from storymap.geometry import route_line
from storymap.located import LocatedStory
from storymap.render import credits_html, template
from storymap.sanitise import clean
from storymap.style import category_styles

HANDOUT_TAGS = {"header", "section", "footer", "h1", "h2", "p", "em", "strong", "small", "br",
                "span", "ul", "li", "a", "blockquote", "div",
                "table", "caption", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
HANDOUT_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"class"},
    "p": {"class"},
    "div": {"class"},
    "td": {"class"},
    "th": {"class", "scope"},
    "table": {"class"},
    "section": {"class"},
    "header": {"class"},
    "footer": {"class"},
}
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STYLE = """
@page { size: A4; margin: 15mm }
html { font-family: Georgia, "DejaVu Serif", "Times New Roman", serif; font-size: 11pt;
       color: #111; line-height: 1.35; -webkit-print-color-adjust: exact; print-color-adjust: exact }
body { margin: 0 auto; max-width: 180mm }
@media screen { body { padding: 12mm 8mm } }
.kicker { margin: 0; font-size: 8.5pt; letter-spacing: .08em; text-transform: uppercase; color: #555 }
h1 { margin: 1mm 0 1mm; font-size: 20pt; line-height: 1.15 }
.subtitle { margin: 0 0 2mm; font-size: 12pt; color: #333 }
.source { margin: 0 0 3mm; font-size: 9.5pt; color: #333 }
.map { margin: 0 0 4mm }
.map img { display: block; width: 100%; height: auto; border: 0.5pt solid #999 }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt }
thead { display: table-header-group }
tr { break-inside: avoid; page-break-inside: avoid }
th, td { border: 0.5pt solid #999; padding: 1.5mm 2mm; vertical-align: top; text-align: left }
th { background: #eeeae0; font-weight: bold }
td p { margin: 0 0 1.2mm }
td ul { margin: 0; padding-left: 4mm }
td blockquote { margin: 1mm 0 1.2mm 2mm; font-style: italic }
td blockquote p { margin: 0 }
.fact-check { border-left: 2pt solid #8a5a00; padding-left: 2mm; margin: 1mm 0; font-size: 9pt }
th:nth-child(1) { width: 4% } th:nth-child(2) { width: 14% } th:nth-child(3) { width: 38% }
th:nth-child(4) { width: 12% } th:nth-child(5) { width: 16% } th:nth-child(6) { width: 16% }
.category { font-size: 8pt; font-weight: bold; text-transform: uppercase; letter-spacing: .04em }
.note { font-size: 8.5pt; color: #444 }
.credits { margin-top: 5mm; font-size: 9pt; color: #333; break-inside: avoid }
.credits h2 { font-size: 11pt; margin: 0 0 1mm }
.credits p, .credits ul { margin: 0 0 1mm }
a { color: inherit }
"""


def handout_html(located_story: LocatedStory, lang: str) -> str:
    """The handout page in ``lang``, as one HTML string."""
    story, located = located_story.story, located_story.located
    # 10 inches shrunk to the page's 180 mm keeps the map's 9 pt labels at about 6.5 pt.
    png = overview_png(located_story, lang, width_in=10, dpi=180)
    km = [route_line(e.route, located)[1] if e.route else None for e in story.events]
    categories = category_styles(story)
    body = template("handout_body.html.j2").render(
        story=story,
        lang=lang,
        km=km,
        categories=categories,
        credits=credits_html(story, lang, map_data_key="map_data_picture"),
    )
    before_map, _, after_map = body.partition("<!-- storymap:map -->")
    category_css = "\n".join(
        f".category-{name} {{ color: {style.colour} }}" for name, style in categories.items()
    )
    return template("handout.html.j2").render(
        lang=lang,
        csp=CSP,
        title=story.title.get(lang),
        style=STYLE + category_css,
        picture=base64.b64encode(png).decode("ascii"),
        before_map=_clean(before_map),
        after_map=_clean(after_map),
    )


def _clean(markup: str) -> str:
    """Our handout's allow-list: text, tables and lists; links only to http(s)."""
    return clean(markup, HANDOUT_TAGS, HANDOUT_ATTRIBUTES)

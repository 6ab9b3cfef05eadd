"""A printable handout of a story: one self-contained A4 HTML page, no scripts at all.

The page has the story's title, its source article, the overview map (a PNG inside the
page as a data: URI) and a table of every event in story order with its date, places,
sources and discussion question, then the credits. A teacher prints it or saves it as
PDF from the browser.

Safety: every story string is escaped with ``html.escape``, and the part of the page
built from the story is then cleaned by nh3 with a small allow-list (text, tables,
lists; http(s) links only). The page's own skeleton (``<html>``, ``<head>``, the
``<style>``) and the map's ``<img>`` are written here, not taken from the story, so they
are not passed through the cleaner (which would drop them). A Content-Security-Policy
forbids scripts and any request the page might make.
"""

from __future__ import annotations

import base64
import html

from storymap.export.picture import overview_png
from storymap.geocoding import Location
from storymap.geometry import route_line
from storymap.i18n import number, t
from storymap.located import LocatedStory
from storymap.model import Event, Story
from storymap.reader import credits_html, date_span, quote_attribution
from storymap.sanitise import clean
from storymap.style import CATEGORY_COLOURS

HANDOUT_TAGS = {"header", "section", "footer", "h1", "h2", "p", "em", "strong", "small", "br",
                "span", "ul", "li", "a", "blockquote",
                "table", "caption", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
HANDOUT_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"class"},
    "p": {"class"},
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
    title = story.title.get(lang)
    # 10 inches shrunk to the page's 180 mm keeps the map's 9 pt labels at about 6.5 pt.
    png = overview_png(located_story, lang, width_in=10, dpi=180)
    picture = base64.b64encode(png).decode("ascii")
    alt = t("handout_map_alt", lang, title=title)
    category_css = "\n".join(
        f".category-{name} {{ color: {colour} }}" for name, colour in CATEGORY_COLOURS.items()
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{_e(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(title)} · {_e(t('handout_title', lang))}</title>",
            f"<style>{STYLE}{category_css}\n</style>",
            "</head>",
            "<body>",
            _clean(_header(story, lang)),
            f'<figure class="map"><img src="data:image/png;base64,{picture}" alt="{_e(alt)}"></figure>',
            _clean(_events_table(story, located, lang)),
            _clean(
                f'<footer class="credits"><h2>{_e(t("credits", lang))}</h2>'
                f"{credits_html(story, lang)}</footer>"
            ),
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(story: Story, lang: str) -> str:
    article = story.source
    return (
        "<header>"
        f'<p class="kicker">{_e(t("handout_title", lang))}</p>'
        f"<h1>{_e(story.title.get(lang))}</h1>"
        f'<p class="subtitle">{_e(story.subtitle.get(lang))}</p>'
        f'<p class="source"><strong>{_e(t("source_article", lang))}</strong>: '
        f"{_e(article.outlet)}, “{_e(article.title)}” ({_e(article.date.format(lang))})</p>"
        "</header>"
    )


def _events_table(story: Story, located: dict[str, Location], lang: str) -> str:
    heads = ["#", *(t(key, lang) for key in ("col_date", "col_event", "col_places",
                                               "col_sources", "col_question"))]  # fmt: skip
    rows = [_event_row(n, story, located, event, lang) for n, event in enumerate(story.events, 1)]
    return (
        '<table class="events"><thead><tr>'
        + "".join(f'<th scope="col">{_e(head)}</th>' for head in heads)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _event_row(n: int, story: Story, located: dict[str, Location], event: Event, lang: str) -> str:
    date = f"<strong>{_e(event.date.format(lang))}</strong>"
    if not event.date.is_exact_day:
        span = t("date_span", lang, span=date_span(event.date, lang))
        date += f"<br><small>{_e(span)}</small>"

    category = t(f"category_{event.category}", lang)
    what = [
        f'<p><span class="category category-{_e(event.category)}">{_e(category)}</span><br>'
        f"<strong>{_e(event.title.get(lang))}</strong></p>",
        f"<p>{_e(event.summary.get(lang))}</p>",
    ]
    if event.route:
        _, km = route_line(event.route, located)
        origin = story.place(event.route.origin).name.get(lang)
        destination = story.place(event.route.destination).name.get(lang)
        mode = t(f"route_mode_{event.route.mode}", lang)
        distance = t("distance_km", lang, km=number(km, lang))
        what.append(
            f"<p>{_e(t('route', lang))}: {_e(origin)} → {_e(destination)} ({_e(mode)}, {_e(distance)})</p>"
        )
    if event.quote:
        quote, attribution = event.quote, quote_attribution(event.quote, lang)
        what.append(
            f"<blockquote>“{_e(quote.text.get(lang))}” <small>{_e(attribution)}</small></blockquote>"
        )
    if event.date_note:
        what.append(
            f'<p class="note">{_e(t("date_note", lang))}: {_e(event.date_note.get(lang))}</p>'
        )

    places = ", ".join(story.place(p).name.get(lang) for p in event.places)
    sources = "".join(
        f"<li>{_e(s.outlet_in(lang))}" + (f": {_e(s.claim.get(lang))}" if s.claim else "") + "</li>"
        for s in event.sources
    )
    question = _e(event.question.get(lang)) if event.question else ""
    cells = [
        f'<td class="number">{n}</td>',
        f'<td class="date">{date}</td>',
        f'<td class="event">{"".join(what)}</td>',
        f'<td class="places">{_e(places)}</td>',
        f'<td class="sources"><ul>{sources}</ul></td>',
        f'<td class="question">{question}</td>',
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _clean(markup: str) -> str:
    """Our handout's allow-list: text, tables and lists; links only to http(s)."""
    return clean(markup, HANDOUT_TAGS, HANDOUT_ATTRIBUTES)


def _e(text: str) -> str:
    return html.escape(text, quote=True)

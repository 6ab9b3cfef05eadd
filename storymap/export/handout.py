"""Printable sheets for a class: the student's and the teacher's, as self-contained HTML.

The student sheet (``handout_html``) is what a teacher photocopies: the overview map, a
time-scaled timeline (``timeline_svg``), one line per event (number, date, places, what
happened) and the discussion questions with room to answer; a story of about fifteen
events fits on two A4 or Letter pages. The teacher's sheet (``teacher_html``) has each
event's summary, sources, date note, fact check and question, and the credits. Both
print from the browser (or save as PDF); the style is ``templates/handout.css``.

The bodies come from Jinja templates (escaped), then nh3 cleans them with the sheets'
allow-list; the skeleton around them draws the picture and the timeline from our own
numbers. A Content-Security-Policy forbids scripts and any request the page might make.
"""

from __future__ import annotations

import base64
from functools import cache

from storymap.export.picture import overview_png
from storymap.export.timeline_svg import timeline_drawing
from storymap.geometry import route_line
from storymap.i18n import t
from storymap.located import LocatedStory
from storymap.package_data import TEMPLATES
from storymap.render import PictureView, credits_html, template
from storymap.sanitise import clean
from storymap.style import category_styles

HANDOUT_TAGS = {"header", "section", "footer", "h1", "h2", "p", "em", "strong", "small", "br",
                "span", "ul", "li", "a", "blockquote", "div", "figure", "figcaption", "img",
                "table", "caption", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
HANDOUT_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
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
# The student sheet's map: drawn 5.2 inches wide and printed about 96 mm wide, so the
# picture's 9 pt labels print at about 7 pt.
MAP_WIDTH_IN, MAP_DPI = 5.2, 200


@cache
def sheet_css() -> str:
    """The sheets' style (A4 and Letter), from ``templates/handout.css``."""
    return (TEMPLATES / "handout.css").read_text(encoding="utf-8")


def handout_html(located_story: LocatedStory, lang: str) -> str:
    """The student sheet in ``lang``, as one HTML string."""
    story = located_story.story
    png = overview_png(located_story, lang, width_in=MAP_WIDTH_IN, dpi=MAP_DPI, headings=False)
    body = template("handout_body.html.j2").render(
        story=story, lang=lang, view=_pictures(located_story)
    )
    drawing = timeline_drawing(located_story, lang)
    return _page(
        located_story,
        lang,
        t("handout_student", lang),
        body,
        picture=base64.b64encode(png).decode("ascii"),
        timeline=drawing,
        rows=1 + max((mark.row for mark in drawing.marks), default=0),
    )


def teacher_html(located_story: LocatedStory, lang: str) -> str:
    """The teacher's sheet in ``lang``: sources, date notes, fact checks, questions, credits."""
    story, located = located_story.story, located_story.located
    km = [route_line(e.route, located)[1] if e.route else None for e in story.events]
    body = template("teacher_body.html.j2").render(
        story=story,
        lang=lang,
        km=km,
        categories=category_styles(story),
        credits=credits_html(story, lang, map_data_key="map_data_picture"),
        view=_pictures(located_story),
    )
    return _page(located_story, lang, t("handout_teacher", lang), body)


def _page(located_story: LocatedStory, lang: str, sheet: str, body: str, **drawn: object) -> str:
    """The skeleton around a sheet's cleaned body: style, the map and timeline where marked."""
    story = located_story.story
    before_map, _, rest = body.partition("<!-- storymap:map -->")
    before_timeline, _, after_timeline = rest.partition("<!-- storymap:timeline -->")
    category_css = "\n".join(
        f".category-{name} {{ color: {style.colour} }}"
        for name, style in category_styles(story).items()
    )
    return template("handout.html.j2").render(
        lang=lang,
        csp=CSP,
        title=story.title.get(lang),
        sheet=sheet,
        style=sheet_css() + category_css,
        before_map=_clean(before_map),
        before_timeline=_clean(before_timeline),
        after_timeline=_clean(after_timeline),
        picture=drawn.get("picture"),
        timeline=drawn.get("timeline"),
        rows=drawn.get("rows", 1),
    )


def _pictures(located_story: LocatedStory) -> PictureView:
    """The story's own pictures written into the sheet (it loads nothing); pictures on the
    web are links."""
    return PictureView(located_story.pictures, inline=True, remote=False)


def _clean(markup: str) -> str:
    """Our sheets' allow-list: text, tables, lists and the story's own pictures (inline JPEG
    or PNG); links only to http(s)."""
    return clean(markup, HANDOUT_TAGS, HANDOUT_ATTRIBUTES, inline_pictures=True)

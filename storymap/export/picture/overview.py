"""The overview picture's page: title and subtitle above the map, credits below, as PNG.

Drawn on matplotlib's Agg canvas (no display, no pyplot). The map shows the story's
longitude window (``window``: across ±180° for a story across the Pacific), zoomed to
its places and routes in a projection centred on them (``projection``, ``plan``); its
layers are drawn by ``drawing``; its labels placed by ``labelling``. Every word is in the reader's
language: the story's own names (its categories' too) and the interface's (in English
for a story language the interface does not speak).
"""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from storymap.export.picture.drawing import (
    BORDER,
    MUTED,
    TEXT,
    LegendEntry,
    draw_areas,
    draw_countries,
    draw_legend,
    draw_places,
    draw_routes,
)
from storymap.export.picture.labelling import draw_labels
from storymap.export.picture.marks import Mark, RouteMark, story_areas
from storymap.export.picture.plan import plan_map
from storymap.export.picture.text import (
    ELLIPSIS,
    LEGEND_CHARS,
    SOURCE_CHARS,
    SUBTITLE_CHARS,
    TITLE_CHARS,
    bounded,
    plain,
)
from storymap.i18n import number, t
from storymap.located import LocatedStory
from storymap.model import Story
from storymap.style import OCEAN, ROUTE_STYLES, category_styles

TITLE_PT, SUBTITLE_PT, CREDITS_PT = 18, 11, 8
TITLE_LINES, SUBTITLE_LINES, CREDITS_LINES = 3, 3, 2  # at most; a longer text ends in "…"
SIDE_IN = 0.25  # white on either side of the map
LINESPACING = 1.2  # of the headings, in font sizes


def overview_png(
    located_story: LocatedStory,
    lang: str = "en",
    width_in: float = 12,
    dpi: int = 150,
    headings: bool = True,
) -> bytes:
    """The whole story on one static map, as PNG bytes; with ``headings`` (the picture on
    its own) its title and subtitle above it, its legend and its credits below; else the
    map alone (a handout says them in its own words, its key is the sheet's)."""
    story = located_story.story
    plan = plan_map(located_story, lang)
    marks, routes, projection, frame = plan.marks, plan.routes, plan.projection, plan.frame
    side = SIDE_IN if headings else 0.05
    map_w = width_in - 2 * side
    map_h = map_w * frame.height / frame.width

    fig = Figure(figsize=(width_in, width_in), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    credits = t("picture_credits", lang, outlet=bounded(story.source.outlet, SOURCE_CHARS),
                title=bounded(story.source.title, SOURCE_CHARS))  # fmt: skip
    title, title_h = _heading(fig, canvas, bounded(story.title.get(lang), TITLE_CHARS), map_w,
                              TITLE_LINES, fontsize=TITLE_PT, fontweight="bold", color=TEXT)  # fmt: skip
    subtitle, subtitle_h = _heading(fig, canvas, bounded(story.subtitle.get(lang), SUBTITLE_CHARS),
                                    map_w, SUBTITLE_LINES, fontsize=SUBTITLE_PT, color=MUTED)  # fmt: skip
    footer, footer_h = _heading(fig, canvas, credits, map_w, CREDITS_LINES, fontsize=CREDITS_PT,
                                color=MUTED)  # fmt: skip
    top_in = 0.2 + title_h + 0.1 + subtitle_h + 0.25 if headings else 0.05
    bottom_in = 0.12 + footer_h + 0.15 if headings else 0.05
    if not headings:
        for artist in (title, subtitle, footer):
            artist.remove()
    height_in = top_in + map_h + bottom_in
    fig.set_size_inches(width_in, height_in)
    title.set_position((SIDE_IN, height_in - 0.2))
    subtitle.set_position((SIDE_IN, height_in - 0.2 - title_h - 0.1))
    footer.set_position((SIDE_IN, 0.12 + footer_h))

    ax = fig.add_axes((side / width_in, bottom_in / height_in, map_w / width_in, map_h / height_in))
    ax.set_facecolor(OCEAN)
    ax.set_xlim(frame.x0, frame.x1)  # before anything is drawn: fixed, not autoscaled
    ax.set_ylim(frame.y0, frame.y1)
    ax.set_aspect("equal")
    ax.apply_aspect()  # the axes' final box, so display coordinates are the drawn ones
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor(BORDER)

    draw_countries(ax, projection)
    draw_areas(ax, story_areas(story, located_story.located), projection)
    lengths = [t("distance_km", lang, km=number(route.km, lang)) for route in routes]
    drawn = draw_routes(ax, routes, plan.pieces, projection, lengths)
    points = projection.project([(m.lon, m.lat) for m in marks])
    draw_places(ax, marks, points)
    ax.set_xlabel("")
    ax.set_ylabel("")

    renderer = canvas.get_renderer()
    entries = legend_entries(story, marks, routes, lang)
    legend = draw_legend(ax, renderer, t("legend", lang), entries, points) if headings else None
    draw_labels(ax, renderer, marks, points, drawn, legend)

    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    fig.clear()
    return out.getvalue()


def legend_entries(
    story: Story, marks: list[Mark], routes: list[RouteMark], lang: str
) -> list[LegendEntry]:
    """The categories the story uses, with their names in ``lang``; a hollow dot if some
    date is not exact; one line per route mode used, in its style."""
    entries = [
        LegendEntry(bounded(style.name.get(lang), LEGEND_CHARS), style.colour)
        for style in category_styles(story).values()
    ]
    if not all(m.exact for m in marks):
        entries.append(LegendEntry(t("precision_note", lang), MUTED, "hollow"))
    used = {route.mode for route in routes}
    entries += [
        LegendEntry(_first_upper(t(f"route_mode_{mode}", lang)), MUTED, mode)
        for mode in ROUTE_STYLES
        if mode in used
    ]
    return entries


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _heading(
    fig: Figure, canvas: FigureCanvasAgg, text: str, width_in: float, lines: int, **style: object
) -> tuple[Text, float]:
    """A text above or below the map in at most ``lines`` lines of ``width_in``, the last
    one ending in an ellipsis if the text is longer; the text and its height in inches.

    The height counts lines, not rendered pixels, so the page's size does not change
    with how a platform's font hinting rounds the glyphs.
    """
    artist = fig.text(0, 0, "", transform=fig.dpi_scale_trans, va="top",
                      linespacing=LINESPACING, **style)  # fmt: skip
    renderer = canvas.get_renderer()
    room = width_in * fig.dpi

    def width_of(line: str) -> float:
        artist.set_text(plain(line))
        return artist.get_window_extent(renderer).width

    rows = [text]
    if width_of(text) > room:
        chars = max(8, int(len(text) * room / width_of(text)))
        while (
            (rows := textwrap.wrap(text, chars)) and max(map(width_of, rows)) > room and chars > 8
        ):
            chars = max(8, int(chars * 0.9))
    if len(rows) > lines:
        rows = rows[:lines]
        last = rows[-1]
        while last and width_of(last + ELLIPSIS) > room:
            last = last[:-1]
        rows[-1] = last.rstrip() + ELLIPSIS
    artist.set_text(plain("\n".join(rows)))
    return artist, len(rows) * artist.get_fontsize() * LINESPACING / 72

"""What the reader's map needs: the story's steps, a browser payload, and narrative HTML.

The browser gets the whole located story once (``reader_payload``) and reveals
events itself as the slider moves, so a step never re-sends the story. The
narrative for a step is built here as HTML in which every story string is escaped
and the result is cleaned by nh3, so a hostile story shows its text and runs nothing.
"""

from __future__ import annotations

import html
from typing import Any

from babel.dates import format_date

from storymap.dates import PartialDate
from storymap.geocoding import Location
from storymap.geometry import bounds_of, line_to_leaflet, route_line, to_leaflet
from storymap.i18n import number, strings, t
from storymap.model import CATEGORIES, LANGS, Event, Quote, Story
from storymap.sanitise import clean
from storymap.steps import Step, step_label, story_steps
from storymap.style import CATEGORY_COLOURS

# Interface words the browser needs (the rest of the page is rendered by the server).
BROWSER_UI_KEYS = (
    "previous", "next", "play", "pause", "slider_label", "legend", "precision_note",
    "basemap_carto", "basemap_osm", "basemap_offline", "overview",
    "route_mode_flight", "route_mode_road_rail", "route_mode_troop_deployment",
    "route_mode_sea", "route_mode_road", "route_mode_rail", "route_mode_walk",
    "route_mode_deployment", "route_mode_other",
)  # fmt: skip


def reader_payload(story: Story, located: dict[str, Location]) -> dict[str, Any]:
    """Everything the browser needs to draw and reveal the story, sent once per story."""
    place_index = {place.id: i for i, place in enumerate(story.places)}
    steps = story_steps(story)
    step_of_event = {i: step.index for step in steps for i in step.events}
    events = []
    for i, event in enumerate(story.events):
        item: dict[str, Any] = {
            "id": event.id,
            "category": event.category,
            "places": [place_index[p] for p in event.places],
            "exact": event.date.is_exact_day,
            "title": {lang: event.title.get(lang) for lang in LANGS},
            "date": {lang: event.date.format(lang, short=True) for lang in LANGS},
            "step": step_of_event[i],
        }
        if event.route:
            line, km = route_line(event.route, located)
            item["route"] = {
                "mode": event.route.mode,
                "from": place_index[event.route.origin],
                "to": place_index[event.route.destination],
                "latlngs": [[round(a, 4), round(b, 4)] for a, b in line_to_leaflet(line)],
                "km": {lang: t("distance_km", lang, km=number(km, lang)) for lang in LANGS},
            }
        events.append(item)
    places = [
        {
            "id": place.id,
            "name": {lang: place.name.get(lang) for lang in LANGS},
            "latlng": to_leaflet(round(located[place.id].lon, 5), round(located[place.id].lat, 5)),
            "kind": place.kind,
            "radius_km": located[place.id].precision_km,
        }
        for place in story.places
    ]
    return {
        "story": {"id": story.id, "title": {lang: story.title.get(lang) for lang in LANGS}},
        "places": places,
        "events": events,
        "steps": [
            {
                "events": list(step.events),
                "label": {lang: step_label(story, step, lang, short=True) for lang in LANGS},
                "title": {lang: step_label(story, step, lang) for lang in LANGS},
            }
            for step in steps
        ],
        "bounds": bounds_of(list(located.values())),
        "categories": {
            name: {"colour": CATEGORY_COLOURS[name], "label": _both(f"category_{name}")}
            for name in CATEGORIES
        },
        "ui": {key: _both(key) for key in BROWSER_UI_KEYS},
    }


def _both(key: str) -> dict[str, str]:
    return {lang: strings()[key][lang] for lang in LANGS}


def narrative_html(story: Story, step: Step, lang: str) -> str:
    """The narrative panel for one step, safe to put in a page."""
    if step.kind == "overview-start":
        first, last = story.events[0].date, story.events[-1].date
        body = t(
            "overview_start_body",
            lang,
            places=len(story.places),
            events=len(story.events),
            first=first.format(lang),
            last=last.format(lang),
        )
        parts = [_h(3, t("overview_start_title", lang)), _p(body)]
    elif step.kind == "overview-end":
        body = t("overview_end_body", lang, events=len(story.events))
        parts = [_h(3, t("overview_end_title", lang)), _p(body)]
    else:
        parts = [_event_html(story, story.events[i], lang) for i in step.events]
    return clean("\n".join(parts))


def _event_html(story: Story, event: Event, lang: str) -> str:
    date_class = "date exact" if event.date.is_exact_day else "date vague"
    places = ", ".join(story.place(p).name.get(lang) for p in event.places)
    category = t(f"category_{event.category}", lang)
    span = ""
    if not event.date.is_exact_day:
        span = f" · <small>{_e(t('date_span', lang, span=date_span(event.date, lang)))}</small>"
    parts = [
        f'<p class="{date_class}"><strong>{_e(event.date.format(lang))}</strong> · {_e(category)}{span}</p>',
        _h(3, event.title.get(lang)),
        f'<p class="places">{_e(t("places", lang))}: {_e(places)}</p>',
        _p(event.summary.get(lang)),
    ]
    if event.route:
        origin = story.place(event.route.origin).name.get(lang)
        destination = story.place(event.route.destination).name.get(lang)
        mode = t(f"route_mode_{event.route.mode}", lang)
        parts.append(
            f'<p class="route">{_e(t("route", lang))}: {_e(origin)} → {_e(destination)} ({_e(mode)})</p>'
        )
    if event.quote:
        quote, attribution = event.quote, quote_attribution(event.quote, lang)
        parts.append(
            f"<blockquote><p>“{_e(quote.text.get(lang))}”</p><p><small>{_e(attribution)}</small></p></blockquote>"
        )
    for media in event.media:
        parts.append(_media_html(media, lang))
    if event.date_note:
        parts.append(
            f'<p class="note"><small>{_e(t("date_note", lang))}: {_e(event.date_note.get(lang))}</small></p>'
        )
    sources = "; ".join(
        s.outlet_in(lang) + (f" ({s.claim.get(lang)})" if s.claim else "") for s in event.sources
    )
    parts.append(
        f'<p class="sources"><small>{_e(t("reported_by", lang))}: {_e(sources)}</small></p>'
    )
    return '<div class="event">' + "\n".join(parts) + "</div>"


def date_span(date: PartialDate, lang: str) -> str:
    """The days a vague date may be, said plainly: '1–30 April 2025'."""
    first, last = date.earliest, date.latest
    if first == last:
        return format_date(first, "d MMMM y", locale=lang)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_date(last, 'd MMMM y', locale=lang)}"
    if first.year == last.year:
        return f"{format_date(first, 'd MMMM', locale=lang)} – {format_date(last, 'd MMMM y', locale=lang)}"
    return f"{format_date(first, 'd MMMM y', locale=lang)} – {format_date(last, 'd MMMM y', locale=lang)}"


def quote_attribution(quote: Quote, lang: str) -> str:
    """'— speaker, quoted via outlet', saying so when the words are our translation."""
    translated = f" {t('our_translation', lang)}" if quote.original_language != lang else ""
    return t("quote_via", lang, speaker=quote.speaker, via=quote.via_in(lang)) + translated


def _media_html(media: Any, lang: str) -> str:
    caption = media.caption.get(lang) if media.caption else ""
    credit = f"{caption} © {media.credit}".strip()
    if media.kind == "image":
        return f'<figure><img src="{_e(media.url)}" alt="{_e(caption)}"><figcaption>{_e(credit)}</figcaption></figure>'
    return f'<p><a href="{_e(media.url)}">{_e(caption or media.url)}</a> <small>{_e(credit)}</small></p>'


def speaker_notes_html(story: Story, step: Step, lang: str) -> str:
    """For the teacher, not the projector: who reported each claim, date notes, questions."""
    parts = []
    for i in step.events:
        event = story.events[i]
        items = [
            f"<li>{_e(s.outlet_in(lang))}"
            + (f": {_e(s.claim.get(lang))}" if s.claim else "")
            + "</li>"
            for s in event.sources
        ]
        parts.append(f"<h4>{_e(event.title.get(lang))}</h4>")
        parts.append(f"<p><strong>{_e(t('sources', lang))}</strong></p><ul>{''.join(items)}</ul>")
        if event.date_note:
            parts.append(
                f"<p><strong>{_e(t('date_note', lang))}</strong>: {_e(event.date_note.get(lang))}</p>"
            )
        if event.question:
            parts.append(
                f"<p><strong>{_e(t('question', lang))}</strong>: {_e(event.question.get(lang))}</p>"
            )
    if not parts:
        parts.append(f"<p>{_e(t('no_notes', lang))}</p>")
    return clean('<div class="speaker-notes">' + "".join(parts) + "</div>")


def event_list_html(story: Story, lang: str) -> str:
    """Every event in story order as a text list: the map's data for screen readers."""
    items = []
    for event in story.events:
        places = ", ".join(story.place(p).name.get(lang) for p in event.places)
        sources = ", ".join(s.outlet_in(lang) for s in event.sources)
        items.append(
            f"<li><strong>{_e(event.date.format(lang))}</strong>: {_e(event.title.get(lang))} "
            f"<small>({_e(places)}; {_e(t('reported_by', lang))}: {_e(sources)})</small></li>"
        )
    return clean('<ol class="event-list">' + "".join(items) + "</ol>")


def credits_html(story: Story, lang: str) -> str:
    """The article, the outlets it cites, who made the map, and the map data's licences."""
    article = story.source
    outlets = dict.fromkeys(s.outlet_in(lang) for e in story.events for s in e.sources)
    people = [f"{c.role.get(lang)}: {c.name}" for c in story.credits]
    parts = [
        f"<p><strong>{_e(t('source_article', lang))}</strong>: {_e(article.outlet)}, "
        f"“{_e(article.title)}” ({_e(article.date.format(lang))})"
        + (f' <a href="{_e(article.url)}">{_e(article.url)}</a>' if article.url else "")
        + "</p>",
        f"<p><strong>{_e(t('cited_outlets', lang))}</strong>: {_e(', '.join(outlets))}</p>",
        "<ul>" + "".join(f"<li>{_e(p)}</li>" for p in people) + "</ul>",
        f"<p><strong>{_e(t('map_data', lang))}</strong>: {_e(t('map_data_body', lang))}</p>",
        f"<p><small>{_e(t('written_by_us', lang))}</small></p>",
    ]
    return clean("\n".join(parts))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _h(level: int, text: str) -> str:
    return f"<h{level}>{_e(text)}</h{level}>"


def _p(text: str) -> str:
    return f"<p>{_e(text)}</p>"

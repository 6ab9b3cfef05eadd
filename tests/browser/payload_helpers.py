"""Watching a page for any sign that story text ran as code, and walking a reader to its
last step with every label and tooltip shown (for test_payloads_browser.py)."""

from __future__ import annotations

import json
import time

from browser_helpers import BLANK_TILE, Watched, open_page, wait_until
from payload_story import ATTACKER_HOST, MEDIA_HOST, TEMPLATE_RESULT, what_ran
from playwright.sync_api import Error as PlaywrightError

# In every frame, from its first script: each Content-Security-Policy violation, kept in the
# top page's list (or the frame's own when the top is another origin).
RECORD_VIOLATIONS = """document.addEventListener('securitypolicyviolation', (e) => {
  const line = `${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} in ${location.href.slice(0, 90)}`;
  try { (window.top.__violations = window.top.__violations || []).push(line); }
  catch (err) { (window.__violations = window.__violations || []).push(line); }
});"""

# What a payload leaves behind in a frame, run or not: the number it wrote, an element
# carrying its handler or address (or a frame's document holding its markup as markup, not
# as an escaped string), a template that computed 7*191.
TRACES = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  violations: window.__violations || [],
  injected: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes]
    .filter((a) => (/__pwned|ATTACKER/.test(a.value)
        && /^(on.*|href|src|action|formaction|data|xlink:href)$/i.test(a.name))
      || (a.name === 'srcdoc' && /<[a-z][^>]*__pwned/i.test(a.value)))
    .map((a) => `<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`)),
  evaluated: Boolean(document.body) && document.body.innerText.includes('RESULT'),
})""".replace("ATTACKER", ATTACKER_HOST.replace(".", "\\.")).replace("RESULT", TEMPLATE_RESULT)

# The reader's state at its step, every tooltip of the map opened and read (Leaflet's API).
SHOWN = """() => {
  const reader = window.storyReader;
  const events = reader.data.steps[reader.step].events;
  const tips = [];
  reader.map.eachLayer((layer) => {
    const tip = layer.getTooltip && layer.getTooltip();
    if (!tip) return;
    layer.openTooltip();
    tips.push(tip.getElement().textContent);
    layer.closeTooltip();
  });
  return {
    step: reader.step, events: events.length, names: reader.text.places, tips,
    labels: reader.layers.labels.getLayers().map((label) => label.getElement().textContent),
    narrative: document.getElementById('narrative').textContent,
    titles: events.map((i) => reader.text.events[i].title),
    notes: reader.notes ? document.getElementById('notes').textContent : null,
  };
}"""

# A point of the map where a current place is drawn and nothing covers it (a control, the
# legend), to hover it with the mouse.
CURRENT_PLACE = """() => {
  const reader = window.storyReader;
  const box = reader.map.getContainer().getBoundingClientRect();
  for (const [p, state] of reader.layers.placeStates.entries()) {
    if (state.state !== 'current') continue;
    const point = reader.map.latLngToContainerPoint(reader.layers.markers[p].getLatLng());
    const top = document.elementFromPoint(box.left + point.x, box.top + point.y);
    if (top && top.tagName === 'CANVAS') return {x: point.x, y: point.y};
  }
  return null;
}"""


# The text of the tooltip the mouse opened (a place's, or a route's drawn over it), if one
# is open (Leaflet's API).
HOVERED = """(() => {
  const layers = window.storyReader.layers;
  const open = [...layers.markers, ...layers.routes.values()].find((layer) => layer.isTooltipOpen());
  return open ? open.getTooltip().getElement().textContent : '';
})()"""


def watch(browser: object) -> Watched:
    """A laptop-sized page with no network, no motion, and every trace recorded (in the
    windows it opens too: the speaker view)."""
    watched = open_page(browser, 1280, 800)
    page = watched.page
    page.emulate_media(reduced_motion="reduce")  # steps move the map at once: no waiting
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.on("request", lambda r: watched.requests.append(r.url) if ATTACKER_HOST in r.url else None)
    page.route(  # after open_page's own: the page's last route is asked first
        f"{MEDIA_HOST}/**", lambda route: route.fulfill(content_type="image/png", body=BLANK_TILE)
    )
    return watched


def follow(window: object) -> Watched:
    """A window the page opened (the speaker view), watched as ``watch`` watches a page."""
    watched = Watched(window)
    window.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    window.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    window.on("dialog", lambda dialog: (watched.dialogs.append(dialog.message), dialog.dismiss()))
    window.on(
        "request", lambda r: watched.requests.append(r.url) if ATTACKER_HOST in r.url else None
    )
    return watched


def traces(watched: Watched, fields: dict[int, str]) -> list[str]:
    """Everything the payloads left in the page and all its frames; empty when none ran."""
    found = [f"dialog opened by {what_ran(message, fields)}" for message in watched.dialogs]
    found += [f"asked for {url}" for url in watched.requests]
    found += [f"console: {error[:200]}" for error in watched.errors]
    for frame in watched.page.frames:
        try:
            state = frame.evaluate(TRACES)
        except PlaywrightError:  # a frame replaced while we looked
            continue
        where = frame.url.split("?")[0][-70:]
        if state["pwned"] is not None:
            found.append(f"ran in {where}: {what_ran(state['pwned'], fields)}")
        found += [f"policy in {where}: {line}" for line in state["violations"]]
        found += [f"element in {where}: {element}" for element in state["injected"]]
        if state["evaluated"]:
            found.append(f"a template computed our text in {where}")
    return found


def walk(frame: object, wrong: list[str]) -> int:
    """Every step from the first to the last with ▶▶ (through each slide of a long step in
    the presenter); at each step, what is not shown as text
    goes into ``wrong``: the places' labels must be the places' names, every tooltip must
    open and read as text (one opened by the mouse on a current place), the narrative must
    show the events' titles. Returns the number of steps."""
    frame.evaluate("window.storyReader.goTo(0, {fromUser: true})")
    last = frame.evaluate("window.storyReader.lastStep")
    for step in range(last + 1):
        while frame.evaluate("window.storyReader.step") < step:
            _next(frame)
        wait_until(frame, f"window.storyReader.step === {step}")
        if frame.evaluate(f"window.storyReader.data.steps[{step}].events.length > 0"):
            wait_until(frame, "window.storyReader.layers.labels.getLayers().length > 0")
        shown = frame.evaluate(SHOWN)
        wrong += [f"step {step}: label {label[:60]!r}" for label in shown["labels"]
                  if label not in shown["names"]]  # fmt: skip
        wrong += [f"step {step}: tooltip {tip[:60]!r}" for tip in shown["tips"] if tip[:1] != "T"]
        wrong += [f"step {step}: narrative lacks {title[:40]!r}" for title in shown["titles"]
                  if title not in shown["narrative"]]  # fmt: skip
        if not shown["tips"]:
            wrong.append(f"step {step}: no tooltip")
        if shown["events"]:
            hovered = _hover_current_place(frame)
            if hovered is not None and hovered[:1] != "T":
                wrong.append(f"step {step}: the mouse opened no tooltip ({hovered[:60]!r})")
    return last + 1


# Where the reader is: its step and, in the presenter, the slide of the step.
POSITION = "[window.storyReader.step, Number(window.storyReader.root.dataset.page || 0)]"


def _next(frame: object) -> None:
    """Click ▶▶ and wait until the reader has moved (a step, or a slide of a long step)."""
    before = frame.evaluate(POSITION)
    frame.locator("#next").click()
    wait_until(frame, f"JSON.stringify({POSITION}) !== {json.dumps(json.dumps(before))}")


def _hover_current_place(frame: object) -> str | None:
    """Move the mouse onto a current place until a tooltip opens; its text ("" if none
    opened in 10 s; None if every current place is under a control). Leaflet's canvas
    ignores a move within 32 ms of the last one, so the mouse keeps moving by a pixel."""
    where = frame.evaluate(CURRENT_PLACE)
    if where is None:
        return None
    deadline = time.monotonic() + 10
    nudge = 0
    while not frame.evaluate(HOVERED) and time.monotonic() < deadline:
        frame.locator("#map").hover(position={"x": where["x"] + nudge, "y": where["y"]})
        nudge = 1 - nudge
        time.sleep(0.04)
    return frame.evaluate(HOVERED)

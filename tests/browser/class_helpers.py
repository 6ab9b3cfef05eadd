"""Helpers for the class tests: where the reader is, walking it with each input, and
whether a projected slide fits (every line of text inside the panel, nothing too small).
"""

from __future__ import annotations

from itertools import pairwise

from app_server import PAGE_IDLE
from browser_helpers import wait_until

INPUTS = ("keys", "clicker", "buttons", "slider")
FORWARD = {"keys": "ArrowRight", "clicker": "PageDown"}
BACK = {"keys": "ArrowLeft", "clicker": "PageUp"}

# Where the reader is and what it shows: step, slide, counter, words, address.
POSITION = """() => {
  const r = window.storyReader;
  return {step: r.step, page: r.slides ? r.slides.page : 0, pages: r.slides ? r.slides.pages : 1,
          last: r.lastStep, count: document.getElementById('step-count').textContent,
          words: document.getElementById('narrative').textContent,
          atEnd: document.getElementById('next').disabled,
          atStart: document.getElementById('prev').disabled,
          endTitle: new DOMParser().parseFromString(r.text.overview['overview-end'], 'text/html').querySelector('h3').textContent,
          startTitle: new DOMParser().parseFromString(r.text.overview['overview-start'], 'text/html').querySelector('h3').textContent};
}"""

# The slide on the projector now: every line of text on it lies wholly inside the panel;
# the smallest type on it; whether the date in the control bar is cut. Lines of the other
# slides (columns left or right of the panel) are not on the screen.
SLIDE = """() => {
  const panel = document.getElementById('panel').getBoundingClientRect();
  const narrative = document.getElementById('narrative');
  const cut = [];
  let smallest = Infinity, lines = 0;
  const walker = document.createTreeWalker(narrative, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (!r.width || !r.height || r.right <= panel.left + 1 || r.left >= panel.right - 1) continue;
      lines += 1;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(node.parentElement).fontSize));
      if (r.left < panel.left - 1 || r.right > panel.right + 1 || r.top < panel.top - 1 || r.bottom > panel.bottom + 1) {
        cut.push(node.textContent.trim().slice(0, 40));
      }
    }
  }
  const date = document.getElementById('date-label');
  const r = window.storyReader;
  return {step: r.step, page: r.slides ? r.slides.page : 0, lines, smallest, cut: [...new Set(cut)],
          dateCut: date.scrollWidth > date.clientWidth + 1 || date.scrollHeight > date.clientHeight + 1
            ? date.textContent : null,
          inView: document.getElementById('reader').getBoundingClientRect().bottom <= innerHeight + 1};
}"""


def position(frame: object) -> dict:
    """Where the reader is (once its page has one: a preview's frame that was drawn again
    under a late run of the page has a moment with no reader yet)."""
    wait_until(frame, "Boolean(window.storyReader && window.storyReader.text)", 30)
    return frame.evaluate(POSITION)


def settled(page: object, frame: object, app: bool) -> None:
    """The page has heard of the reader's last step: the server's run for it has come
    back to the reader (the app), or the address is written (a file, at once)."""
    if app:
        wait_until(frame, "window.storyBridge.ack() >= window.storyBridge.seq()")
        wait_until(page, PAGE_IDLE, 30)


def address(page: object) -> str:
    return page.url


def move(page: object, frame: object, how: str, forward: bool) -> None:
    if how in FORWARD:
        page.keyboard.press(FORWARD[how] if forward else BACK[how])
    else:
        frame.locator("#next" if forward else "#prev").click()


def walk(page: object, frame: object, how: str, forward: bool) -> list[tuple[int, int]]:
    """Step from one end to the other with ``how``; the positions seen, in order. Every
    press moves one slide (or one step) on, and the walk ends where the reader says it
    can go no further."""
    here = position(frame)
    seen = [(here["step"], here["page"])]
    if how == "slider":
        order = range(1, here["last"] + 1) if forward else range(here["last"] - 1, -1, -1)
        for step in order:
            frame.locator("#slider").fill(str(step))
            wait_until(frame, f"window.storyReader.step === {step}", timeout_s=10)
            seen.append((step, position(frame)["page"]))
        return seen
    for _ in range(200):
        here = position(frame)
        if here["atEnd" if forward else "atStart"]:
            return seen
        move(page, frame, how, forward)
        wait_until(
            frame,
            f"window.storyReader.step !== {here['step']} || "
            f"(window.storyReader.slides && window.storyReader.slides.page !== {here['page']})",
            timeout_s=10,
        )
        now = position(frame)
        seen.append((now["step"], now["page"]))
    raise AssertionError(f"{how}: no end after 200 moves: {seen[-5:]}")


def assert_walk_in_order(seen: list[tuple[int, int]], forward: bool, last: int) -> None:
    """A walk visits every step once, in order, each slide of a step in order."""
    steps = [step for step, _ in seen]
    expected = list(range(last + 1)) if forward else list(range(last, -1, -1))
    assert list(dict.fromkeys(steps)) == expected, seen
    for (s1, p1), (s2, p2) in pairwise(seen):
        if s1 == s2:
            assert p2 == p1 + (1 if forward else -1), seen


def assert_at_end(page: object, frame: object, what: str) -> None:
    here = position(frame)
    assert here["step"] == here["last"], (what, here)
    assert here["count"] == f"{here['last'] + 1} / {here['last'] + 1}", (what, here)
    assert here["endTitle"] in here["words"], (what, here["words"][:80])
    assert "step=end" in address(page) and "event=" not in address(page), (what, address(page))


def assert_at_start(page: object, frame: object, what: str) -> None:
    here = position(frame)
    assert here["step"] == 0 and here["count"] == f"1 / {here['last'] + 1}", (what, here)
    assert here["startTitle"] in here["words"], (what, here["words"][:80])
    assert "step=" not in address(page) and "event=" not in address(page), (what, address(page))


def stays(page: object, frame: object, app: bool, expected_step: int) -> None:
    """After the page has answered the reader's last step, the reader is still there."""
    settled(page, frame, app)
    assert frame.evaluate("window.storyReader.step") == expected_step

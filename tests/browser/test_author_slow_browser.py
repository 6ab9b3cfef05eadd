"""The author page when the server is slow: what the author types is never lost.

On a busy server the answer to an edit (the page run again) can reach the browser seconds
after the edit. Meanwhile the page looks idle and the author goes on typing. Here the
browser's websocket holds back everything the server says until the test lets it through,
which makes "slow" exact: the server has finished the run, and the page has not heard.
"""

from __future__ import annotations

import pytest
from author_helpers import SLOW, field, open_author, wait_idle
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

pytestmark = pytest.mark.browser

TITLE = "Title · en"


class SlowServer:
    """Between the page and the server: while ``holding``, the server's messages wait."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.holding = False
        self.held: list[bytes | str] = []
        self.socket = None
        page.route_web_socket("**/_stcore/stream", self._connect)

    def _connect(self, socket: object) -> None:
        server = socket.connect_to_server()  # the page's own messages go straight through
        self.socket = socket
        server.on_message(self._from_server)

    def _from_server(self, message: bytes | str) -> None:
        if self.holding:
            self.held.append(message)
        else:
            self.socket.send(message)

    def wait_for_run_end(self) -> None:
        """Until the server has finished a run whose messages are held back."""
        for _ in range(SLOW // 100):
            if any(_finishes_run(message) for message in self.held):
                return
            self.page.wait_for_timeout(100)
        raise TimeoutError("the server did not finish the run")

    def release(self) -> None:
        held, self.held, self.holding = self.held, [], False
        for message in held:
            self.socket.send(message)


def _finishes_run(message: bytes | str) -> bool:
    if isinstance(message, str):
        return False
    msg = ForwardMsg()
    msg.ParseFromString(message)
    return msg.WhichOneof("type") == "script_finished"


def open_story_slowly(browser: object, server: object) -> tuple[object, SlowServer]:
    watched = open_author(browser, server)
    page = watched.page
    slow = SlowServer(page)
    page.reload()  # the websocket now passes through SlowServer
    page.get_by_role("tab", name="An existing story").click(timeout=SLOW)
    page.get_by_role("button", name="Open this story").click()
    field(page, TITLE).wait_for(timeout=SLOW)
    wait_idle(page)
    return page, slow


def title_after_reload(page: object) -> str:
    """The title the server keeps in the draft (the address names it)."""
    page.reload()
    box = field(page, TITLE)
    box.wait_for(timeout=SLOW)
    return box.input_value()


def test_typing_while_the_last_edit_is_answered_is_kept(browser, author_server, close_pages):
    page, slow = open_story_slowly(browser, author_server)
    box = field(page, TITLE)
    for first, second in (("Title one", "Title two"), ("Title three", "Title four")):
        slow.holding = True
        box.fill(first)
        box.press("Enter")
        slow.wait_for_run_end()  # the server has the first title; the page has not heard
        box.fill(second)  # the author types on, in the same box
        slow.release()
        wait_idle(page)
        expect(box).to_have_value(second)  # not replaced by the late answer
        box.press("Enter")
        wait_idle(page)
    assert title_after_reload(page) == "Title four"


def test_an_edit_sent_while_the_last_is_answered_reaches_the_server(
    browser, author_server, close_pages
):
    page, slow = open_story_slowly(browser, author_server)
    box = field(page, TITLE)
    slow.holding = True
    box.fill("First title")
    box.press("Enter")
    slow.wait_for_run_end()
    box.fill("Second title")
    box.press("Enter")  # sent while the first edit's answer is still held
    page.wait_for_timeout(1000)
    slow.release()
    wait_idle(page)
    expect(box).to_have_value("Second title")
    assert title_after_reload(page) == "Second title"

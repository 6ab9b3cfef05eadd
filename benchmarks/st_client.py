"""One browser tab's conversation with a Streamlit server, spoken at the protocol level.

A browser tab and the server exchange Streamlit's own protobufs over one websocket
(``/_stcore/stream``): the tab sends ``BackMsg`` (a run asked for: the address's query,
the page, the widgets' values, a fragment's id), the server answers with ``ForwardMsg``
(a run started, elements, the address, the run's end). ``Tab`` does what the tab does,
without a browser: it asks for runs and keeps what the load generator needs from the
answers (widgets by key, the reader component and its ``ack``, the address, app errors).

As a tab does, every run it asks for carries the value of every widget on the page (the
server reads other widgets' values in a callback): the value the server drew it with,
or the one this tab gave it since. What a real tab does that this does not: download
Streamlit's page and scripts, and draw.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

FINISHED = {0: "ok", 1: "compile error", 2: "early for a rerun", 3: "fragment ok"}
# Messages a tab sends its server at once (a rerun); an element bigger than this is rare.
MAX_MESSAGE = 64 * 1024 * 1024


@dataclass
class Widget:
    id: str
    kind: str  # the element's type: text_input, button, button_group, component_instance…
    label: str
    fragment: str  # the fragment it was drawn in ('' for the whole page)
    args: dict[str, Any] = field(default_factory=dict)  # a component's arguments
    component: str = ""  # a component's name: its files are at /component/<name>/


class TabError(Exception):
    """The server said something a reader would see as broken, or closed the socket."""


class Tab:
    """A connected tab: ``await Tab.open(url, page, query)``, then ``run`` widget changes."""

    def __init__(self, socket: ClientConnection, url: str, page: str, query: str) -> None:
        self.socket = socket
        self.url = url
        self.page = page
        self.query = query
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # by key (the end of the widget's id)
        self._states: dict[str, WidgetState] = {}  # by id: what the page holds now
        self._drawn: dict[str, WidgetState] = {}  # by id: drawn by the run under way
        self._given: dict[str, WidgetState] = {}  # by id: values this tab gave
        self.errors: list[str] = []
        self.runs_finished = 0
        self._fragment = ""
        self._on_page: set[str] = set()  # ids of every widget on the page
        self._drawn_ids: set[str] = set()
        self._fragment_of: dict[str, str] = {}
        self._set_by_server: dict[str, bool] = {}
        self._changed = asyncio.Event()
        self._listener = asyncio.create_task(self._listen())

    @classmethod
    async def open(
        cls,
        url: str,
        page: str = "",
        query: str = "",
        timeout: float = 120,
        cookies: dict[str, str] | None = None,
    ) -> Tab:
        """Connect as a tab opening ``url/page?query`` does (with the browser's ``cookies``),
        and wait for its first run."""
        stream = url.replace("http", "ws", 1) + "/_stcore/stream"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        socket = await connect(
            stream,
            subprotocols=["streamlit"],
            max_size=MAX_MESSAGE,
            open_timeout=timeout,
            additional_headers=headers,
        )
        tab = cls(socket, url, page, query)
        await tab.run({}, timeout=timeout)
        return tab

    async def close(self) -> None:
        self._listener.cancel()
        await self.socket.close()

    def key(self, key: str) -> Widget:
        """The widget drawn with ``key`` (its id ends with it)."""
        if key not in self.widgets:
            raise TabError(f"no widget with key {key!r} on {self.page or 'the main page'}")
        return self.widgets[key]

    def widget(self, label: str) -> Widget:
        """The widget whose label is ``label``."""
        for widget in self.widgets.values():
            if widget.label == label:
                return widget
        raise TabError(f"no widget labelled {label!r} on {self.page or 'the main page'}")

    def shows(self, key: str) -> bool:
        """Whether the widget drawn with ``key`` is on the page now."""
        return key in self.widgets and self.widgets[key].id in self._on_page

    def value(self, label: str) -> WidgetState:
        """The value the page holds for the widget labelled ``label``."""
        widget_id = self.widget(label).id
        return self._given.get(widget_id) or self._states[widget_id]

    async def run(
        self, states: dict[str, WidgetState], fragment: str = "", timeout: float = 120
    ) -> float:
        """Ask for a run with these widgets changed; seconds until the server says it ended."""
        message = BackMsg()
        rerun = message.rerun_script
        rerun.query_string = self.query
        rerun.page_name = self.page
        rerun.page_script_hash = self.page_hash
        rerun.fragment_id = fragment
        rerun.context_info.url = f"{self.url}/{self.page}"
        rerun.context_info.timezone = "UTC"
        rerun.context_info.locale = "en-US"
        for widget_id, state in states.items():
            state.id = widget_id
            if state.WhichOneof("value") != "trigger_value":  # a click is sent once
                self._given[widget_id] = state
        held = self._states | {i: s for i, s in self._given.items() if i in self._on_page}
        for widget_id, state in {**held, **states}.items():
            state.id = widget_id
            rerun.widget_states.widgets.append(state)
        self._drawn, self._drawn_ids = {}, set()
        self._fragment = fragment
        began = time.monotonic()
        seen = self.runs_finished
        await self.socket.send(message.SerializeToString())
        await self.until(lambda: self.runs_finished > seen, timeout, "the run's end")
        return time.monotonic() - began

    async def until(self, condition: Any, timeout: float, what: str) -> None:
        """Wait for what the server's messages make true (no polling)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if self._listener.done():
                raise TabError(f"the websocket closed while waiting for {what}")
            self._changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TabError(f"no {what} in {timeout:.0f} s")
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                continue

    async def _listen(self) -> None:
        try:
            async for payload in self.socket:
                message = ForwardMsg()
                message.ParseFromString(payload)
                self._heard(message)
                self._changed.set()
        finally:
            self._changed.set()

    def _heard(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "navigation":  # the page this run is of (st.navigation's choice)
            self.page_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = message.page_info_changed.query_string
        elif kind == "script_finished":
            if message.script_finished == 1:
                self.errors.append("the app did not compile")
            if message.script_finished != 2:  # 2: it ends to start again (st.rerun)
                self._run_ended()
                self.runs_finished += 1
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element, message.delta.fragment_id)

    def _run_ended(self) -> None:
        """The page now holds the widgets the run drew (a fragment's run: its own part)."""
        if self._fragment:
            mine = {i for i, f in self._fragment_of.items() if f == self._fragment}
            self._states = {i: s for i, s in self._states.items() if i not in mine} | self._drawn
            self._on_page = (self._on_page - mine) | self._drawn_ids
        else:
            self._states, self._on_page = dict(self._drawn), set(self._drawn_ids)
        for widget_id in self._drawn_ids:
            if self._set_by_server.get(widget_id):  # the server chose its value: the tab's goes
                self._given.pop(widget_id, None)
        self._given = {i: s for i, s in self._given.items() if i in self._on_page}

    def _element(self, element: Any, fragment: str) -> None:
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        if kind == "exception":
            self.errors.append(f"exception: {body.type}: {body.message[:200]}")
        elif kind == "alert" and body.format == 1:  # st.error
            self.errors.append(f"error box: {body.body[:200]}")
        widget_id = getattr(body, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2]
            is_component = kind == "component_instance"
            args = json.loads(body.json_args) if is_component else {}
            name = body.component_name if is_component else ""
            label = getattr(body, "label", "")
            self.widgets[key] = Widget(widget_id, kind, label, fragment, args, name)
            self._drawn_ids.add(widget_id)
            self._fragment_of[widget_id] = fragment
            self._set_by_server[widget_id] = bool(getattr(body, "set_value", False))
            state = held_value(kind, body)
            if state is not None:
                self._drawn[widget_id] = state


def held_value(kind: str, body: Any) -> WidgetState | None:
    """The value a tab holds for a widget the server has just drawn (None: it sends none)."""
    chosen = body.set_value if hasattr(body, "set_value") else False
    if kind in ("text_input", "text_area"):
        return WidgetState(string_value=body.value if chosen else body.default)
    if kind == "checkbox":
        return WidgetState(bool_value=body.value if chosen else body.default)
    if kind == "button_group":
        values = body.raw_values if chosen else [body.options[i].content for i in body.default]
        return WidgetState(string_array_value={"data": list(values)})
    if kind in ("selectbox", "radio"):
        if chosen and body.raw_value:
            return WidgetState(string_value=body.raw_value)
        return WidgetState(string_value=body.options[body.default]) if body.default >= 0 else None
    if kind == "multiselect":
        values = body.raw_values if chosen else [body.options[i] for i in body.default]
        return WidgetState(string_array_value={"data": list(values)})
    if kind == "date_input":
        return WidgetState(
            string_array_value={"data": list(body.value if chosen else body.default)}
        )
    if kind == "number_input":
        return WidgetState(double_value=body.value if chosen else body.default)
    if kind == "file_uploader":
        return WidgetState(file_uploader_state_value={})
    return None  # buttons (a click only), tables (their edits only), components (their value)


def text(value: str) -> WidgetState:
    """A text box's committed value (Enter, or the box left)."""
    return WidgetState(string_value=value)


def trigger() -> WidgetState:
    """A button's click."""
    return WidgetState(trigger_value=True)


def component_value(value: Any) -> WidgetState:
    """A component's value, as its frame sends it (JSON)."""
    return WidgetState(json_value=json.dumps(value, separators=(",", ":")))

"""The app's Content-Security-Policy, sent with every page Streamlit serves.

Streamlit has no setting for response headers; ``st.App`` (its ASGI app, which
``streamlit run`` serves when the main script defines one) takes middleware, and
``SecurityHeaders`` is that middleware. The policy allows scripts only from the app's
own origin plus, by hash, the inline script of Streamlit's own ``index.html`` and ours
(``SCROLL_TO_FOCUS``): no inline handler and no injected script runs.
``'wasm-unsafe-eval'`` lets Streamlit's protobuf decoder compile WebAssembly (it allows no
JavaScript ``eval``). Streamlit styles its page with CSS-in-JS (``<style>`` elements made
at run time), so styles may be inline, as in the single-file export. Our components'
frames (``/component/…``) carry their own, stricter policy in a ``<meta>`` of their page
(``storymap.web.policy``), and the light reader (``/read/…``) sends it itself; this one is
not sent there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from functools import cache
from pathlib import Path
from typing import Any

from storymap.web.policy import inline_scripts, policy, script_hash

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


# Our own inline scripts on the pages, the same text every time so a hash names them: the
# author page scrolls to the field a problem points at (``author_view.focus_mark``).
SCROLL_TO_FOCUS = (
    "(() => { const el = document.querySelector('.author-focus');"
    " if (el) el.scrollIntoView({block: 'center'}); })();"
)


@cache
def app_policy() -> str:
    """The policy for Streamlit's page, with the hashes of its own and our inline scripts."""
    import streamlit

    index = Path(streamlit.__file__).with_name("static") / "index.html"
    scripts = [*inline_scripts(index.read_text(encoding="utf-8")), SCROLL_TO_FOCUS]
    return policy(
        default_src="'self'",
        script_src=" ".join(["'self'", "'wasm-unsafe-eval'", *map(script_hash, scripts)]),
        style_src="'self' 'unsafe-inline'",
        img_src="'self' data: blob:",
        font_src="'self' data:",
        connect_src="'self'",
        frame_src="'self'",
        worker_src="'self' blob:",
        object_src="'none'",
        base_uri="'none'",
        form_action="'self'",
    )


# Pages that send their own policy: the light reader (``storymap_ui.light``; at ``/`` too,
# where its response names its policy).
OWN_POLICY = "/read/"


class SecurityHeaders:
    """ASGI middleware: the app's policy on every HTML page but our components' frames and a
    response that names its own (a second policy would be enforced as well as the first)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or "/component/" in path or path.startswith(OWN_POLICY):
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                own = any(k.lower() == b"content-security-policy" for k, _ in headers)
                if kind.startswith(b"text/html") and not own:
                    headers.append((b"content-security-policy", app_policy().encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_policy)

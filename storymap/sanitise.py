"""The second line of defence for HTML built from story text: an nh3 allow-list.

Templates escape every story string (Jinja autoescape); ``clean`` then keeps only the
tags and attributes we use, drops scripts and event handlers, and allows links to
http(s) only, so even a template mistake cannot put a script on the page.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {"article", "section", "h2", "h3", "h4", "p", "em", "strong", "blockquote", "ul", "ol", "li",
                "figure", "figcaption", "img", "a", "span", "small", "div"}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "img": {"src", "alt"},
    "a": {"href", "title"},
    "span": {"class"},
    "p": {"class"},
    "div": {"class"},
    "ol": {"class"},
}


def clean(
    markup: str,
    tags: set[str] = ALLOWED_TAGS,
    attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES,
) -> str:
    """Keep only an allow-list of tags (ours by default); drop scripts, handlers, javascript: URLs."""
    return nh3.clean(
        markup,
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
    )

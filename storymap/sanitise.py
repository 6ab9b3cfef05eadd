"""The second line of defence for HTML built from story text: an nh3 allow-list.

Templates escape every story string (Jinja autoescape); ``clean`` then keeps only the
tags and attributes we use, drops scripts and event handlers, and allows links to
http(s) only, so even a template mistake cannot put a script on the page.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {"article", "section", "h2", "h3", "h4", "p", "em", "strong", "blockquote", "ul", "ol", "li",
                "figure", "figcaption", "img", "a", "span", "small", "div"}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "img": {"src", "alt", "width", "height", "data-picture"},
    "a": {"href", "title"},
    "span": {"class"},
    "p": {"class"},
    "div": {"class"},
    "ol": {"class"},
}
# A picture written into a page (a printed sheet): a JPEG or PNG, and nothing else ``data:``.
_PICTURE_DATA = re.compile(r"data:image/(jpeg|png);base64,[A-Za-z0-9+/]+={0,2}")


def clean(
    markup: str,
    tags: set[str] = ALLOWED_TAGS,
    attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES,
    inline_pictures: bool = False,
) -> str:
    """Keep only an allow-list of tags (ours by default); drop scripts, handlers, javascript: URLs.

    ``inline_pictures`` keeps a picture's ``src`` that is a ``data:`` JPEG or PNG (and
    no other ``data:`` address: never a link, never another kind of content).
    """
    if not inline_pictures:
        return nh3.clean(
            markup,
            tags=tags,
            attributes=attributes,
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer",
        )
    return nh3.clean(
        markup,
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "data"},
        link_rel="noopener noreferrer",
        attribute_filter=_picture_data_only,
    )


def _picture_data_only(tag: str, attribute: str, value: str) -> str | None:
    if not value.lstrip().lower().startswith("data:"):
        return value
    return value if tag == "img" and attribute == "src" and _PICTURE_DATA.fullmatch(value) else None

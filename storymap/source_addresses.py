"""Source addresses a news desk would send back, and what to link instead.

A reader who follows a source should land on the outlet's own page. Four kinds of
address do not get them there, or not for long: a translation proxy (someone else's
copy of the page, in a language the outlet did not publish), a development or staging
host (a copy that disappears or changes without notice), a tag, category or search
page (a list that moves on as new stories arrive, not the report itself) and a link
shortener (a redirect a reader cannot check before opening, and that can break or be
repointed). Each is recognised by a general rule, not by a list of bad sites; the
rules are in docs/source-policy.md. A concern is a warning, never an error: a story
with such an address is still valid, and the author decides.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, parse_qsl, urlsplit

from tld import get_tld

Loc = tuple[str | int, ...]

# Host-name words that mark a copy for developers, testers or reviewers, not readers
# ("dev-v4.example.com", "staging.example.com", "test.example.com").
_DEVELOPMENT_WORDS = frozenset(
    {
        "dev", "devel", "develop", "development", "stage", "staging", "stg", "test",
        "testing", "tst", "qa", "uat", "sandbox", "preprod", "preview", "demo",
    }
)  # fmt: skip
# Names that never reach the public internet (RFC 2606, 6761, 6762 and common LAN suffixes).
_PRIVATE_SUFFIXES = (".localhost", ".local", ".test", ".example", ".invalid", ".internal", ".lan")
# Host-name words of machine-translation proxies ("translate.google.com",
# "www-bbc-co-uk.translate.goog", "translated.turbopages.org").
_TRANSLATION_WORDS = frozenset({"translate", "translator", "translated", "translation"})
# Query parameters that carry the address of the page a proxy is showing.
_PROXIED_ADDRESS_PARAMETERS = ("u", "url", "q")
# Path words of pages that list stories rather than report one.
_LISTING_WORDS = frozenset(
    {"tag", "tags", "topic", "topics", "category", "categories", "label", "labels", "search"}
)
_SEARCH_PARAMETERS = frozenset({"q", "s", "query", "search", "keyword", "keywords"})
_PAGE_NUMBER = re.compile(r"^(page|halaman|p)?\d*$")
# Link-shortening services. A short host with one opaque token as its whole path is
# also read as a shortener (kmp.im/AbC12x), so services missing here are still found.
_SHORTENERS = frozenset(
    {
        "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "is.gd",
        "v.gd", "rb.gy", "cutt.ly", "shorturl.at", "lnkd.in", "dlvr.it", "trib.al", "bit.do",
        "t.ly", "s.id", "tiny.cc", "rebrand.ly", "shorte.st", "clck.ru", "u.to", "amzn.to",
    }
)  # fmt: skip
_OPAQUE_TOKEN = re.compile(r"^[A-Za-z0-9_-]{4,12}$")
# A site's own short form that can only lead to that site (youtu.be/ID is a YouTube video):
# the reader knows where it goes, so it is not a shortener in the desk's sense.
_OWN_SHORT_FORMS = frozenset({"youtu.be"})


@lru_cache(maxsize=4096)  # the author page asks again about the same addresses on every edit
def address_concern(url: str) -> str | None:
    """Why a desk would not accept ``url`` as a source's address, in one line, or None."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return None  # not an address at all: the story's schema says so
    if not host:
        return None
    # Registered at the ICANN level, so a site hosted on a platform (name.netlify.app)
    # keeps its own name among the labels read for development words.
    registered = get_tld(f"http://{host}", as_object=True, fail_silently=True, search_private=False)
    for concern in (_translation_proxy, _development_host, _listing_page, _link_shortener):
        found = concern(parts, host, registered)
        if found:
            return found
    return None


def address_warnings(data: Any) -> Iterator[tuple[Loc, str]]:
    """Every ``url`` in a story's plain data that a desk would send back, with its path.

    Reads the data as written (not the validated story), so a file with other problems
    still hears about its addresses in the same pass.
    """
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:  # depth first in the file's order, without recursion (deep input is hostile)
        loc, value = stack.pop()
        if isinstance(value, str):
            concern = address_concern(value) if loc and loc[-1] == "url" else None
            if concern:
                yield loc, concern
            continue
        if isinstance(value, dict):
            children = [((*loc, str(key)), item) for key, item in value.items()]
        elif isinstance(value, list):
            children = [((*loc, i), item) for i, item in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))


def _translation_proxy(parts: SplitResult, host: str, registered: Any) -> str | None:
    labels = host.split(".")
    subdomain = getattr(registered, "subdomain", "")
    words = {word for label in subdomain.split(".") for word in label.split("-")}
    domain = getattr(registered, "domain", "")
    if not (words & _TRANSLATION_WORDS or domain in _TRANSLATION_WORDS):
        return None  # a site about translation (translation-news.com) is not a proxy
    original = _proxied_address(parts, labels)
    where = f"link the page itself: {original}" if original else "link the outlet's own page"
    return f"goes through a translation proxy ({host}); {where}"


def _proxied_address(parts: SplitResult, labels: list[str]) -> str | None:
    for name, value in parse_qsl(parts.query):
        if name in _PROXIED_ADDRESS_PARAMETERS and value.startswith(("http://", "https://")):
            return value
    if labels[-2:] == ["translate", "goog"] and len(labels) == 3:
        # Google writes the proxied host into one label: "-" for ".", "--" for "-".
        original = labels[0].replace("--", "\0").replace("-", ".").replace("\0", "-")
        kept = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("_x_tr_")]
        query = "?" + "&".join(f"{k}={v}" for k, v in kept) if kept else ""
        return f"{parts.scheme}://{original}{parts.path}{query}"
    return None


def _development_host(_parts: SplitResult, host: str, registered: Any) -> str | None:
    if _is_private(host):
        return f"is a local or private host ({host}) that readers cannot reach; link the published page"
    subdomain = getattr(registered, "subdomain", "")
    words = {word for label in subdomain.split(".") for word in re.split(r"[-_\d]+", label)}
    if not words & _DEVELOPMENT_WORDS:
        return None
    public = get_tld(f"http://{host}", as_object=True, fail_silently=True)  # private suffixes too
    site = f" ({registered.fld})" if getattr(public, "fld", None) == registered.fld else ""
    return (
        f"is on a development or staging host ({host}), a copy that can change or vanish; "
        f"link the page on the outlet's public site{site}"
    )


def _is_private(host: str) -> bool:
    if host == "localhost" or host.endswith(_PRIVATE_SUFFIXES):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _listing_page(parts: SplitResult, host: str, _registered: Any) -> str | None:
    segments = [s for s in parts.path.lower().split("/") if s]
    for i, segment in enumerate(segments):
        if segment in _LISTING_WORDS:
            rest = [s for s in segments[i + 2 :] if not _PAGE_NUMBER.match(s) and s != "page"]
            if not rest:  # the list's name (or nothing) and perhaps a page number follow
                kind = "search" if segment == "search" else "tag or category"
                return f"is a {kind} page listing stories ({host}); link the report itself"
    names = {name.lower() for name, _ in parse_qsl(parts.query)}
    if names & _SEARCH_PARAMETERS and (not segments or segments[-1] in {"search", "cari"}):
        return f"is a search page ({host}); link the report itself"
    return None


def _link_shortener(parts: SplitResult, host: str, registered: Any) -> str | None:
    name = getattr(registered, "fld", host)
    if name in _OWN_SHORT_FORMS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    opaque = (
        len(segments) == 1
        and len(getattr(registered, "domain", name)) <= 5
        and not parts.query
        and _looks_opaque(segments[0])
    )
    if name in _SHORTENERS or opaque:
        return f"goes through a link shortener ({host}); link the page it leads to"
    return None


def _looks_opaque(token: str) -> bool:
    """A shortener's key (3xYz9Q), not a word or a number: letters mixed with digits or cases."""
    if not _OPAQUE_TOKEN.match(token):
        return False
    mixed_kinds = bool(re.search(r"\d", token)) and bool(re.search(r"[A-Za-z]", token))
    mixed_case = bool(re.search(r"[a-z]", token)) and bool(re.search(r"[A-Z]", token))
    return mixed_kinds or mixed_case

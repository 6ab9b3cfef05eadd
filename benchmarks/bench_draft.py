"""How good is a draft? Scores ``storymap draft`` on the hand-annotated articles.

For each article in tests/fixtures/articles/ (their README gives the annotation rules and
the scoring): places found, dated events found, events at the right place, draft places
in a country the article never names, draft places that match nothing annotated, undated
events told, and the time the draft took; then the totals. The language is left to the
draft to guess, as an author who gives no ``--lang`` would. The first article (the seed,
outside the repository) is measured as tests/test_draft_compare.py does, against the
hand-written first story. The held-out articles (tests/fixtures/articles/heldout/) are
measured and printed apart: the draft's rules were never tuned on them, so the gap between
the two tables shows how much of the figures is overfitting; ``--details`` lists what
the tuning set's drafts missed, never the held-out set's. The fresh articles
(tests/fixtures/articles/fresh/) were collected and annotated before the draft was run on
them, and are printed as a third table; ``--details-fresh`` lists what their drafts missed
(a set whose misses were read is no longer unseen: the held-out set stays unread).

Run with ``make bench`` (not part of ``make test``); ``--markdown`` prints a table for docs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STORYMAP_CACHE", str(Path.home() / ".cache" / "storymap"))

from storymap.draft.annotated import AnnotatedArticle, load_all  # noqa: E402
from storymap.draft.article import read_article  # noqa: E402
from storymap.draft.compare import Located, compare  # noqa: E402
from storymap.draft.make import make_draft  # noqa: E402
from storymap.draft.scoring import Score, score  # noqa: E402
from storymap.errors import StorymapError  # noqa: E402
from storymap.geocoding import geocode_story  # noqa: E402
from storymap.loading import load_story  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
HELD_OUT = ARTICLES / "heldout"  # never tuned on: measured apart, to show overfitting
FRESH = ARTICLES / "fresh"  # a third set, collected for issue 20's third round: measured apart
HAND = ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml"
SEED_NAMES = ("shared/seed/000_b4ed06f6648d6672.txt",)


@dataclass
class Row:
    name: str
    language: str
    score: Score
    seconds: float
    failure: str = ""


def measure(article: AnnotatedArticle) -> Row:
    annotation = article.annotation
    started = time.perf_counter()
    try:
        draft = make_draft(article.path, annotation.published)
    except StorymapError as exc:
        seconds = time.perf_counter() - started
        return Row(
            article.name, annotation.language, score(None, {}, annotation), seconds, str(exc)
        )
    seconds = time.perf_counter() - started
    return Row(
        article.name,
        annotation.language,
        score(draft.story, draft.located, annotation),
        seconds,
    )


def _share(n: int, total: int) -> str:
    return f"{n}/{total} ({n / total:.0%})" if total else "-"


def first_article() -> str:
    """The first story's figures, as tests/test_draft_compare.py measures them."""
    seed = next((p for p in (ROOT.parent / n for n in SEED_NAMES) if p.exists()), None)
    seed = seed or Path("/work/shared/seed/000_b4ed06f6648d6672.txt")
    if not seed.exists():
        return "first article: the seed article is not here, not measured"
    story = load_story(HAND)
    hand = Located(story, geocode_story(story))
    started = time.perf_counter()
    draft = make_draft(seed, date(2025, 10, 27))
    seconds = time.perf_counter() - started
    sentences = [s.text for s in read_article(seed).body]
    result = compare(Located(draft.story, draft.located), hand, sentences)
    return f"first article (seed, id), {seconds:.2f} s: {result.summary()}"


def table(rows: list[Row], markdown: bool, label: str = "articles") -> list[str]:
    head = (
        "article",
        "lang",
        "places",
        "events",
        "right place",
        "wrong country",
        "extra",
        "undated",
        "s",
    )
    lines = []
    if markdown:
        lines += ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    else:
        lines.append(
            f"{head[0]:<40} {head[1]:<4} {head[2]:>12} {head[3]:>12} {head[4]:>12} "
            f"{head[5]:>5} {head[6]:>5} {head[7]:>7} {head[8]:>6}"
        )
    for row in rows:
        name = row.name + (" (no draft)" if row.failure else "")
        lines.append(_line(_cells(name, row.language, row.score, f"{row.seconds:.2f}"), markdown))
    total = Score()
    for row in rows:
        total.add(row.score)
    seconds = sorted(r.seconds for r in rows)
    median = f"{seconds[len(seconds) // 2]:.2f} median"
    cells = _cells(f"all {len(rows)} {label}", "", total, median)
    lines.append(_line(cells, markdown))
    return lines


def _cells(name: str, lang: str, s: Score, seconds: str) -> tuple[str, ...]:
    return (
        name,
        lang,
        _share(len(s.places_found), s.places),
        _share(len(s.events_found), s.events),
        _share(len(s.right_place), s.placed),
        str(len(s.wrong_country)),
        str(len(s.extra_places)),
        f"{s.undated_found}/{s.undated}",
        seconds,
    )


def _line(cells: tuple[str, ...], markdown: bool) -> str:
    if markdown:
        return "| " + " | ".join(cells) + " |"
    name, lang, places, events, right, wrong, extra, undated, seconds = cells
    return (
        f"{name:<40} {lang:<4} {places:>12} {events:>12} {right:>12} {wrong:>5} {extra:>5} "
        f"{undated:>7} {seconds:>6}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--details", action="store_true", help="list what each draft missed")
    parser.add_argument(
        "--details-fresh", action="store_true", help="list what the fresh set's drafts missed"
    )
    parser.add_argument("names", nargs="*", help="only these articles (file names without .yaml)")
    args = parser.parse_args()
    wanted = [a for a in load_all(ARTICLES) if not args.names or a.name in args.names]
    held_out = [a for a in load_all(HELD_OUT) if not args.names or a.name in args.names]
    started = time.perf_counter()
    print(first_article())
    print(
        f"(the first draft of this run, with the gazetteer's first load: "
        f"{time.perf_counter() - started:.2f} s)"
    )
    rows = [measure(a) for a in wanted]
    held_rows = [measure(a) for a in held_out]
    fresh = [a for a in load_all(FRESH) if not args.names or a.name in args.names]
    fresh_rows = [measure(a) for a in fresh]
    if rows:
        print("\n".join(table(rows, args.markdown)))
    if held_rows:
        print("\nThe held-out articles (never tuned on):")
        print("\n".join(table(held_rows, args.markdown, "held-out articles")))
    if fresh_rows:
        print("\nThe fresh articles (annotated before the draft was run on them):")
        print("\n".join(table(fresh_rows, args.markdown, "fresh articles")))
    for row in rows + held_rows + fresh_rows:
        if row.failure:
            print(f"{row.name}: no draft: {row.failure}")
        if (args.details and row in rows) or (args.details_fresh and row in fresh_rows):
            s = row.score
            print(
                f"{row.name}: missed places {s.places_missed}; missed events {s.events_missed}; "
                f"not at the right place "
                f"{[n for n in s.events_found if n not in s.right_place]}; "
                f"wrong country {s.wrong_country}; extra {s.extra_places}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m storymap draft ARTICLE --published DATE -o draft.yaml``: the command line.

Every failure is one line on stderr and exit 1 (a missing, empty or binary article, a
bad ``--published``, an output folder that does not exist), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from storymap.errors import StorymapError
from storymap.extras import require


def add_draft_command(commands: Any) -> None:
    """Add ``draft`` to the ``python -m storymap`` subcommands."""
    draft = commands.add_parser("draft", help="write a draft story from a news article")
    draft.add_argument("article", type=Path, help="the article: plain text or a saved HTML page")
    draft.add_argument("--published", required=True, help="the day it was published: YYYY-MM-DD")
    draft.add_argument(
        "--lang",
        help="the article's language, a BCP 47 code such as id, en, es, fr, ar "
        "(default: guessed from the text)",
    )
    draft.add_argument("--outlet", help="the publication (default: from the dateline or the page)")
    draft.add_argument("--title", help="the article's headline (default: its first line)")
    draft.add_argument("--url", help="the article's web address")
    draft.add_argument("-o", "--output", type=Path, required=True, help="the draft story to write")
    draft.set_defaults(run=run_draft)


def run_draft(args: argparse.Namespace) -> int:
    require("draft")
    from storymap.draft.make import Options, make_draft, parse_published

    try:
        published = parse_published(args.published)
        if not args.output.parent.is_dir():
            print(
                f"error: -o {args.output}: the folder {args.output.parent} does not exist",
                file=sys.stderr,
            )
            return 1
        options = Options(args.lang, args.outlet, args.title, args.url)
        draft = make_draft(args.article, published, options)
        args.output.write_text(draft.text, encoding="utf-8")
    except StorymapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {args.output}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 1
    story = draft.story
    layers = ", ".join(sorted({loc.layer for loc in draft.located.values()}))
    dates = [event.date for event in story.events if event.date is not None]
    span = f"{dates[0]} to {dates[-1]}" if dates else "no date found: undated"
    undated = len(story.events) - len(dates)
    span += f", {undated} undated" if dates and undated else ""
    print(
        f"wrote {args.output}: a draft with {len(story.events)} events ({span}), "
        f"{len(story.places)} places, all located ({layers}); "
        f"{len(draft.todo)} fields to write or check (draft.todo)"
    )
    return 0

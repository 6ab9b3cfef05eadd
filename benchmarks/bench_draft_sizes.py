"""How long does a draft take against the size of its article? Prints seconds per size and case.

An article is text anyone can paste, so each case is a worst case for some rule of
``storymap.draft`` (generated, never a real article): a run of capitalised words with no
full stop, month names, weekdays, numbers, years, day-and-month dates, quotation marks,
names before "said", country names, lower-case words, emoji, opening quotation marks
that never close, distinct days, distinct capitalised names, a short dated sentence
repeated (many events), and a news-like paragraph repeated (many sentences, places,
dates and credits). Each is drafted at 5, 10, 20, 40, 80 and 300 KB (``--sizes``; the
author page takes 300,000 characters, the command line 5 MB: ``--sizes 5M``),
text in, draft story out (``parse_article`` + ``draft_from_article``), in a process of
its own that is stopped after ``--budget`` seconds; once a case passes the budget its
larger sizes are not tried. A linear draft keeps seconds per KB flat across the sizes.
The language is given (``--lang``, default ``id``), as an attacker who writes a few
words of it makes the guess pass; each process first drafts a short article, untimed, so
the time is the draft's, not the loading of its libraries and models.

Run with ``make bench`` (not part of ``make test``); ``--quick`` stops at 80 KB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAD = "Pada Senin (27/10/2025) Presiden Rusia bertemu Menlu Korea Utara di Moskow. "
NEWS = (
    "Jakarta, IDN Times – Presiden Rusia, Vladimir Putin, bertemu dengan Menteri Luar Negeri "
    "Korea Utara, Choe Son Hui, di Kremlin, Moskow, pada Senin (27/10/2025). Menurut Reuters, "
    'pertemuan itu dimulai pukul 10.00. "Hubungan kami terus berkembang sesuai rencana," kata '
    "Putin. Sehari sebelumnya, Choe tiba di Minsk, Belarus. Pada Juni 2024, kedua negara "
    "menandatangani perjanjian kemitraan strategis di Pyongyang. Three months later, troops "
    "arrived in Kursk, according to the Associated Press. Lavrov said on Tuesday that talks "
    "would go on in Beijing, China, in early November 2025.\n"
)
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def _days(count: int) -> str:
    """Distinct days, '1 Januari 1990 2 Januari 1990 …': each one an event of its own."""
    return " ".join(
        f"{n % 28 + 1} {MONTHS.split()[n // 28 % 12]} {1990 + n // 336}" for n in range(count)
    )


def _names(count: int) -> str:
    """Distinct capitalised words ('Kabc Kabd …'), each a gazetteer look-up of its own."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join("K" + "".join(letters[n // 26**i % 26] for i in range(4)) for n in range(count))


CASES = {
    "capitalised": "Moscow ",
    "months": "Januari ",
    "weekdays": "Senin ",
    "numbers": "12 ",
    "years": "1948 ",
    "days": "27 Oktober 2025 ",
    "quotes": '"a ',
    "open-quotes": "“a ",
    "distinct-days": _days,
    "distinct-names": _names,
    "said": "Putin said ",
    "countries": "Rusia ",
    "lowercase": "kata ",
    "emoji": "😀 ",
    "sentences": "Pada 2024 di Moskow. ",
    "news": NEWS,
}
SIZES = "5K,10K,20K,40K,80K,300K"


def article(case: str, size: int) -> str:
    """``size`` bytes (UTF-8) of the case's words after one dated sentence, ending in a stop."""
    unit = CASES[case]
    body = HEAD if case != "news" else ""
    if callable(unit):
        text = unit(max(1, size // 4))
        return (
            body + text.encode()[: max(1, size - len(body.encode()))].decode(errors="ignore") + "."
        )
    repeat = max(1, (size - len(body.encode())) // len(unit.encode()))
    return body + unit * repeat + "."


def draft_once(case: str, size: int, lang: str) -> dict:
    """Draft the case's article in this process: seconds, and what the draft said."""
    from datetime import date

    from storymap.draft.article import parse_article
    from storymap.draft.make import Options, draft_from_article
    from storymap.errors import StorymapError
    from storymap.geocoding import GazetteerLayer

    GazetteerLayer.shared()  # the gazetteer's index is read once per server, not per draft
    options = Options(lang=lang)
    draft_from_article(parse_article(NEWS), date(2025, 10, 27), options)  # loaded, as on a server
    text = article(case, size)
    started = time.perf_counter()
    try:
        draft = draft_from_article(parse_article(text), date(2025, 10, 27), options)
        said = f"{len(draft.story.events)} events, {len(draft.story.places)} places"
    except StorymapError as exc:
        said = str(exc).split(": ", 1)[-1][:60]
    return {"seconds": time.perf_counter() - started, "said": said}


def measured(case: str, size: int, budget: float, lang: str) -> dict | None:
    """``draft_once`` in a process of its own, or None when it passed ``budget`` seconds."""
    command = [sys.executable, __file__, "--one", case, str(size), "--lang", lang]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:  # a crash is a finding too: its last line, not the bench's end
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"seconds": float("nan"), "said": f"FAILED: {last[:80]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def size_of(text: str) -> int:
    number = float(text.rstrip("KMkm"))
    return int(number * (1024 * 1024 if text[-1] in "Mm" else 1024 if text[-1] in "Kk" else 1))


def label(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help="article sizes, e.g. 5K,80K,5M")
    parser.add_argument("--cases", default=",".join(CASES), help="which cases to draft")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds before a draft stops")
    parser.add_argument("--quick", action="store_true", help="sizes up to 80 KB only")
    parser.add_argument("--lang", default="id", help="the article's language, as given")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "BYTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(draft_once(args.one[0], int(args.one[1]), args.lang)))
        return 0
    sizes = [size_of(s) for s in args.sizes.split(",") if s]
    if args.quick:
        sizes = [s for s in sizes if s <= 80 * 1024]
    print(f"draft time by article size (each in its own process, stopped after {args.budget:g} s)")
    print(f"{'case':<12} {'size':>6} {'seconds':>8} {'ms per KB':>9}  draft")
    for case in args.cases.split(","):
        for size in sizes:
            result = measured(case, size, args.budget, args.lang)
            if result is None:
                print(
                    f"{case:<12} {label(size):>6} {'>' + format(args.budget, 'g'):>8} {'':>9}  stopped"
                )
                break
            per_kb = result["seconds"] * 1000 / (size / 1024)
            print(
                f"{case:<12} {label(size):>6} {result['seconds']:>8.2f} {per_kb:>9.1f}  {result['said']}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

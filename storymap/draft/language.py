"""Which language an article is written in: the one ``--lang`` names, or a guess.

The draft reads a language when Babel can write its dates (``storymap.languages``) and
dateparser has its month and weekday names (``date_vocabulary``). The guess is
``py3langid`` (langid.py's model: 97 languages, a few MB, deterministic, from the author
of trafilatura), which ranks the languages; the first the draft reads is taken, if the
model is reasonably sure of it.
"""

from __future__ import annotations

from functools import cache

from storymap.draft.article import ArticleError
from storymap.languages import check_language

SURE_ENOUGH = 0.5  # the model's probability, normalised over its languages
_CLOSE = {"ms": "id"}  # Malay and Indonesian share most words: a close Malay reading is Indonesian


def draft_language(code: str) -> str:
    """``code`` if the draft can read it; else an ``ArticleError`` that says why."""
    try:
        check_language(code)
    except ValueError as exc:
        raise ArticleError(f"--lang {code}: {exc}") from None
    if not readable(code):
        raise ArticleError(
            f"--lang {code}: the draft cannot read dates in this language "
            "(dateparser has no month names for it)"
        )
    return code


def readable(code: str) -> bool:
    """Whether the draft has the date words of this language."""
    from dateparser.languages.loader import default_loader

    try:
        default_loader.get_locale(code.split("-")[0].lower())
    except ValueError:
        return False
    try:
        check_language(code)
    except ValueError:
        return False
    return True


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str, source: str = "the article") -> str:
    """The article's language, guessed from its text; an ``ArticleError`` when unsure."""
    ranked = _identifier().rank(text[:20_000])
    scores = dict(ranked)
    for code, score in ranked[:5]:
        if code in _CLOSE and scores.get(_CLOSE[code], 0) > score / 4:
            code, score = _CLOSE[code], score + scores[_CLOSE[code]]
        if readable(code):
            if score < SURE_ENOUGH:
                break
            return code
    best = ", ".join(f"{code} {score:.0%}" for code, score in ranked[:3])
    raise ArticleError(
        f"{source}: cannot tell which language the article is in (best guesses: {best}): "
        "name it with --lang, e.g. --lang es"
    )

"""Story text is written in our own words: no run of 8 or more words copied from its article.

Quotations are exempt: they are marked as quotations and attributed. The article of the
first story is in the shared seed folder beside the repository; the test skips without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel
from story_helpers import FIRST_ARTICLE, ROOT

from storymap.fields import Text
from storymap.loading import load_story
from storymap.model import Story

ARTICLES = {"russia-north-korea": FIRST_ARTICLE}
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def runs(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def reader_texts(story: Story) -> Iterator[tuple[str, str]]:
    """Every text a reader sees, with where it is: everything but quotations and evidence."""

    def walk(value: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, Text):
            for lang, text in value.items():
                yield f"{where}.{lang}", text
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                yield from walk(item, f"{where}[{i}]")
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                if name not in ("quote", "evidence"):
                    yield from walk(getattr(value, name), f"{where}.{name}" if where else name)

    yield from walk(story, "")


def copied_runs(story: Story, article: str) -> list[str]:
    source = runs(article)
    found = []
    for where, text in reader_texts(story):
        for run in sorted(runs(text) & source):
            found.append(f"{where}: {' '.join(run)}")
    return found


def test_the_check_finds_a_copied_run_and_spares_a_quotation():
    article = "Pada 2024, Rusia dan Korut menandatangani perjanjian kemitraan strategis yang berisi janji saling mendukung."
    story = load_story(ROOT / "tests" / "fixtures" / "first-story-article-reading.yaml")
    copied = story.model_copy(
        update={
            "title": Text(
                {
                    "id": "Rusia dan Korut menandatangani perjanjian kemitraan strategis yang berisi",
                    "en": "x",
                }
            )
        }
    )
    assert copied_runs(copied, article) == [
        "title.id: dan korut menandatangani perjanjian kemitraan strategis yang berisi",
        "title.id: rusia dan korut menandatangani perjanjian kemitraan strategis yang",
    ]
    # the frozen first draft quotes Putin word for word, inside its quote: not a copy
    putin = "tidak akan pernah melupakan pengorbanan yang telah diderita oleh angkatan bersenjata"
    assert not copied_runs(story, putin)


@pytest.mark.parametrize("story_id", sorted(ARTICLES))
def test_the_published_story_retells_its_article_in_its_own_words(story_id: str):
    article = ARTICLES[story_id]
    if not article.exists():
        pytest.skip(f"the article is not here: {article}")
    story = load_story(ROOT / "geodata" / "stories" / f"{story_id}.yaml")
    copied = copied_runs(story, article.read_text(encoding="utf-8"))
    assert not copied, "copied from the article outside a quotation:\n" + "\n".join(copied)

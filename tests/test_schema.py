"""The story schema: the first story, strict fields, the committed JSON Schema and the doc."""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterator

import pytest
import yaml
from pydantic import BaseModel, RootModel
from story_helpers import DOC, FIRST_STORY, FIXTURES, SCHEMA

from storymap.dates import PartialDate
from storymap.languages import LANGUAGE_PATTERN
from storymap.loading import StoryError, load_story, parse_story
from storymap.model import BUILTIN_CATEGORIES, Story, story_json_schema


def test_the_first_story_loads(story):
    assert story.id == "russia-north-korea"
    assert story.default_language == "id"
    assert story.title.get("en") == "Russia and North Korea, ever closer"
    assert story.title.get("id") == "Rusia dan Korea Utara, makin rapat"
    assert len(story.places) == 13
    assert len(story.events) == 14
    assert story.events[0].id == "soviet-recognition"
    assert story.events[0].date == PartialDate.parse("1948")
    assert story.source.date == PartialDate.parse("2025-10-27/2025-10-31")
    assert story.place("kremlin").kind == "site"
    assert story.place("kursk").precision_km == 120
    assert {e.category for e in story.events} <= set(BUILTIN_CATEGORIES)


def test_the_first_story_is_in_story_order(story):
    for before, after in zip(story.events, story.events[1:], strict=False):
        assert not after.date.certainly_before(before.date), (before.id, after.id)


def test_every_place_of_the_first_story_is_used(story):
    used = {p for e in story.events for p in e.places}
    used |= {e.route.origin for e in story.events if e.route}
    used |= {e.route.destination for e in story.events if e.route}
    assert used == {p.id for p in story.places}


def test_a_story_survives_a_round_trip_through_plain_data(story):
    data = story.model_dump(mode="json")
    assert data["events"][0]["date"] == "1948"
    assert data["source"]["date"] == "2025-10-27/2025-10-31"
    assert Story.model_validate(data) == story


def test_models_are_frozen(story):
    with pytest.raises(ValueError, match="frozen"):
        story.events[0].id = "changed"  # type: ignore[misc]


def test_an_unknown_field_is_an_error_naming_it():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        parse_story(text + "titel: A typo of title\n")
    [problem] = caught.value.problems
    assert problem.where == "titel"
    assert problem.message == "unknown field 'titel': did you mean 'title'?"
    assert problem.line == len(text.splitlines()) + 1


def test_an_unknown_field_inside_an_event_names_the_event():
    with pytest.raises(StoryError) as caught:
        load_story(FIXTURES / "unknown_field.yaml")
    [problem] = caught.value.problems
    assert problem.where == "events[0].location (event 'meeting')"
    assert "unknown field 'location'" in problem.message


# --- the JSON Schema for authors' editors -------------------------------------------------


def test_committed_schema_is_up_to_date():
    """If this fails, run `make schema` (python -m storymap schema -o geodata/story.schema.json)."""
    expected = json.dumps(story_json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert SCHEMA.read_text(encoding="utf-8") == expected


def test_schema_names_its_draft_and_forbids_unknown_fields():
    schema = story_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    objects = {name: d for name, d in schema["$defs"].items() if name != "Text"}
    assert all(d.get("additionalProperties") is False for d in objects.values())


def test_schema_text_is_a_mapping_from_language_codes_to_text():
    text = story_json_schema()["$defs"]["Text"]
    assert text["type"] == "object"
    assert text["propertyNames"]["pattern"] == LANGUAGE_PATTERN
    assert text["additionalProperties"] == {"minLength": 1, "type": "string"}
    assert text["minProperties"] == 1


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor sees it (YAML 1.2 core schema): 2025-10-27 is text, not a date."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize(
    "path",
    [
        FIRST_STORY,
        FIXTURES / "minimal.yaml",
        FIXTURES / "html_injection.yaml",
        FIXTURES / "magellan.yaml",
        FIXTURES / "tsunami-2004.yaml",
    ],
)
def test_valid_stories_pass_the_json_schema(path):
    jsonschema = pytest.importorskip("jsonschema")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_the_json_schema_rejects_what_the_loader_rejects():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    base = yaml.load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), Loader=_EditorLoader)
    for change in (
        {"steps": "by_minute"},
        {"categories": [{"id": "trade", "colour": "red"}]},
        {"titel": "typo"},
        {"id": "Not A Slug"},
        {"default_language": "French"},
        {"languages": ["Indonesian"]},
        {"languages": []},
        {"title": {}},
        {"title": {"id": ""}},
        {"places": []},
    ):
        assert not validator.is_valid({**base, **change}), change
    for bad_date in (
        "2025-1",
        "27 October 2025",
        "2025-10-beginning",
        "~2025",
        "2025-10-earlyT10:00",
        "2025-10-27 10:00",
        "2025-10-27T10:00+7",
    ):
        event = {**base["events"][0], "date": bad_date}
        assert not validator.is_valid({**base, "events": [event]}), bad_date


# --- the doc lists every field -----------------------------------------------------------


def _models_in(annotation: object, suffix: str = "") -> Iterator[tuple[type[BaseModel], str]]:
    """The pydantic models inside an annotation, with '[]' for each list around them."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models_in(typing.get_args(annotation)[0], suffix)
    elif origin is list:
        yield from _models_in(typing.get_args(annotation)[0], suffix + "[]")
    elif origin in (typing.Union, types.UnionType):
        for member in typing.get_args(annotation):
            yield from _models_in(member, suffix)
    elif (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and not issubclass(annotation, RootModel)  # a Text is a leaf: {language: text}
    ):
        yield annotation, suffix


def field_paths(model: type[BaseModel] = Story, prefix: str = "") -> Iterator[str]:
    """Every field a story file may have, as a dotted path like 'events[].route.mode'."""
    for name, field in model.model_fields.items():
        path = prefix + name
        yield path
        for nested, suffix in _models_in(field.annotation):
            yield from field_paths(nested, f"{path}{suffix}.")


def test_field_paths_walk_lists_optionals_and_nested_models():
    paths = list(field_paths())
    assert len(paths) == len(set(paths))
    for expected in (
        "id",
        "title",
        "languages",
        "source.date",
        "credits[].role",
        "places[].coordinates.lat",
        "places[].note",
        "events[].route.mode",
        "events[].sources[].claim",
        "events[].quote.text",
        "events[].quote.our_translation",
        "events[].media[].caption",
    ):
        assert expected in paths


def test_the_story_format_doc_documents_every_field():
    doc = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([^`\n]+)`", doc))
    missing = [path for path in field_paths() if path not in documented]
    assert not missing, f"docs/story-format.md does not document: {', '.join(missing)}"


FIELD_TABLE_HEADER = "| field | type | required | meaning |"


def field_table_rows(doc: str) -> list[str]:
    """The first cell of every row of the doc's field tables (those with FIELD_TABLE_HEADER)."""
    cells, in_table = [], False
    for line in doc.splitlines():
        if line.strip() == FIELD_TABLE_HEADER:
            in_table = True
        elif in_table and line.startswith("|"):
            if not set(line) <= set("|- "):  # skip the |---| separator
                cells.append(line.split("|")[1].strip())
        else:
            in_table = False
    return cells


def test_the_story_format_doc_documents_no_field_that_does_not_exist():
    cells = field_table_rows(DOC.read_text(encoding="utf-8"))
    assert cells, "the doc has no field tables"
    assert all(re.fullmatch(r"`[^`]+`", cell) for cell in cells), cells
    paths = [cell.strip("`") for cell in cells]
    assert len(paths) == len(set(paths)), "a field is documented twice"
    assert set(paths) == set(field_paths())


def test_the_story_format_doc_has_one_table_per_model():
    doc = DOC.read_text(encoding="utf-8")
    for model in (
        "Story",
        "SourceArticle",
        "Credit",
        "CategoryDefinition",
        "Text",
        "Place",
        "Coordinates",
        "Event",
        "Route",
        "Attribution",
        "Quote",
        "Media",
        "FactCheck",
        "RecordSource",
        "Draft",
    ):
        assert re.search(rf"^#+ .*\b{model}\b", doc, flags=re.MULTILINE), model
    assert doc.count(FIELD_TABLE_HEADER) == 14  # Text has a section, but no fields of its own


def test_the_minimal_example_in_the_doc_is_a_valid_story():
    doc = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", doc, flags=re.DOTALL)
    assert blocks, "the doc has no yaml example"
    story = parse_story(blocks[0], "docs/story-format.md")
    assert story.events

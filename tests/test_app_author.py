"""The author page, driven with Streamlit's AppTest: every start, editing, the problem list,
saving with and without a newer file on disk, and nothing lost on a reload or in a
second tab (a new AppTest on the same ?draft= token is a reload)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from author_page_helpers import author_folders
from import_helpers import fixture_path
from story_helpers import FIRST_STORY, ROOT
from streamlit.testing.v1 import AppTest

from storymap.authoring.field_words import describe
from storymap.authoring.owners import mint, signing_key
from storymap.authoring.paths import parse_path
from storymap.authoring.store import DraftStore

PAGE = str(ROOT / "pages" / "author.py")
ARTICLE = (
    "Putin bertemu Menlu Korut di Moskow\n\n"
    "Jakarta, IDN Times – Presiden Rusia, Vladimir Putin, bertemu dengan Menteri Luar Negeri "
    "Korea Utara, Choe Son Hui, di Moskow, pada Senin (27/10/2025).\n"
    "Pada 2024, Rusia dan Korea Utara menandatangani perjanjian kemitraan strategis di Pyongyang.\n"
)


@pytest.fixture(autouse=True)
def places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Drafts in a folder of the test's own, and a stories folder to open and save into."""
    return author_folders(monkeypatch, tmp_path)


@pytest.fixture(autouse=True)
def browser(monkeypatch: pytest.MonkeyPatch, places: Path, tmp_path: Path) -> str:
    """Every page a test opens is in one browser: the same owner cookie, signed by this
    test's server (a new AppTest on a ?draft= is then a reload or a second tab)."""
    cookie = mint(signing_key(tmp_path / "cache"))
    monkeypatch.setattr("storymap_ui.author_owner._cookie", lambda: cookie)
    return cookie


def open_page(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def author(at: AppTest):
    return at.session_state["author"]


def token(at: AppTest) -> str:
    value = at.query_params["draft"]
    return value[0] if isinstance(value, list) else value


def stored(at: AppTest) -> dict:
    return DraftStore(Path(os.environ["STORYMAP_CACHE"]) / "drafts").load(token(at)).record


def upload(at: AppTest, name: str, content: bytes, mime: str) -> AppTest:
    """Choose a file on the Start part's upload tab and press its open button."""
    at.file_uploader(key="author-upload").set_value((name, content, mime))
    at.run()
    return at.button(key="author-open-upload").click().run()


def go(at: AppTest, section: str) -> AppTest:
    return at.button_group(key="author_section").set_value(section).run()


def plain(value: str) -> str:
    """What the page shows: text from the story or a file is escaped for Markdown."""
    return value.replace("\\", "")


def issues(at: AppTest) -> list[str]:
    return [
        b.label.replace("\\", "") for b in at.sidebar.button if (b.key or "").startswith("issue-")
    ]


def open_first_story(at: AppTest) -> AppTest:
    at.button(key="author-open-file").click().run()
    assert not at.exception
    return at


def test_a_first_visit_gets_a_draft_token_and_starts(places):
    at = open_page(lang="en")
    assert not at.exception
    assert len(token(at)) >= 16
    assert at.session_state["author_section"] == "start"
    assert "No story yet" in at.sidebar.caption[0].value


def test_start_from_a_pasted_article(gazetteer):
    at = open_page(lang="en")
    at.text_area(key="author-article").set_value(ARTICLE)
    at.date_input(key="author-published").set_value("2025-10-27")
    at.button(key="author-make-draft").click().run()
    assert not at.exception
    data = author(at).data
    assert data["source"]["outlet"] == "IDN Times" and {e["date"] for e in data["events"]} >= {
        "2025-10-27"
    }
    assert "The story was opened from the pasted article." in plain(at.success[0].value)
    assert "article.txt" not in plain(at.success[0].value)  # no file of that name was given
    assert any(label.endswith("to write or check") for label in issues(at))
    assert stored(at)["article"] == ARTICLE  # the pasted text is kept for a reload


def draft_with_a_placeless_sentence(lang: str) -> AppTest:
    """The first article and a sentence that names no place, drafted on a page in ``lang``."""
    at = open_page(lang=lang)
    at.text_area(key="author-article").set_value(
        ARTICLE + "Sehari sebelumnya, Lavrov bertemu Choe.\n"
    )
    at.date_input(key="author-published").set_value("2025-10-27")
    at.button(key="author-make-draft").click().run()
    assert not at.exception
    return at


def test_the_draft_says_why_it_asks_in_the_side_panel(gazetteer):
    at = draft_with_a_placeless_sentence("en")
    labels = issues(at)
    assert any(
        re.fullmatch(
            r"Event \d+( “[^”]+”)? · Places: no place in its sentence: placed .+",
            label,
        )
        for label in labels
    ), labels


def test_the_drafts_reasons_are_in_the_pages_language_and_english_in_the_file(gazetteer):
    at = draft_with_a_placeless_sentence("id")
    labels = issues(at)
    assert any("kalimatnya tidak menyebut tempat: ditaruh" in label for label in labels), labels
    assert not any("no place in its sentence" in label for label in labels), labels
    todo = author(at).data["draft"]["todo"]
    assert any("(no place in its sentence: placed " in item for item in todo), todo


def test_an_article_without_a_date_gives_an_undated_draft_and_keeps_the_text(gazetteer):
    at = open_page(lang="en")
    at.text_area(key="author-article").set_value("Nothing is dated here. Moscow is big.")
    at.button(key="author-make-draft").click().run()
    assert not at.exception and not at.error
    assert [e.get("date") for e in author(at).data["events"]] == [None]
    assert any(
        re.fullmatch(r"Event 1 “[^”]+” · Date: no date in its sentence.*", label)
        for label in issues(at)
    ), issues(at)
    assert stored(at)["article"] == "Nothing is dated here. Moscow is big."


def test_start_from_a_story_in_the_folder_and_from_blank(gazetteer):
    at = open_first_story(open_page(lang="en"))
    assert author(at).data["id"] == "russia-north-korea"
    assert author(at).origin["mtime_ns"] > 0
    assert "The story is valid" in at.sidebar.success[0].value
    go(at, "start")
    at.button(key="author-start-blank").click().run()
    assert author(at).data["id"] == "new-story"
    assert any("not found" in label for label in issues(at))


def test_start_from_an_upload_and_from_an_import(gazetteer):
    at = open_page(lang="en")
    upload(at, "story.yaml", FIRST_STORY.read_bytes(), "application/yaml")
    assert author(at).data["id"] == "russia-north-korea"

    katrina = fixture_path("storymapjs/katrina.json")  # a published StoryMapJS story
    go(at, "start")
    upload(at, katrina.name, katrina.read_bytes(), "application/json")
    assert not at.exception
    assert author(at).data["id"] == "the-path-of-hurricane-katrina"
    assert len(author(at).data["events"]) == 7
    report = stored(at)["report"]
    assert any(line.startswith("slide 2: the point is off the map") for line in report)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.yaml", b"\x00\x01\x02\x03" * 100, "binary.yaml is binary data"),
        ("utf16.yaml", "id: x\n".encode("utf-16"), "utf16.yaml is UTF-16 text: save it as UTF-8"),
        (
            "big.yaml",
            b"#" * (5 * 1024 * 1024 + 10),
            "big.yaml is 5.0 MB: a story file may be at most 5.0 MB",
        ),
        ("other.json", b'{"hello": 1}', "other.json is JSON, but not a story this page reads"),
    ],
)
def test_a_hostile_upload_gets_one_line_and_the_story_stays(name, content, message, gazetteer):
    at = open_first_story(open_page(lang="en"))
    go(at, "start")
    upload(at, name, content, "application/octet-stream")
    assert not at.exception
    assert message in plain(at.error[0].value) and "\n" not in at.error[0].value
    assert author(at).data["id"] == "russia-north-korea"  # what was being written stays


def test_an_alias_bomb_is_kept_as_text_to_fix_with_its_problem(gazetteer):
    at = open_page(lang="en")
    bomb = b'a: &a ["x","x"]\nb: [*a,*a,*a]\n'
    upload(at, "bomb.yaml", bomb, "application/yaml")
    assert not at.exception
    assert "which story files do not allow" in at.code[0].value
    assert at.text_area(key=f"a{author(at).generation}:raw").value == bomb.decode()


def test_editing_a_text_keeps_it_marks_it_done_and_survives_a_reload(gazetteer):
    at = open_page(lang="en")
    at.button(key="author-start-blank").click().run()
    gen = author(at).generation
    at.text_input(key=f"a{gen}:title:en").set_value("Russia and North Korea").run()
    assert author(at).data["title"]["en"] == "Russia and North Korea"
    assert "title.en" not in author(at).data["draft"]["todo"]
    assert stored(at)["data"]["title"]["en"] == "Russia and North Korea"
    at.button_group(key="author_lang").set_value("id").run()  # a language switch loses nothing
    assert author(at).data["title"]["en"] == "Russia and North Korea"
    reloaded = open_page(draft=token(at), lang="en")
    assert not reloaded.exception
    assert author(reloaded).data["title"]["en"] == "Russia and North Korea"
    assert (
        reloaded.text_input(key=f"a{author(reloaded).generation}:title:en").value
        == "Russia and North Korea"
    )


def test_a_problem_opens_its_field(gazetteer):
    at = open_first_story(open_page(lang="en"))
    go(at, "events")
    at.selectbox(key=f"a{author(at).generation}:events-choice").set_value(2).run()
    gen = author(at).generation
    at.text_input(key=f"a{gen}:events.2.date").set_value("27/10/2025").run()
    labels = issues(at)
    assert any(
        re.match(r"Event 3 “[^”]+” · Date: '27/10/2025' is not a story date", label)
        for label in labels
    )
    assert "The story is valid" not in " ".join(s.value for s in at.sidebar.success)
    go(at, "story")
    number = next(i for i, label in enumerate(labels) if label.startswith("Event 3 “"))
    at.sidebar.button(key=f"issue-p-{number}").click().run()
    assert at.session_state["author_section"] == "events" and author(at).event == 2
    marks = [h.proto.body for h in at.get("html") if "author-focus" in h.proto.body]
    assert marks and 'id="f-events-2-date"' in marks[0]
    at.text_input(key=f"a{author(at).generation}:events.2.date").set_value("2022").run()
    assert "The story is valid" in at.sidebar.success[0].value


def test_the_categories_box_is_drawn_while_open_and_a_problem_there_opens_it(gazetteer):
    from storymap_ui import author_state

    at = open_first_story(open_page(lang="en"))
    data = dict(author(at).data)
    data["categories"] = [{"id": "talks", "colour": "not a colour", "name": {"id": "R", "en": "T"}}]
    author_state.change(author(at), data)
    at.run()
    assert not at.session_state["author-categories"]  # closed: its table is not drawn
    assert not [h for h in at.get("html") if "f-categories" in h.proto.body]
    labels = issues(at)
    number = next(i for i, label in enumerate(labels) if label.startswith("categories 1"))
    at.sidebar.button(key=f"issue-p-{number}").click().run()
    assert at.session_state["author-categories"]  # opened, its field marked
    marks = [h.proto.body for h in at.get("html") if "author-focus" in h.proto.body]
    assert marks and 'id="f-categories-0-colour"' in marks[0]


def test_a_wrong_sign_longitude_is_flagged_at_once_and_kept(gazetteer):
    at = open_first_story(open_page(lang="en"))
    go(at, "places")
    from storymap_ui import author_places

    author_places._use_candidate(
        author(at), 0,
        __import__("storymap.authoring.place_search", fromlist=["Candidate"]).Candidate(
            "Moscow", 55.75, -37.62, "RU", "gazetteer", 5.0, "typed wrong"
        ),
    )  # fmt: skip
    at.run()
    assert not at.exception
    assert any("did you mean longitude 37.62?" in label for label in issues(at))
    assert author(at).data["places"][0]["coordinates"]["lon"] == -37.62  # kept, to be fixed


def test_a_failed_geocode_keeps_the_edit(gazetteer):
    at = open_first_story(open_page(lang="en"))
    go(at, "places")
    n = next(i for i, p in enumerate(author(at).data["places"]) if p["id"] == "pyongyang")
    at.selectbox(key=f"a{author(at).generation}:places-choice").set_value(n).run()
    at.text_input(key=f"a{author(at).generation}:places.{n}.name:en").set_value("Pyongyangg").run()
    at.text_input(key=f"a{author(at).generation}:places.{n}.name:id").set_value("Pyongyangg").run()
    assert author(at).data["places"][n]["name"] == {"id": "Pyongyangg", "en": "Pyongyangg"}
    assert any(
        "'Pyongyangg' in KP not found (did you mean: Pyongyang" in label for label in issues(at)
    )


def test_saving_keeps_the_old_version_and_asks_before_a_newer_file(places, gazetteer):
    at = open_first_story(open_page(lang="en"))
    gen = author(at).generation
    at.text_input(key=f"a{gen}:title:en").set_value("Edited here").run()
    go(at, "save")
    target = places / "russia-north-korea.yaml"
    at.button(key="author-save").click().run()
    assert not at.exception and "Saved:" in plain(at.success[0].value)
    assert "en: Edited here" in target.read_text()
    assert len(list((places / ".versions").glob("russia-north-korea-*.yaml"))) == 1
    # someone else saves the file meanwhile
    later = target.stat().st_mtime_ns + 5_000_000_000
    target.write_text(target.read_text().replace("Edited here", "Edited elsewhere"))
    os.utime(target, ns=(later, later))
    at.button(key="author-save").click().run()
    assert "on disk was changed at" in plain(at.warning[0].value)
    assert "Edited elsewhere" in target.read_text()  # not overwritten without asking
    at.button(key="author-overwrite-yes").click().run()
    assert "Edited here" in target.read_text()
    assert len(list((places / ".versions").glob("*.yaml"))) == 2


def test_saving_is_off_where_the_app_is_not_local(monkeypatch, gazetteer):
    monkeypatch.delenv("STORYMAP_AUTHOR_SAVE_DIR")
    at = go(open_first_story(open_page(lang="en")), "save")
    assert all(b.key != "author-save" for b in at.button)
    assert any(
        "works only where the app runs on this computer alone" in c.value for c in at.caption
    )


def test_downloads_offer_the_story_any_time_and_exports_when_valid(gazetteer):
    at = open_page(lang="en")
    at.button(key="author-start-blank").click().run()
    go(at, "save")
    buttons = {b.proto.label: b.proto.disabled for b in at.get("download_button")}
    assert buttons["Story file (YAML)"] is False
    assert (
        buttons["Offline single-file page (HTML)"] is True and buttons["Static site (zip)"] is True
    )
    assert any("The exports need a valid story" in c.value for c in at.caption)


def test_preview_shows_the_reader_on_the_current_edits_under_its_own_id(gazetteer):
    at = go(open_first_story(open_page(lang="en")), "preview")
    assert not at.exception
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    assert args["mode"] == "reader" and args["map_url"].startswith("data/")
    from storymap_ui.component import frontend_dir

    words = json.loads((frontend_dir() / args["text_urls"]["id"]).read_text())
    assert words["title"] == "Rusia dan Korea Utara, makin rapat"
    assert "preview-" in json.loads((frontend_dir() / args["map_url"]).read_text())["id"]
    at.button_group(key="author-preview-mode").set_value("presenter").run()
    assert json.loads(at.get("component_instance")[0].proto.json_args)["mode"] == "presenter"


def test_a_second_tab_on_the_same_draft_never_silently_overwrites(gazetteer):
    first = open_first_story(open_page(lang="en"))
    second = open_page(draft=token(first), lang="en")
    assert author(second).data["id"] == "russia-north-korea"
    gen = author(first).generation
    first.text_input(key=f"a{gen}:title:en").set_value("From the first tab").run()
    second.run()
    assert "changed in another tab or window" in second.warning[0].value
    second.text_input(key=f"a{author(second).generation}:title:en").set_value(
        "From the second tab"
    ).run()
    assert stored(first)["data"]["title"]["en"] == "From the first tab"  # not overwritten
    second.button(key="author-take-newer").click().run()
    assert author(second).data["title"]["en"] == "From the first tab"
    assert not second.warning


def test_the_events_table_edits_adds_and_removes_rows(gazetteer):
    at = go(open_first_story(open_page(lang="en")), "events")
    before = author(at).data["events"]
    key = f"g{author(at).grid_generation}:events:0"
    table = at.data_editor(key=key) if hasattr(at, "data_editor") else None
    assert table is not None and list(table.value["id"])[:2] == [before[0]["id"], before[1]["id"]]
    at.session_state[key] = {
        "edited_rows": {0: {"date": "1948-09", "title.en": "Edited in the table"}},
        "added_rows": [{"id": "added-in-table", "title.en": "Added"}],
        "deleted_rows": [1],
    }
    at.run()
    events = author(at).data["events"]
    assert events[0]["date"] == "1948-09" and events[0]["title"]["en"] == "Edited in the table"
    assert before[1]["id"] not in [e["id"] for e in events]
    assert events[-1]["id"] == "added-in-table" and len(events) == len(before)
    assert at.data_editor(key=key).value.iloc[0]["id"] == before[0]["id"]  # kept as drawn
    at.session_state[key] = {  # the same table's next edit: its whole delta, once more
        "edited_rows": {0: {"date": "1948-09", "title.en": "Edited in the table"},
                        2: {"title.en": "A second edit"}},
        "added_rows": [{"id": "added-in-table", "title.en": "Added"}],
        "deleted_rows": [1],
    }  # fmt: skip
    at.run()
    events = author(at).data["events"]
    assert len(events) == len(before) and [e["id"] for e in events].count("added-in-table") == 1
    assert events[1]["title"]["en"] == "A second edit" and events[0]["date"] == "1948-09"
    go(go(at, "story"), "events")  # shown again: drawn afresh from the story
    rows = at.data_editor(key=f"g{author(at).grid_generation}:events:0").value
    assert rows.iloc[0]["reads_as"] == "September 1948"  # the same in both languages: once


HOSTILE = ROOT / "tests" / "fixtures" / "author_hostile.yaml"
UNSAFE = ("<script", "<img", "<svg", "<iframe")


def shown_markup(at: AppTest) -> list[str]:
    """Everything the page renders as markup or Markdown (not the values inside inputs)."""
    texts = [h.proto.body for h in at.get("html")]
    texts += [
        m.value for m in [*at.markdown, *at.caption, *at.error, *at.warning, *at.success, *at.info]
    ]
    texts += [b.label for b in [*at.button, *at.sidebar.button]]
    texts += [w.label for w in [*at.text_input, *at.text_area, *at.selectbox, *at.multiselect]]
    return texts


def test_html_and_script_in_every_field_stay_text_on_every_part_of_the_page(gazetteer):
    at = open_page(lang="en")
    upload(at, "hostile.yaml", HOSTILE.read_bytes(), "text/yaml")
    assert "The story is valid" in at.sidebar.success[0].value
    for section in ("story", "places", "events", "preview", "save"):
        go(at, section)
        assert not at.exception, section
        for text in shown_markup(at):
            for unsafe in UNSAFE:
                assert unsafe not in text.lower(), (section, text)
    go(at, "events")  # in the inputs, the text is there as it was written, to edit
    gen = author(at).generation
    assert at.text_input(key=f"a{gen}:events.0.title:en").value == "<img src=x onerror=alert(1)>"


def test_a_javascript_media_address_is_a_problem_at_its_field(gazetteer):
    at = open_page(lang="en")
    text = HOSTILE.read_text().replace(
        "url: https://example.org/<script>alert(1)</script>.jpg", "url: javascript:alert(1)"
    )
    upload(at, "hostile.yaml", text.encode(), "text/yaml")
    assert any(
        label.startswith(
            "Event 1 “<img src=x onerror=alert(1)>” · Media (pictures, videos, links) 1 · "
            "Web address: String should match pattern"
        )
        for label in issues(at)
    )
    go(at, "save")
    assert {b.proto.label: b.proto.disabled for b in at.get("download_button")}[
        "Offline single-file page (HTML)"
    ]


def test_a_story_of_ten_thousand_events_keeps_the_page_running(gazetteer):
    import yaml

    from storymap.synthetic import synthetic_story

    at = open_page(lang="en")
    data = json.loads(json.dumps(synthetic_story(10_000)))
    DraftStore(Path(os.environ["STORYMAP_CACHE"]) / "drafts").save(
        token(at), {"data": data, "origin": {"kind": "upload"}}, 0, owner=author(at).owner
    )
    at = open_page(draft=token(at), lang="en")
    assert not at.exception
    assert "This story is big" in at.sidebar.info[0].value
    assert any(b.key == "author-check-now" for b in at.sidebar.button)
    go(at, "events")
    assert not at.exception
    assert len(at.data_editor(key=f"g{author(at).grid_generation}:events:0").value) == 50
    assert at.number_input(key=f"a{author(at).generation}:events-page").max == 200
    assert yaml  # the story file is written with libyaml


def test_an_events_sources_and_the_credits_are_edited_in_small_tables(gazetteer):
    at = go(open_first_story(open_page(lang="en")), "events")
    sources = author(at).data["events"][0]["sources"]
    key = f"g{author(at).grid_generation}:events.0.sources"
    assert list(at.data_editor(key=key).value["outlet.en"]) == [s["outlet"] for s in sources]
    at.session_state[key] = {
        "edited_rows": {0: {"outlet.en": "IDN Times (English)"}},
        "added_rows": [{"outlet.id": "Reuters", "outlet.en": "Reuters"}],
        "deleted_rows": [],
    }
    at.run()
    changed = author(at).data["events"][0]["sources"]
    assert changed[0]["outlet"] == {"id": sources[0]["outlet"], "en": "IDN Times (English)"}
    assert changed[-1] == {"outlet": "Reuters"} and len(changed) == len(sources) + 1
    go(at, "story")
    key = f"g{author(at).grid_generation}:credits"
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    at.run()
    credits = author(at).data["credits"]
    assert [c["name"] for c in credits] == ["storymap contributors"]
    assert stored(at)["data"]["credits"] == credits


def test_a_source_address_a_desk_would_refuse_is_a_warning_apart_from_the_problems(gazetteer):
    at = open_page(lang="id")
    text = FIRST_STORY.read_text(encoding="utf-8").replace(
        "  language: id\n", "  language: id\n  url: https://staging.example-news.com/a/b\n", 1
    )
    upload(at, "story.yaml", text.encode(), "text/yaml")
    assert not at.exception
    [warning] = [label for label in issues(at) if "development or staging host" in label]
    assert warning.startswith("Artikel sumber · Alamat web: ")
    expanders = [e.label for e in at.sidebar.expander]
    assert "1 alamat sumber perlu ditinjau (peringatan, bukan kesalahan)" in expanders
    assert any(s.value.startswith("Cerita valid") for s in at.sidebar.success)  # still valid


def two_tabs_and_an_edit_in_the_first(title: str) -> tuple[AppTest, AppTest]:
    """Tabs A and C on one draft; A changes the title after C has drawn its page."""
    first = open_first_story(open_page(lang="en"))
    second = go(open_page(draft=token(first), lang="en"), "save")
    gen = author(first).generation
    first.text_input(key=f"a{gen}:title:en").set_value(title).run()
    return first, second


def test_save_in_an_older_tab_asks_and_never_writes_over_newer_work(places, gazetteer):
    first, second = two_tabs_and_an_edit_in_the_first("Newer, from tab A")
    target = places / "russia-north-korea.yaml"
    before = target.read_text()
    second.button(key="author-save").click().run()
    assert not second.exception
    assert target.read_text() == before  # nothing written from the older tab
    assert "changed in another tab or window" in second.warning[0].value
    assert "title.en" in plain(second.warning[0].value)  # what the choice is about
    assert stored(first)["data"]["title"]["en"] == "Newer, from tab A"
    assert not (places / ".versions").exists()  # and no version replaced
    second.button(key="author-take-newer").click().run()
    second.button(key="author-save").click().run()
    assert "Saved:" in plain(second.success[0].value)
    assert "en: Newer, from tab A" in target.read_text()
    assert stored(first)["data"]["title"]["en"] == "Newer, from tab A"


def test_an_older_tab_hands_out_no_download_made_from_its_older_story(gazetteer):
    first, second = two_tabs_and_an_edit_in_the_first("Newer, from tab A")
    second.run()
    buttons = {b.proto.label: b.proto.disabled for b in second.get("download_button")}
    assert buttons["Story file (YAML)"] is True and buttons["Offline single-file page (HTML)"]
    from storymap_ui import author_state

    later = author_state.stale_later(author(first))  # drawn while A was the newest
    assert later() is None
    third = open_page(draft=token(first), lang="en")
    gen = author(third).generation
    third.text_input(key=f"a{gen}:title:en").set_value("Newest, from a third tab").run()
    assert "changed in another tab or window" in str(later())  # a click on A's old button


def test_a_new_start_in_an_older_tab_asks_before_replacing_newer_work(gazetteer):
    first, second = two_tabs_and_an_edit_in_the_first("Newer, from tab A")
    go(second, "start")
    second.button(key="author-start-blank").click().run()
    assert "changed in another tab or window" in second.warning[0].value
    assert stored(first)["data"]["title"]["en"] == "Newer, from tab A"  # not replaced unasked
    second.button(key="author-keep-mine").click().run()  # the author chose the new start
    assert stored(first)["data"]["id"] == "new-story"


def test_a_to_do_that_asks_for_a_check_is_checked_off_and_recorded(gazetteer):
    at = open_page(lang="en")
    at.text_area(key="author-article").set_value(
        ARTICLE + "Sehari sebelumnya, Lavrov bertemu Choe.\n"
    )
    at.date_input(key="author-published").set_value("2025-10-27")
    at.button(key="author-make-draft").click().run()
    todo = author(at).data["draft"]["todo"]
    checks = [b for b in at.sidebar.checkbox if (b.key or "").startswith("check-")]
    assert checks, todo  # a date, places or a place to check: each has its mark
    numbers = {b.key.split("-")[2] for b in checks}
    title = next(b.key for b in at.sidebar.button if plain(b.label).startswith("Title · EN:"))
    assert title.rsplit("-", 1)[1] not in numbers  # a text to write is done by writing
    number = int(checks[0].key.split("-")[2])
    item = next(b for b in at.sidebar.button if b.key == f"issue-t-{number}").label
    checks[0].check().run()
    draft = author(at).data["draft"]
    assert len(draft["todo"]) == len(todo) - 1
    assert draft["checked"] == [e for e in todo if e not in draft["todo"]]
    checked_path = parse_path(draft["checked"][0])
    assert plain(item).startswith(describe(author(at).data, checked_path, "en") + ": ")
    assert stored(at)["data"]["draft"]["checked"] == draft["checked"]


def test_an_events_sources_table_reads_plainly_and_takes_a_web_address(gazetteer):
    at = go(open_first_story(open_page(lang="en")), "events")
    key = f"g{author(at).grid_generation}:events.0.sources"
    columns = json.loads(at.data_editor(key=key).proto.columns)
    labels = [columns[c]["label"] for c in ("outlet.id", "claim.en", "url")]
    assert labels == ["Outlet · id", "What it reported · en", "Web address"]
    at.session_state[key] = {
        "edited_rows": {0: {"url": "https://www.idntimes.com/news/world/a-report"}},
        "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.run()
    source = author(at).data["events"][0]["sources"][0]
    assert source["url"] == "https://www.idntimes.com/news/world/a-report"
    assert "The story is valid" in at.sidebar.success[0].value


def test_each_languages_cell_of_a_sources_table_keeps_its_edit(gazetteer):
    at = go(open_first_story(open_page(lang="en")), "events")
    key = f"g{author(at).grid_generation}:events.0.sources"
    at.session_state[key] = {
        "edited_rows": {0: {"outlet.id": "Kantor berita"}}, "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.run()
    assert at.data_editor(key=key).value.iloc[0]["outlet.id"] == "IDN Times"  # kept as drawn
    at.session_state[key] = {  # the English cell, typed next: the browser sends both edits
        "edited_rows": {0: {"outlet.id": "Kantor berita", "outlet.en": "News agency"}},
        "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.run()
    outlet = author(at).data["events"][0]["sources"][0]["outlet"]
    assert outlet == {"id": "Kantor berita", "en": "News agency"}


def test_a_date_changed_under_its_note_puts_the_note_on_the_list(gazetteer):
    at = open_page(lang="en")
    at.text_area(key="author-article").set_value(ARTICLE)
    at.date_input(key="author-published").set_value("2025-10-27")
    at.button(key="author-make-draft").click().run()
    events = author(at).data["events"]
    index = next(i for i, e in enumerate(events) if e.get("date_note") and e.get("date"))
    go(at, "events")
    at.selectbox(key=f"a{author(at).generation}:events-choice").set_value(index).run()
    at.text_input(key=f"a{author(at).generation}:events.{index}.date").set_value("1999").run()
    todo = author(at).data["draft"]["todo"]
    assert f"events[{index}].date_note (written for the date before, " in " ".join(todo)
    assert any(
        re.match(
            rf"Event {index + 1}( “[^”]+”)? · About the date: written for the date before",
            plain(label),
        )
        for label in issues(at)
    ), issues(at)

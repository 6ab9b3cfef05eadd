"""Nothing the author makes is lost: the draft store (atomic, revisions, a second tab) and
saving into the stories folder (never over a newer file, always keeping the old one)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from storymap.authoring.exports import site_zip, story_file_text
from storymap.authoring.saving import NewerOnDisk, SaveError, save_story
from storymap.authoring.store import (
    DraftConflict,
    DraftError,
    DraftStore,
    drafts_folder,
    is_token,
    new_token,
)
from storymap.loading import parse_story

ME, OTHER = "a" * 64, "b" * 64  # two browsers' owner ids


def test_tokens_are_random_and_checked():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50 and all(is_token(token) for token in tokens)
    for bad in ("", "short", "../../etc/passwd", "a" * 65, "x" * 20 + "/", None, 123):
        assert not is_token(bad)
    assert not is_token("NEWLINETOKEN0000\n")  # ``$`` alone lets a final newline through
    with pytest.raises(DraftError):
        DraftStore(Path("/tmp")).load("../../../etc/passwd")


def test_the_drafts_folder_follows_storymap_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYMAP_CACHE", str(tmp_path))
    assert drafts_folder() == tmp_path / "drafts"
    monkeypatch.delenv("STORYMAP_CACHE")
    assert drafts_folder() == Path.home() / ".cache" / "storymap" / "drafts"


def test_a_draft_is_kept_and_read_back(tmp_path):
    store = DraftStore(tmp_path)
    token = new_token()
    assert store.load(token) is None and store.revision(token) == 0
    saved = store.save(token, {"data": {"id": "x", "lat": float("nan")}}, 0, owner=ME)
    assert saved.revision == 1
    again = store.load(token)
    assert again.revision == 1 and again.record["data"]["id"] == "x"
    assert (tmp_path / f"{token}.json").stat().st_mode & 0o777 == 0o600  # drafts are private
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []  # no leftovers


def test_a_second_tab_never_silently_overwrites_a_newer_save(tmp_path):
    store = DraftStore(tmp_path)
    token = new_token()
    first = store.save(token, {"data": {"id": "a"}}, 0, owner=ME)
    second_tab = store.load(token)
    store.save(token, {"data": {"id": "from the first tab"}}, first.revision, owner=ME)
    with pytest.raises(DraftConflict, match="changed in another tab or window"):
        store.save(token, {"data": {"id": "from the second tab"}}, second_tab.revision, owner=ME)
    assert store.load(token).record["data"]["id"] == "from the first tab"
    forced = store.save(
        token, {"data": {"id": "second tab, on purpose"}}, second_tab.revision, owner=ME, force=True
    )
    assert (
        forced.revision == 3 and store.load(token).record["data"]["id"] == "second tab, on purpose"
    )


def test_a_save_checks_the_draft_from_its_head_without_reading_it_whole(tmp_path, monkeypatch):
    store = DraftStore(tmp_path)
    token = new_token()
    first = store.save(token, {"data": {"id": "a", "text": "x" * 5000}}, 0, owner=ME)
    stale = first.revision
    store.save(token, {"data": {"id": "newer"}}, first.revision, owner=ME)

    def whole(*_args):
        raise AssertionError("the whole draft was read back to check a save")

    monkeypatch.setattr(DraftStore, "load", whole)
    with pytest.raises(DraftConflict):  # the revision check, from the head
        store.save(token, {"data": {"id": "stale tab"}}, stale, owner=ME)
    with pytest.raises(DraftError, match="another browser"):  # the owner check, from the head
        store.save(token, {"data": {"id": "not mine"}}, 9, owner=OTHER)
    kept = store.save(token, {"data": {"id": "next"}}, 2, owner=ME)
    assert kept.revision == 3 and kept.owner == ME
    monkeypatch.undo()
    assert store.load(token).record == {"data": {"id": "next"}} and store.load(token).owner == ME


def test_a_draft_not_written_as_this_store_writes_is_read_whole_to_check_a_save(tmp_path):
    store = DraftStore(tmp_path)
    token = new_token()
    (tmp_path / f"{token}.json").write_text(  # no revision at its start: an older layout
        json.dumps({"record": {"data": {"id": "old"}}, "revision": 4, "owner": ME}), "utf-8"
    )
    with pytest.raises(DraftConflict):
        store.save(token, {"data": {"id": "stale"}}, 3, owner=ME)
    assert store.save(token, {"data": {"id": "new"}}, 4, owner=ME).revision == 5


def test_a_broken_draft_file_reads_as_none_and_old_drafts_are_pruned(tmp_path):
    store = DraftStore(tmp_path)
    token, old = new_token(), new_token()
    (tmp_path / f"{token}.json").write_text("{not json", encoding="utf-8")
    assert store.load(token) is None
    store.save(old, {"data": None}, 0, owner=ME)
    long_ago = time.time() - 40 * 86400
    os.utime(tmp_path / f"{old}.json", (long_ago, long_ago))
    assert store.prune() == 1 and store.load(old) is None


def test_a_draft_too_big_to_keep_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("storymap.authoring.store.MAX_DRAFT_BYTES", 100)
    with pytest.raises(DraftError, match="larger than"):
        DraftStore(tmp_path).save(new_token(), {"data": "x" * 200}, 0, owner=ME)


def _story_text() -> str:
    return (Path(__file__).parent / "fixtures" / "first-story-article-reading.yaml").read_text(
        "utf-8"
    )


def test_saving_a_new_story_writes_it_whole(tmp_path):
    result = save_story(tmp_path, "new-story", "id: new-story\n", None)
    assert result.path == tmp_path / "new-story.yaml" and result.previous is None
    assert result.path.read_text() == "id: new-story\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new-story.yaml"]


def test_saving_over_the_file_it_was_read_from_keeps_the_old_version(tmp_path):
    path = tmp_path / "story.yaml"
    path.write_text("old\n")
    read_at = path.stat().st_mtime_ns
    result = save_story(tmp_path, "story", "new\n", read_at)
    assert path.read_text() == "new\n"
    assert (
        result.previous.parent == tmp_path / ".versions" and result.previous.read_text() == "old\n"
    )
    assert result.previous.name.startswith("story-") and result.mtime_ns == path.stat().st_mtime_ns


def test_a_newer_file_on_disk_is_not_overwritten_without_asking(tmp_path):
    path = tmp_path / "story.yaml"
    path.write_text("read by the author\n")
    read_at = path.stat().st_mtime_ns
    path.write_text("saved by someone else meanwhile\n")
    later = read_at + 5_000_000_000
    os.utime(path, ns=(later, later))
    with pytest.raises(NewerOnDisk, match=r"story\.yaml on disk was changed at"):
        save_story(tmp_path, "story", "mine\n", read_at)
    assert path.read_text() == "saved by someone else meanwhile\n"
    with pytest.raises(NewerOnDisk):  # a story with this id that this one did not come from
        save_story(tmp_path, "story", "mine\n", None)
    result = save_story(tmp_path, "story", "mine\n", read_at, overwrite=True)
    assert (
        path.read_text() == "mine\n"
        and result.previous.read_text() == "saved by someone else meanwhile\n"
    )


@pytest.mark.parametrize(
    "story_id", ["../escape", "a/b", "", "UPPER", ".hidden", "x" * 81, "story\n"]
)
def test_a_story_id_cannot_name_a_file_elsewhere(tmp_path, story_id):
    with pytest.raises(SaveError, match="is not a story id"):
        save_story(tmp_path, story_id, "x", None)


def test_a_story_file_that_is_a_link_is_not_saved_through(tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("not a story of this folder\n")
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "story.yaml").symlink_to(elsewhere)
    with pytest.raises(SaveError) as refused:
        save_story(stories, "story", "mine\n", None, overwrite=True)
    assert str(refused.value) == (
        f"story.yaml in {stories} is a symbolic link: not saved (saving would copy and replace "
        "what it points to; replace the link with the story file itself)"
    )
    assert elsewhere.read_text() == "not a story of this folder\n"
    assert not (stories / ".versions").exists()
    assert (stories / "story.yaml").is_symlink()


def test_a_versions_folder_that_is_a_link_is_not_written_into(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / ".versions").symlink_to(outside, target_is_directory=True)
    path = stories / "story.yaml"
    path.write_text("old\n")
    with pytest.raises(
        SaveError, match=r"\.versions is a symbolic link or not a folder: not saved"
    ):
        save_story(stories, "story", "new\n", path.stat().st_mtime_ns)
    assert list(outside.iterdir()) == [] and path.read_text() == "old\n"


def test_a_version_is_a_new_file_never_a_link_planted_under_its_name(tmp_path, monkeypatch):
    monkeypatch.setattr("time.strftime", lambda *_: "20260101T000000")
    target = tmp_path / "target.txt"
    stories = tmp_path / "stories"
    (stories / ".versions").mkdir(parents=True)
    (stories / ".versions" / "story-20260101T000000.yaml").symlink_to(target)  # dangling
    path = stories / "story.yaml"
    path.write_text("old\n")
    result = save_story(stories, "story", "new\n", path.stat().st_mtime_ns)
    assert not target.exists()
    assert result.previous.name == "story-20260101T000000-2.yaml"
    assert result.previous.read_text() == "old\n" and not result.previous.is_symlink()


def test_saving_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(SaveError, match="does not exist"):
        save_story(tmp_path / "nowhere", "story", "x", None)


def test_the_story_yaml_reads_back_the_same(story):
    data = json.loads(story.model_dump_json(exclude_defaults=True))
    text = story_file_text(data)
    assert text.startswith("# yaml-language-server: $schema=../story.schema.json\n")
    assert parse_story(text) == story


def test_the_site_zip_holds_the_index_the_page_and_the_story_file(located_story):
    import io
    import zipfile

    text = _story_text()
    archive = zipfile.ZipFile(io.BytesIO(site_zip(located_story, text)))
    names = set(archive.namelist())
    story_id = located_story.story.id
    assert {
        "index.html",
        f"{story_id}.html",
        f"{story_id}.yaml",
        f"{story_id}-overview.png",
    } <= names
    assert archive.read(f"{story_id}.yaml").decode() == text
    assert f'href="{story_id}.yaml"' in archive.read("index.html").decode()


def test_what_two_versions_of_a_story_differ_in_is_named_field_by_field():
    from storymap.authoring.paths import differences

    old = {"id": "s", "title": {"en": "A", "id": "A"}, "events": [{"id": "e", "date": "2020"}]}
    new = {
        "id": "s",
        "title": {"en": "B", "id": "A"},
        "events": [{"id": "e", "date": "2021", "places": ["x"]}],
        "draft": {"todo": ["title.en"]},
    }
    assert differences(old, new) == ["title.en", "events[0].date", "events[0].places", "draft"]
    assert differences(old, old) == []
    assert differences(None, new) == ["the whole story"]
    assert differences({"events": [1]}, {"events": [1, 2]}) == ["events"]
    many = {"events": [{"id": str(i)} for i in range(20)]}
    assert len(differences({"events": [{"id": ""}] * 20}, many, limit=5)) == 5

"""Preview, download and save: the reader itself on the current edits, the story file and
every export at any time, and saving into the stories folder where the app runs locally.

The preview publishes the edited story under an id of its own (``preview-…``), so its
payload files never replace those of the published story it was opened from.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import streamlit as st

from storymap.authoring.checks import Checked
from storymap.authoring.exports import site_zip
from storymap.authoring.saving import NewerOnDisk, SaveError, save_story
from storymap.errors import StorymapError
from storymap.export import FORMATS, export_bytes
from storymap.i18n import language_label, t
from storymap.loading import parse_story
from storymap.located import LocatedStory
from storymap.media_files import carry_pictures, media_folder
from storymap.settings import author_save_folder, stories_folder, tiles
from storymap.worker import run_apart
from storymap_ui import author_state, component
from storymap_ui.author_checks import story_text
from storymap_ui.author_state import Author
from storymap_ui.author_view import md
from storymap_ui.state import link_from

LOCAL_ADDRESSES = {"127.0.0.1", "localhost", "::1"}
_SAFE = re.compile(r"[^a-z0-9-]+")


def save_folder() -> Path | None:
    """Where Save writes stories: ``STORYMAP_AUTHOR_SAVE_DIR`` if set (empty or ``off``:
    nowhere), else the stories folder (``STORYMAP_STORIES``) only when the server listens
    on this computer alone."""
    local = str(st.get_option("server.address") or "") in LOCAL_ADDRESSES
    return author_save_folder(default=stories_folder() if local else None)


def file_stem(data: dict | None) -> str:
    """The story's id made safe for a file name ("story" when it has none)."""
    story_id = (data or {}).get("id")
    stem = _SAFE.sub("-", str(story_id).lower()).strip("-")[:80] if story_id else ""
    return stem or "story"


@st.cache_resource(show_spinner=False, max_entries=32)
def _published(
    token: str, digest: str, _story: LocatedStory
) -> tuple[LocatedStory, str, dict[str, str]]:
    preview_id = "preview-" + hashlib.sha256(token.encode()).hexdigest()[:16]
    story = replace(_story, story=_story.story.model_copy(update={"id": preview_id}))
    map_url, text_urls = component.publish(story)
    return story, map_url, text_urls


def preview(author: Author, checked: Checked | None, lang: str) -> None:
    """The reader engine itself on the current edits: as a reader, or as a class sees it."""
    located = checked.located_story() if checked else None
    if located is None:
        count = len(checked.problems) if checked else 0
        st.info(t("author_preview_needs_valid", lang, count=count))
        return
    story, map_url, text_urls = _published(author.token, author.digest(), located)
    languages = list(story.story.languages)
    left, right, notes = st.columns([2, 2, 1])
    with left:
        mode = st.segmented_control(
            t("author_preview_as", lang), ["reader", "presenter"], default="reader",
            format_func={"reader": t("author_preview_reader", lang),
                         "presenter": t("author_preview_presenter", lang)}.get,
            key="author-preview-mode",
        ) or "reader"  # fmt: skip
    with right:
        story_lang = st.segmented_control(
            t("language_label", lang), languages, default=story.story.default_language,
            format_func=language_label, key="author-preview-lang",
        ) or story.story.default_language  # fmt: skip
    with notes:  # as a reader, under the words; a class's slide never shows them (✎ opens them)
        show_notes = st.toggle(t("speaker_notes", lang), key="author-preview-notes",
                               disabled=mode == "presenter")  # fmt: skip
    component.publish_language(story, text_urls[story_lang].rsplit("/", 1)[1])
    link = st.session_state.get("author_preview_link", {})
    component.reader_map(
        map_url, text_urls, lang=story_lang,
        step=story.step_for_link(link.get("event"), link.get("step")),
        event=link.get("event"),
        ack=st.session_state.get("author_preview_ack", 0), tiles=tiles(), mode=mode,
        notes=show_notes, on_change=_remember_step,
    )  # fmt: skip


def _remember_step() -> None:
    value = st.session_state.get("reader_map")
    link = link_from(value)
    if link is not None:
        st.session_state.author_preview_ack = value["seq"]
        st.session_state.author_preview_link = link


def downloads(author: Author, checked: Checked | None, lang: str) -> None:
    """The story file at any time; the exports once the story is valid."""
    stem = file_stem(author.data)
    fresh = author_state.current(author)  # a stale tab hands out nothing until asked
    stale = author_state.stale_later(author)  # and a download is made when clicked
    st.subheader(t("author_story_file_heading", lang), anchor=False)
    story_download(author, lang, stale, fresh)
    st.subheader(t("author_exports_heading", lang), anchor=False)
    located = checked.located_story() if checked else None
    if located is None:
        st.caption(t("author_exports_need_valid", lang))
    story_lang = located.story.default_language if located else lang
    columns = st.columns(3)
    for number, (fmt, export) in enumerate(FORMATS.items()):
        columns[number % 3].download_button(
            t(export.label, lang),
            _checked(stale, _maker(located, f"the {fmt} export", page_export, fmt)),
            export.file_name(stem, story_lang), export.mime, on_click="ignore",
            icon=":material/download:", key=f"author-download-{fmt}",
            disabled=located is None or not fresh,
        )  # fmt: skip
    columns[len(FORMATS) % 3].download_button(
        t("author_download_site", lang),
        _checked(stale, _maker(located, "the site export", site_zip, story_text(author))),
        f"{stem}-site.zip", "application/zip", on_click="ignore", icon=":material/folder_zip:",
        key="author-download-site", disabled=located is None or not fresh,
    )  # fmt: skip


def page_export(story: LocatedStory, fmt: str) -> bytes:
    """An export as the page offers it: the same call, with the same defaults, as ``storymap
    export`` (the story's language, the offline map), so the files are the same. The reader
    preview's base map (``STORYMAP_TILES``) is the app's, not an export's."""
    return export_bytes(story, fmt)


def story_download(
    author: Author,
    lang: str,
    stale: Callable[[], Exception | None] = lambda: None,
    fresh: bool = True,
) -> None:
    """The story file, valid or not; made when clicked, if the tab is still current."""
    text = story_text(author)
    st.download_button(
        t("download_story", lang), _checked(stale, lambda: text.encode()),
        f"{file_stem(author.data)}.yaml", "application/yaml", on_click="ignore",
        icon=":material/description:", key="author-download-yaml", type="primary",
        disabled=not fresh,
    )  # fmt: skip


def _maker(
    story: LocatedStory | None, what: str, make: Callable[..., bytes], *args: object
) -> Callable[[], bytes]:
    """The download's data, made when it is clicked, in a worker process (``run_apart``):
    an export's failure, its own bug or its deadline is a file that says so in one line."""

    def made() -> bytes:
        if story is None:
            return b""
        try:
            return run_apart(make, story, *args, what=what)
        except StorymapError as exc:
            return f"{t('export_failed', 'en')}: {exc}\n".encode()

    return made


def _checked(
    stale: Callable[[], Exception | None], make: Callable[[], bytes]
) -> Callable[[], bytes]:
    """A download made when clicked, if this tab still holds the newest revision then;
    otherwise a one-line file that says why it was not made (the page asks on its next run)."""

    def made() -> bytes:
        conflict = stale()
        if conflict is not None:
            return f"{t('author_stale_download', 'en', why=conflict)}\n".encode()
        return make()

    return made


def save(author: Author, checked: Checked | None, lang: str) -> None:
    """Save into the stories folder, never over a newer file without asking."""
    folder = save_folder()
    st.subheader(t("author_save_heading", lang), anchor=False)
    if folder is None:
        st.caption(t("author_save_off", lang))
        return
    stem = file_stem(author.data)
    if checked is None or not checked.ready:
        st.caption(t("author_save_needs_valid", lang))
        return
    origin = author.origin
    target = folder / f"{stem}.yaml"
    read_at = origin.get("mtime_ns") if origin.get("path") == str(target) else None
    asked = st.session_state.get("author_overwrite") == str(target)
    if asked:
        st.warning(md(st.session_state.get("author_overwrite_why", "")))
        confirm, cancel = st.columns(2)
        if confirm.button(t("author_overwrite", lang), key="author-overwrite-yes", type="primary"):
            if author_state.current(author):
                _save(author, folder, stem, read_at, True, lang)
            else:
                st.warning(t("author_choose_first", lang))
        if cancel.button(t("author_cancel", lang), key="author-overwrite-no"):
            st.session_state.pop("author_overwrite", None)
            st.rerun()
        return
    clicked = st.button(
        t("author_save_to", lang, path=str(target)), key="author-save", icon=":material/save:"
    )
    if clicked or st.session_state.pop("author_save_now", False):  # or the side panel's Save
        if author_state.current(author):  # never a stale tab's story over newer work
            _save(author, folder, stem, read_at, False, lang)
        else:
            st.warning(t("author_choose_first", lang))


def save_shortcut(checked: Checked | None, lang: str) -> None:
    """Save in the side panel, under "the story is valid": it opens the save part and saves."""
    if save_folder() is None or checked is None or not checked.ready:
        return
    st.sidebar.button(
        t("author_save", lang), key="author-save-side", icon=":material/save:", type="primary",
        on_click=_save_from_side,
    )  # fmt: skip


def _save_from_side() -> None:
    st.session_state.author_goto = "save"
    st.session_state.author_save_now = True


def _folder(value: object) -> Path | None:
    return Path(value) if isinstance(value, str) and value else None


def _save(
    author: Author, folder: Path, stem: str, read_at: int | None, overwrite: bool, lang: str
) -> None:
    try:
        result = save_story(folder, stem, story_text(author), read_at, overwrite=overwrite)
    except NewerOnDisk as exc:
        st.session_state.author_overwrite = str(exc.path)
        st.session_state.author_overwrite_why = t("author_newer_on_disk", lang, why=str(exc))
        st.rerun()
        return
    except (SaveError, OSError) as exc:
        st.error(md(exc))
        return
    st.session_state.pop("author_overwrite", None)
    media = media_folder(result.path)
    try:  # the pictures go with the story, into its own media folder
        carry_pictures(parse_story(story_text(author)), _folder(author.origin.get("media")), media)
    except StorymapError as exc:
        st.error(md(exc))
    origin = {
        "kind": "file",
        "name": result.path.name,
        "path": str(result.path),
        "mtime_ns": result.mtime_ns,
        "media": str(media),
    }
    author_state.commit(author, {**author.record, "origin": origin})
    kept = t("author_kept_version", lang, path=str(result.previous)) if result.previous else ""
    st.success(md(f"{t('author_saved', lang, path=str(result.path))} {kept}".strip()))

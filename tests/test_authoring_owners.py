"""Drafts belong to the browser that made them: the owner secret the server signs, the
store's access rules, share keys made and withdrawn, and the limits on drafts."""

from __future__ import annotations

import json
import os
import time

import pytest

from storymap.authoring import store_limits
from storymap.authoring.owners import mint, owner_id, signing_key, verify
from storymap.authoring.store import DraftError, DraftForbidden, DraftStore, new_token

ME, OTHER = owner_id("my secret"), owner_id("someone else's")


def test_the_server_signs_each_browsers_secret_and_refuses_any_other(tmp_path):
    key = signing_key(tmp_path)
    assert signing_key(tmp_path) == key  # made once, shared by every process on the folder
    assert (tmp_path / "owner.key").stat().st_mode & 0o777 == 0o600
    value = mint(key)
    secret = verify(key, value)
    assert secret and value.startswith(secret + ".")
    assert mint(key) != value  # every browser its own
    for forged in (value + "x", secret, f"{secret}.AAAA", "a.b", "", None, 5, "x" * 300):
        assert verify(key, forged) is None
    assert verify(signing_key(tmp_path / "other-server"), value) is None
    assert owner_id(secret) != secret and len(owner_id(secret)) == 64  # drafts keep a hash


def test_a_draft_opens_for_its_owner_only(tmp_path):
    store = DraftStore(tmp_path)
    token = new_token()
    store.save(token, {"data": {"id": "mine"}}, 0, owner=ME)
    assert store.load(token).access(ME) == "owner" and store.access(token, ME) == "owner"
    assert store.load(token).access(OTHER) is None and store.access(token, OTHER) is None
    with pytest.raises(DraftForbidden, match="belongs to another browser"):
        store.save(token, {"data": {"id": "overwritten"}}, 1, owner=OTHER, force=True)
    assert store.load(token).record == {"data": {"id": "mine"}}
    assert store.load(token).owner == ME


def test_share_keys_open_a_draft_to_read_or_to_edit_until_withdrawn(tmp_path):
    store = DraftStore(tmp_path)
    token = new_token()
    store.save(token, {"data": {"id": "mine"}}, 0, owner=ME)
    read, edit = store.share(token, "read", ME), store.share(token, "edit", ME)
    assert read != edit and len(read) >= 24
    assert store.access(token, OTHER, read) == "read"
    assert store.access(token, OTHER, edit) == "edit"
    assert store.access(token, OTHER, "a guess") is None
    with pytest.raises(DraftForbidden):  # a read key does not write
        store.save(token, {"data": {"id": "x"}}, 1, owner=OTHER, key=read)
    saved = store.save(token, {"data": {"id": "edited by a colleague"}}, 1, owner=OTHER, key=edit)
    assert saved.owner == ME  # the owner stays the owner
    with pytest.raises(DraftForbidden, match="only the draft's owner"):
        store.share(token, "edit", OTHER)
    store.revoke(token, "edit", ME)
    assert store.access(token, OTHER, edit) is None
    assert store.access(token, OTHER, read) == "read"
    again = store.share(token, "read", ME)  # a new link: the old one stops working
    assert store.access(token, OTHER, read) is None and store.access(token, OTHER, again)
    assert store.load(token).record == {"data": {"id": "edited by a colleague"}}


def test_a_draft_kept_before_owners_were_recorded_is_the_first_savers(tmp_path):
    token = new_token()
    (tmp_path / f"{token}.json").write_text(
        json.dumps({"revision": 3, "updated": 1.0, "record": {"data": {"id": "old"}}})
    )
    store = DraftStore(tmp_path)
    assert store.load(token).owner is None and store.access(token, OTHER) == "owner"
    store.save(token, {"data": {"id": "claimed"}}, 3, owner=ME)
    assert store.load(token).owner == ME and store.access(token, OTHER) is None


def test_a_draft_goes_with_its_browser_to_the_secret_another_tab_set(tmp_path):
    store = DraftStore(tmp_path)
    token = new_token()
    store.save(token, {"data": 1}, 0, owner=ME)
    store.give(token, OTHER, ME)  # not OTHER's to give
    assert store.load(token).owner == ME
    store.give(token, ME, OTHER)
    assert store.load(token).owner == OTHER and store.load(token).record == {"data": 1}


def test_a_browser_with_too_many_drafts_loses_its_oldest_and_is_told(tmp_path, monkeypatch):
    monkeypatch.setattr(store_limits, "MAX_DRAFTS_PER_OWNER", 3)
    store = DraftStore(tmp_path)
    tokens = [new_token() for _ in range(3)]
    for age, token in enumerate(tokens):
        store.save(token, {"data": age}, 0, owner=ME)
        then = time.time() - (10 - age) * 86400
        os.utime(tmp_path / f"{token}.json", (then, then))
    other = new_token()
    assert store.save(other, {"data": "theirs"}, 0, owner=OTHER).removed is None
    saved = store.save(new_token(), {"data": "fourth"}, 0, owner=ME)
    assert saved.removed.startswith(
        "this browser keeps at most 3 drafts on the server: its oldest, last changed "
    )
    assert store.load(tokens[0]) is None and store.load(tokens[1]) and store.load(other)


def test_a_full_folder_refuses_a_new_draft_and_removes_nobody_elses(tmp_path, monkeypatch):
    monkeypatch.setattr(store_limits, "MAX_DRAFTS", 2)
    store = DraftStore(tmp_path)
    first, second = new_token(), new_token()
    store.save(first, {"data": 1}, 0, owner=OTHER)
    store.save(second, {"data": 2}, 0, owner=OTHER)
    with pytest.raises(DraftError) as refused:
        store.save(new_token(), {"data": 3}, 0, owner=ME)
    assert str(refused.value) == (
        "the server keeps 2 drafts, the most it can: this draft is not kept; try again later"
    )
    assert store.load(first) and store.load(second)
    store.save(first, {"data": "still editable"}, 1, owner=OTHER)  # an existing draft goes on


def test_the_folder_keeps_no_more_bytes_than_its_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(store_limits, "MAX_FOLDER_BYTES", 2000)
    store = DraftStore(tmp_path)
    token = new_token()
    store.save(token, {"data": "x" * 500}, 0, owner=ME)
    with pytest.raises(DraftError, match=r"the drafts on the server take 0 MB, the most they may"):
        store.save(token, {"data": "x" * 5000}, 1, owner=ME)
    assert store.load(token).record == {"data": "x" * 500}

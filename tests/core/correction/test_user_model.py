"""Learning from proofreading, persisted in temporary folders only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocr_desktop.core.correction import PostProcessor, UserModel, default_user_model_path, user_data_dir
from ocr_desktop.core.errors import UserModelError
from ocr_desktop.core.models import Correction


def _corr(before: str, after: str) -> Correction:
    return Correction(0, len(before), before, after, "ocr-confusion", 0.9)


def test_data_dir_override_is_active(tmp_path: Path) -> None:
    # conftest points OCR_DESKTOP_DATA_DIR at a temp folder: the real profile is never touched
    assert "userdirs" in str(user_data_dir())
    assert default_user_model_path().parent == user_data_dir()


def test_user_dictionary_protects_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    text = "the Zubrowkq brand"
    um = UserModel(path)
    um.add_word("Zubrowkq")
    assert PostProcessor(user_model=path).correct_text(text).text == text
    assert json.loads(path.read_text())["words"] == ["Zubrowkq"]
    assert um.remove_word("Zubrowkq")
    assert UserModel(path).list() == []


def test_accept_then_pair_is_applied_next_run(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    UserModel(path).record_accept(_corr("Qold", "Gold"), "the Qold Coast")
    page = PostProcessor(user_model=path).correct_text("to the Qold Coast")
    assert page.text == "to the Gold Coast"
    assert page.corrections[0].reason == "user-pair"


def test_reject_suppresses_proposal(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    before = PostProcessor(user_model=None).correct_text("in tbe house")
    c = next(c for c in before.corrections if c.before == "tbe")
    UserModel(path).record_reject(c, "in tbe house")
    after = PostProcessor(user_model=path).correct_text("in tbe house")
    assert all(x.after != c.after or x.before != "tbe" for x in after.corrections)


def test_accept_all_of_kind_and_manual_edit(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    um = UserModel(path)
    um.accept_all_of_kind("Mcssrs", "Messrs")
    um.record_manual_edit("Tcmplc", "Temple")
    pp = PostProcessor(user_model=path)
    assert pp.correct_text("Mcssrs Tcmplc and Co").text == "Messrs Temple and Co"
    kinds = {(e.kind, e.text) for e in UserModel(path).list()}
    assert ("pair", "Mcssrs") in kinds and ("word", "Temple") in kinds


def test_never_change(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    UserModel(path).add_never_change("tbe")
    assert PostProcessor(user_model=path).correct_text("in tbe house").text == "in tbe house"


def test_export_import_reset(tmp_path: Path) -> None:
    a, b, exported = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "out" / "x.json"
    UserModel(a).add_word("Foobarix")
    UserModel(a).export(exported)
    mb = UserModel(b)
    mb.import_(exported)
    assert [e.text for e in UserModel(b).list()] == ["Foobarix"]
    mb.reset()
    assert UserModel(b).list() == []


def test_broken_file_is_user_model_error(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text("{not json")
    with pytest.raises(UserModelError):
        UserModel(path)
    path.write_text('{"version": 1, "pairs": [{"x": 1}]}')
    with pytest.raises(UserModelError):
        UserModel(path)


def test_missing_import_is_user_model_error(tmp_path: Path) -> None:
    with pytest.raises(UserModelError):
        UserModel(tmp_path / "m.json").import_(tmp_path / "nope.json")


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    um = UserModel(path)
    for w in ("a1", "b2", "c3"):
        um.add_word(w)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]


def test_memory_only_model_writes_nothing(tmp_path: Path) -> None:
    um = UserModel(None)
    um.add_word("Quux")
    assert PostProcessor(user_model=um).correct_text("Quux").text == "Quux"


def test_unwritable_location_is_user_model_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")  # a file where the model's folder should be
    model = UserModel(blocker / "sub" / "m.json")
    with pytest.raises(UserModelError, match="could not be saved"):
        model.add_word("Quixotic")


def test_a_rejected_change_leaves_the_token_as_read() -> None:
    # rejecting s@mple -> sample must not bring the next likeliest word (simple) instead
    um = UserModel(None)
    for before, after in (("s@mple", "sample"), ("typ0s", "typos")):
        um.record_reject(Correction(0, len(before), before, after, "ocr-confusion", 0.9))
    page = PostProcessor(user_model=um).correct_text("a s@mple with typ0s")
    assert page.text == "a s@mple with typ0s"
    # accepted later: the token is fixed again
    um.record_accept(Correction(0, 6, "s@mple", "sample", "ocr-confusion", 0.9))
    um.record_accept(Correction(0, 6, "s@mple", "sample", "ocr-confusion", 0.9))
    assert PostProcessor(user_model=um).correct_text("a s@mple").text == "a sample"

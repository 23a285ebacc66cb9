"""The window, part 2: preprocessing preview, word ↔ box, suspects, learning, settings, autosave."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from tests.conftest import requires_tesseract
from tests.gui.conftest import SAMPLE, FakeFactory

REPO = Path(__file__).resolve().parents[2]


def _open(qtbot, w, path: Path = SAMPLE) -> None:
    with qtbot.waitSignal(w.recognition_finished, timeout=60_000):
        w.open_paths([path])
    qtbot.waitUntil(lambda: w._current_page_image is not None, timeout=10_000)


def _panel(qtbot, w):
    qtbot.waitUntil(lambda: w.preprocess_panel is not None, timeout=15_000)
    return w.preprocess_panel


# ------------------------------------------------------------------------------ preprocessing


def test_slider_change_updates_the_preview_and_stale_results_are_dropped(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    panel = _panel(qtbot, w)
    panel.set_preset("none")
    panel.flush()
    w.act_processed.setChecked(True)
    qtbot.waitUntil(lambda: w._processed is not None, timeout=10_000)
    # a drag: several slider values inside the debounce window → one preview of the last value
    panel.group("contrast").setChecked(True)
    slider = panel.editor("contrast.brightness").slider
    shown_before = panel.previews_shown
    with qtbot.waitSignal(w.preview_shown, timeout=10_000) as blocker:
        for v in (10, 40, 80, 120, 150):
            slider.setValue(v)
    gen = blocker.args[0]
    assert gen == w._preview_generation
    assert panel.previews_shown == shown_before + 1
    assert panel.settings().contrast.enabled
    assert panel.settings().contrast.brightness == pytest.approx(-100 + 150)
    # the preview really is brighter than the original page
    img = w.image_view.image()
    assert img.pixelColor(5, 5).lightness() >= 200
    # stale answers are dropped: two quick requests, only the newer one is shown
    first = w.request_preview()
    second = w.request_preview()
    with qtbot.waitSignal(w.preview_shown, timeout=10_000) as blocker:
        pass
    assert blocker.args == [second]
    assert first < second
    # an answer for the first request arriving now is ignored
    dropped = w.stale_previews_dropped
    w._on_preview_worker_finished(first, w._processed[1], ("old",), 1.0)
    assert w.stale_previews_dropped == dropped + 1
    assert w._processed[0] == second
    # toggle back to the original
    w.act_processed.setChecked(False)
    assert not panel.show_processed.isChecked()


def test_auto_shows_its_choice(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    panel = _panel(qtbot, w)
    panel.reset()
    with qtbot.waitSignal(w.preview_shown, timeout=15_000):
        w.act_processed.setChecked(True)
    text = panel.notes_label.text()
    assert text.startswith("Auto chose:")
    assert "text" in text  # e.g. "small text (7 px): enlarge to ~24 px"


def test_apply_to_this_page_recognises_with_the_new_settings(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    panel = _panel(qtbot, w)
    panel.set_preset("screenshot")
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        panel.apply_page_button.click()
    key = w.current_key()
    assert w.page(key).preprocess is panel.settings()
    assert len(fake_factory.calls) == 2  # new settings → a second recognition
    assert "screenshot" not in w.settings.get("preprocess/preset")  # only this page changed
    panel.apply_all_button.click()  # the same settings for every page: this page is already done
    assert not w.is_busy()
    assert len(fake_factory.calls) == 2
    assert w.settings.get("preprocess/preset") == "screenshot"
    assert w.page(key).preprocess is None


# ------------------------------------------------------------------------------ word ↔ image


def test_clicking_a_word_selects_its_box_and_back(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    qtbot.waitUntil(w.image_view.has_image, timeout=5_000)
    words = w.cached(w.current_key()).result.words
    assert w.image_view.word_count() == len(words)
    # click in the raw text on "s@mple" (word 3)
    view = w.proof_view
    cur = view.raw_edit.textCursor()
    cur.setPosition(words[3].start + 2)
    qtbot.mouseClick(view.raw_edit.viewport(), Qt.MouseButton.LeftButton, pos=view.raw_edit.cursorRect(cur).center())
    assert w.image_view.selected_word() == 3
    # click on the box of "w1th" (word 4) in the image
    w.image_view.actual_size()
    rect = w.image_view.word_box_rect(4)
    pos = w.image_view.mapFromScene(rect.center())
    qtbot.mouseClick(w.image_view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert w.image_view.selected_word() == 4
    assert view.selected_word_range() == (words[4].start, words[4].end)
    assert w.image_view.box_at(QPointF(pos)) == 4


def test_next_suspect_moves_the_selection_in_reading_order(qtbot, make_window):
    factory = FakeFactory(fixes={"Th1s": "This"}, suspects=("typ0s.", "s@mple"))
    w = make_window(factory)
    _open(qtbot, w)
    proof = w.current_proof()
    assert [s.word for s in proof.suspects] == ["s@mple", "typ0s."]
    words = w.cached(w.current_key()).result.words
    first = w.next_suspect()
    assert proof.suspects[first].word == "s@mple"
    assert w.image_view.selected_word() == 3
    assert w.proof_view.crop_label.pixmap() is not None and not w.proof_view.crop_label.pixmap().isNull()
    assert "s@mple" in w.proof_view.crop_caption.text()
    second = w.next_suspect()
    assert proof.suspects[second].word == "typ0s."
    assert w.image_view.selected_word() == len(words) - 1
    assert w.next_suspect() == first  # wraps around


# ------------------------------------------------------------------------------ learning


def test_decisions_reach_the_user_model(qtbot, make_window, fake_factory, tmp_path, monkeypatch):
    pytest.importorskip("ocr_desktop.core.correction")
    monkeypatch.setenv("OCR_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    w = make_window(fake_factory)
    _open(qtbot, w)
    proof = w.current_proof()
    w.proof_view.set_current(0)
    w.proof_view.reject_button.click()  # Th1s -> This rejected
    w.proof_view.set_current(3)
    w.proof_view.accept_button.click()  # s@mple -> sample accepted
    w.proof_view.set_current(4)
    w.proof_view.accept_kind_button.click()  # w1th -> with always
    # a manual edit: retype "typos." as "typos!"
    edit = w.proof_view.final_edit
    s, e = proof.final_range(5)
    cur = edit.textCursor()
    cur.setPosition(s)
    cur.setPosition(e, cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, "typos!")
    assert w.save_text(tmp_path / "out.txt")  # saving commits manual edits to the model
    doc = json.loads((tmp_path / "data" / "user_model.json").read_text(encoding="utf-8"))
    text = json.dumps(doc)
    assert "Th1s" in text and "s@mple" in text and "w1th" in text and "typos!" in text
    rows = {(r.text, r.after): r for r in w.user_model().list() if r.kind == "pair"}
    assert rows[("Th1s", "This")].rejected == 1
    assert rows[("s@mple", "sample")].accepted == 1
    assert rows[("w1th", "with")].always
    assert ("typ0s.", "typos!") in rows
    # the learning dialog lists them and can remove and reset
    dialog = w.show_learning_dialog()
    assert dialog.table.rowCount() >= 4
    dialog.add_word("Montgomery")
    assert any(r.kind == "word" and r.text == "Montgomery" for r in w.user_model().list())
    w.user_model().add_never_change("SKU-42")
    dialog.refresh()
    assert dialog.summary.text().endswith(", 1 never changed")
    export = tmp_path / "export.json"
    dialog.export_file(export)
    assert export.exists()
    dialog.table.selectRow(0)
    before = dialog.table.rowCount()
    dialog.remove_selected()
    assert dialog.table.rowCount() < before
    dialog.reset(confirm=False)
    assert dialog.table.rowCount() == 0
    dialog.import_file(export)
    assert dialog.table.rowCount() >= 4
    dialog.close()


def _retype(qtbot, w, index: int, text: str) -> None:
    """Select change ``index``'s word in the final text and type ``text`` over it."""
    edit = w.proof_view.final_edit
    s, e = w.current_proof().final_range(index)
    cur = edit.textCursor()
    cur.setPosition(s)
    cur.setPosition(e, cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, text)


def test_only_retyped_misreadings_are_learned_and_only_when_saved(qtbot, make_window, fake_factory, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("OCR_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    w = make_window(fake_factory)
    _open(qtbot, w)
    _retype(qtbot, w, 4, "beside")  # w1th -> with, overwritten by another word: the user's text
    _retype(qtbot, w, 3, "sampler")  # s@mple -> sample, retyped close to what OCR read
    assert w.save_text(tmp_path / "out.txt")
    pairs = {(r.text, r.after) for r in w.user_model().list() if r.kind == "pair"}
    assert ("s@mple", "sampler") in pairs
    assert not any(after == "beside" for _, after in pairs)
    # an edit made and then discarded on closing teaches nothing
    _retype(qtbot, w, 5, "typis.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert w.close()
    assert not any(after == "typis." for _, after in {(r.text, r.after) for r in w.user_model().list()})


def test_decisions_never_overwrite_what_the_user_typed(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    proof = w.current_proof()
    _retype(qtbot, w, 5, "typos!")
    assert not proof.accept(5) and not proof.reject(5)
    assert proof.final_text().endswith("with typos!")
    # a word deleted together with its neighbours: accepting all must not put it back elsewhere
    edit = w.proof_view.final_edit
    text = proof.final_text()
    cur = edit.textCursor()
    cur.setPosition(text.index(" with"))
    cur.setPosition(len(text), cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    proof.reject(0)
    w.accept_all_on_page()
    assert proof.final_text() == "This is a sample"
    assert "edited by hand" in w.status_label.text()


def test_undo_gives_deleted_changes_back_their_words(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    proof = w.current_proof()
    edit = w.proof_view.final_edit
    text = proof.final_text()
    cur = edit.textCursor()
    cur.setPosition(text.index("is a"))
    cur.setPosition(text.index(" with"), cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert proof.edited[1] and proof.edited[2]
    assert proof.json_extra()["statuses"][1] == "edited"
    edit.undo()
    assert proof.final_text() == "This is a sample with typos."
    assert not any(proof.edited)
    assert [proof.span_text(i) for i in range(6)] == ["This", "is", "a", "sample", "with", "typos."]
    assert proof.reject(2) and proof.final_text() == "This is 4 sample with typos."
    # replacing everything and undoing it gives every change back too
    edit.selectAll()
    qtbot.keyClicks(edit, "Hello world")
    assert all(proof.edited)
    for _ in range(30):  # typing is undone in steps
        if proof.final_text() == "This is 4 sample with typos.":
            break
        edit.undo()
    assert not any(proof.edited) and proof.status[2] == "rejected"
    assert proof.accept(2) and proof.final_text() == "This is a sample with typos."


# ------------------------------------------------------------------------------ settings, help, theme


def test_settings_round_trip(qtbot, make_window, fake_factory, settings_store, tmp_path):
    from ocr_desktop.gui.settings_store import DEFAULTS, SettingsStore

    w = make_window(fake_factory)
    _open(qtbot, w)
    panel = _panel(qtbot, w)
    w.language_picker.set_code("fra")
    panel.set_preset("receipt")
    panel.apply_all_button.click()
    qtbot.waitUntil(lambda: not w.is_busy(), timeout=10_000)
    w.act_boxes.setChecked(False)
    w._apply_theme("dark", save=True)
    # the margin around the page follows the theme (it stayed light)
    qtbot.waitUntil(lambda: w.image_view.backgroundBrush().color().lightness() < 128, timeout=5_000)
    w._apply_theme("light")
    qtbot.waitUntil(lambda: w.image_view.backgroundBrush().color().lightness() > 128, timeout=5_000)
    w._apply_theme("dark", save=True)
    w.confirm_close = False
    w.close()
    settings_store.sync()
    again = SettingsStore(QSettings(settings_store.qsettings.fileName(), QSettings.Format.IniFormat))
    assert again.get("ocr/language") == "fra"
    assert again.get("preprocess/preset") == "receipt"
    assert again.get("view/show_boxes") is False
    assert again.get("view/theme") == "dark"
    assert again.get("files/last_folder") == str(SAMPLE.parent)
    assert not again.get("window/geometry").isEmpty()
    assert not again.get("window/state").isEmpty()
    # a new window picks them up
    w2 = make_window(fake_factory)
    assert w2.language_picker.code() == "fra"
    assert not w2.act_boxes.isChecked()
    qtbot.waitUntil(lambda: w2.preprocess_panel is not None, timeout=15_000)
    assert w2.preprocess_panel.preset_key() == "receipt"
    # defaults live in one place
    assert set(DEFAULTS) >= {"ocr/language", "preprocess/preset", "files/last_folder", "window/state"}
    w2._apply_theme("system", save=True)


def test_help_lists_shortcuts_about_shows_versions_and_controls_have_names(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    names = dict(w.shortcut_rows())
    assert names["Recognize page"] == "F5"
    assert names["Next change"] == "F8"
    assert "Accept change" in names and "Reject change" in names and "Next suspect" in names
    about = w.about_text()
    assert "OCR Desktop" in about and "Qt " in about and "Tesseract 5.fake" in about
    assert any(a.text() == "Open &log file" for a in w.help_menu.actions())
    for widget in (w.page_list, w.image_view, w.proof_view.raw_edit, w.proof_view.final_edit, w.language_picker,
                   w.proof_view.accept_button, w.proof_view.reject_button, w.cancel_button):
        assert widget.accessibleName(), widget
    assert w.act_recognise.toolTip()
    panel = _panel(qtbot, w)
    assert panel.editor("contrast.brightness").accessibleName()


# ------------------------------------------------------------------------------ autosave


CHILD = r"""
import os, sys, time
sys.path.insert(0, os.getcwd())
from pathlib import Path
from PySide6.QtCore import QTimer
from ocr_desktop.gui.application import create_application
from ocr_desktop.gui.main_window import MainWindow
from ocr_desktop.gui.settings_store import SettingsStore
from tests.gui.conftest import FakeFactory, SAMPLE
app = create_application()
store = SettingsStore()
store.set("autosave/interval_s", 1)
w = MainWindow(engine_factory=FakeFactory(), settings=store)
w.show()
def after_ocr(cancelled):
    proof = w.current_proof()
    proof.reject(0)
    proof.accept(1)
    cur = w.proof_view.final_edit.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    cur.insertText(" (checked)")
    w.autosaved.connect(lambda path: print("AUTOSAVED", path, flush=True))
w.recognition_finished.connect(after_ocr)
w.open_paths([SAMPLE])
app.exec()
"""


def test_autosave_and_restore_after_the_app_is_killed(qtbot, make_window, fake_factory, tmp_path, monkeypatch):
    data = tmp_path / "data"
    env = dict(os.environ, OCR_DESKTOP_DATA_DIR=str(data), XDG_CONFIG_HOME=str(tmp_path / "config"),
               QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-c", CHILD], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("AUTOSAVED") or not line:
                break
        assert line.startswith("AUTOSAVED"), "the child never autosaved"
    finally:
        proc.send_signal(signal.SIGKILL)  # a crash: no clean shutdown, the session file stays
        proc.wait(10)
    assert (data / "session" / "autosave.json").exists()

    monkeypatch.setenv("OCR_DESKTOP_DATA_DIR", str(data))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Yes)
    w = make_window(fake_factory)
    assert w.offer_restore()
    assert asked == ["Restore the last session?"]
    key = w.current_key()
    assert w.page(key).label == "sample_with_typos.png"
    proof = w.current_proof()
    assert proof.status[:2] == ["rejected", "accepted"]
    assert proof.final_text() == "Th1s is a sample with typos. (checked)"
    assert w.proof_view.final_edit.toPlainText() == "Th1s is a sample with typos. (checked)"
    assert fake_factory.calls == []  # nothing recognised again
    qtbot.waitUntil(w.image_view.has_image, timeout=5_000)
    # a normal close removes the session
    w.confirm_close = False
    w._autosave_enabled = True
    w.close()
    assert not (data / "session" / "autosave.json").exists()


@requires_tesseract
def test_screenshots_with_panel_and_confidence_overlay(qtbot, make_window, screenshot_dir):
    w = make_window()  # real Tesseract: real word boxes
    w.resize(1400, 880)
    _open(qtbot, w)
    panel = _panel(qtbot, w)
    qtbot.waitUntil(w.image_view.has_image, timeout=5_000)
    w.act_boxes.setChecked(True)
    w.image_view.select_word(3)
    QGuiApplication.processEvents()
    assert w.grab().save(str(screenshot_dir / "confidence_overlay.png"))
    panel.set_preset("fax")
    with qtbot.waitSignal(w.preview_shown, timeout=15_000):
        w.act_processed.setChecked(True)
    QGuiApplication.processEvents()
    assert w.grab().save(str(screenshot_dir / "preprocessing_panel.png"))

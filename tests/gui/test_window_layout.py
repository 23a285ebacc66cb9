"""Layout for proofreading, shortcuts and tooltips, child processes, autosave off the GUI thread."""

from __future__ import annotations

import json
import os
import sys
import threading

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence, QTextCursor

from tests.gui.conftest import SAMPLE

FINAL_TEXT_OF_SAMPLE = "This is a sample with typos."


def _open(qtbot, w) -> None:
    with qtbot.waitSignal(w.recognition_finished, timeout=30_000):
        w.open_paths([SAMPLE])
    qtbot.waitUntil(w.image_view.has_image, timeout=10_000)


# ------------------------------------------------------------------------------ layout


def test_preprocessing_panel_starts_hidden_and_its_state_is_remembered(qtbot, make_window, fake_factory,
                                                                        settings_store):
    w = make_window(fake_factory)
    assert not w.preprocess_dock.isVisible()
    assert not w.act_preprocess_panel.isChecked()
    assert w.act_preprocess_panel in w.toolbar.actions()
    assert w.act_preprocess_panel in w.view_menu.actions()
    w.act_preprocess_panel.trigger()
    qtbot.waitUntil(w.preprocess_dock.isVisible, timeout=2_000)
    w.confirm_close = False
    w.close()  # saves the layout
    w2 = make_window(fake_factory)
    qtbot.waitUntil(w2.preprocess_dock.isVisible, timeout=2_000)
    assert w2.act_preprocess_panel.isChecked()


def test_a_layout_saved_by_an_older_version_is_not_restored(qtbot, make_window, fake_factory, settings_store):
    from PySide6.QtWidgets import QMainWindow

    old = QMainWindow()
    settings_store.set("window/state", old.saveState())  # version 0: another layout
    w = make_window(fake_factory)
    assert not w.preprocess_dock.isVisible()


def test_default_layout_leaves_room_for_the_image_and_both_texts(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    w.resize(1400, 880)
    _open(qtbot, w)
    qtbot.wait(50)
    image_w = w.image_view.width()
    raw_w, final_w = w.proof_view.raw_edit.width(), w.proof_view.final_edit.width()
    assert image_w >= 400, image_w
    assert raw_w >= 250 and final_w >= 250, (raw_w, final_w)
    assert abs(raw_w - final_w) < 60, (raw_w, final_w)


def test_image_is_fitted_on_load_and_on_resize_until_the_user_zooms(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    view = w.image_view

    def fitted() -> bool:
        rect = view.mapFromScene(view.sceneRect()).boundingRect()
        vp = view.viewport().rect()
        # the whole page is visible and touches two opposite sides of the view
        return vp.adjusted(-2, -2, 2, 2).contains(rect) and (
            abs(rect.width() - vp.width()) <= 4 or abs(rect.height() - vp.height()) <= 4)

    qtbot.waitUntil(fitted, timeout=2_000)
    assert view.is_fitted()
    w.resize(w.width() - 200, w.height())
    qtbot.waitUntil(fitted, timeout=2_000)
    w.act_zoom_in.trigger()
    assert not view.is_fitted()
    zoom = view.zoom()
    w.resize(w.width() + 150, w.height())
    qtbot.wait(50)
    assert view.zoom() == pytest.approx(zoom)  # the user's zoom stays
    w.act_fit.trigger()
    assert view.is_fitted()


def test_preprocessing_panel_on_a_small_screen_leaves_room_for_the_image(qtbot, make_window, fake_factory):
    # 1024 x 700 with the panel open: the image was squeezed to a ~90 px strip, because the
    # change bar and the legend kept the texts' view ~380 px wide
    w = make_window(fake_factory)
    w.resize(1024, 700)
    _open(qtbot, w)
    if w.act_preprocess_panel.isChecked():
        w.act_preprocess_panel.trigger()
    w.act_preprocess_panel.trigger()
    qtbot.waitUntil(w.preprocess_dock.isVisible, timeout=2_000)
    qtbot.waitUntil(lambda: w.image_view.width() >= 200, timeout=2_000)
    # the texts are stacked there, raw above final, with every button still reachable
    view = w.proof_view
    assert view.splitter.orientation() == Qt.Orientation.Vertical
    assert view.raw_edit.width() >= 150 and view.final_edit.width() >= 150
    for button in (view.accept_button, view.reject_button, view.accept_kind_button):
        assert button.isVisible() and button.width() >= button.minimumSizeHint().width()
    # a wide window keeps them side by side, the bar in one row
    w.resize(1600, 900)
    qtbot.waitUntil(lambda: view.splitter.orientation() == Qt.Orientation.Horizontal, timeout=2_000)
    qtbot.waitUntil(lambda: view.accept_kind_button.y() == view.accept_button.y(), timeout=2_000)


def test_word_crop_does_not_squeeze_the_image(qtbot, make_window):
    from tests.gui.conftest import FakeFactory

    w = make_window(FakeFactory(suspects=("s@mple",), fixes={}))
    w.resize(1400, 880)
    _open(qtbot, w)
    qtbot.wait(50)
    before = w.image_view.width()
    assert w.next_suspect() is not None
    qtbot.waitUntil(lambda: not w.proof_view.crop_label.pixmap().isNull(), timeout=2_000)
    qtbot.wait(50)
    assert w.image_view.width() >= before - 5


def test_page_list_rows_fit_the_list(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    lst = w.page_list
    assert lst.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    key = w.current_key()
    item = lst.item(0)
    assert "sample_with_typos.png" in item.toolTip()
    assert "done" in lst.status_text(key)


# ------------------------------------------------------------------------------ shortcuts and help


def _window_actions(w) -> list[QAction]:
    return [a for a in w.findChildren(QAction) if not a.isSeparator() and a.text()]


def test_shortcuts_do_not_clash_and_help_lists_them(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    owners: dict[str, str] = {}
    for act in _window_actions(w):
        for seq in act.shortcuts():
            key = seq.toString()
            assert key not in owners, f"{key} is bound to {owners[key]!r} and {act.text()!r}"
            owners[key] = act.text()
    listed = {keys for _name, keys in w.shortcut_rows()}
    listed_keys = {k.strip() for keys in listed for k in keys.split(",")}
    from ocr_desktop.gui.main_window import is_typed_key

    for act in _window_actions(w):
        typed = [s for s in act.shortcuts() if is_typed_key(s)]
        assert typed or not act.shortcuts(), f"{act.text()} has only dedicated keys"
        for seq in typed:
            assert seq.toString(QKeySequence.SequenceFormat.NativeText) in listed_keys, act.text()
    assert not any(k.startswith("F1") and len(k) == 3 and k != "F1" for k in listed_keys)  # no F13...F19
    # the ones people expect
    assert "Ctrl+Shift+Z" in [s.toString() for s in w.act_redo.shortcuts()]
    assert w.act_quit.shortcuts()
    assert "Ctrl+Shift+P" in [s.toString() for s in w.act_preprocess_panel.shortcuts()]


def test_every_toolbar_and_menu_action_has_a_tooltip(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    for act in w.toolbar.actions():
        if act.isSeparator() or not act.text():
            continue
        assert act.toolTip() and act.toolTip() != act.iconText(), act.text()
    for menu in (w.edit_menu, w.ocr_menu, w.view_menu, w.help_menu):
        for act in menu.actions():
            if act.isSeparator() or act.menu() is not None or act.actionGroup() is not None:
                continue
            assert act.statusTip() or act.toolTip() != act.text().replace("&", ""), act.text()


def test_ctrl_c_copies_a_selection_and_the_final_text_without_one(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open(qtbot, w)
    clipboard = QGuiApplication.clipboard()
    raw = w.proof_view.raw_edit
    raw.setFocus()
    qtbot.waitUntil(raw.hasFocus, timeout=2_000)
    cur = raw.textCursor()
    cur.setPosition(0)
    cur.setPosition(4, QTextCursor.MoveMode.KeepAnchor)
    raw.setTextCursor(cur)
    clipboard.clear()
    qtbot.keyClick(raw, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "Th1s"
    # through the menu action too (focus in a text with a selection)
    clipboard.clear()
    w.act_copy.trigger()
    assert clipboard.text() == "Th1s"
    # nothing selected: the whole final text
    cur.clearSelection()
    raw.setTextCursor(cur)
    clipboard.clear()
    qtbot.keyClick(raw, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == FINAL_TEXT_OF_SAMPLE


# ------------------------------------------------------------------------------ child processes


def test_log_file_is_opened_with_the_child_environment(qtbot, make_window, fake_factory, tmp_path, monkeypatch):
    import ocr_desktop.gui.desktop as desktop

    log_dir = tmp_path / "logs"
    log_dir.mkdir()
    (log_dir / "ocr-desktop.log").write_text("hello\n")
    monkeypatch.setenv("OCR_DESKTOP_LOG_DIR", str(log_dir))
    # what the PyInstaller bootloader leaves in the environment of a frozen app
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("QT_PLUGIN_PATH", "/bundle/PySide6/Qt/plugins")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    seen: list[tuple[str, dict[str, str]]] = []

    def fake_open(url: QUrl) -> bool:
        seen.append((url.toLocalFile(), dict(os.environ)))
        return True

    monkeypatch.setattr(desktop.QDesktopServices, "openUrl", staticmethod(fake_open))
    w = make_window(fake_factory)
    assert w.open_log_file()
    assert w.open_log_folder()
    assert [p for p, _env in seen] == [str(log_dir / "ocr-desktop.log"), str(log_dir)]
    for _path, env in seen:
        assert "QT_PLUGIN_PATH" not in env
        assert env["LD_LIBRARY_PATH"] == "/usr/local/lib"
        assert "LD_LIBRARY_PATH_ORIG" not in env
    # ours is back afterwards
    assert os.environ["QT_PLUGIN_PATH"] == "/bundle/PySide6/Qt/plugins"
    assert os.environ["LD_LIBRARY_PATH"] == "/bundle"
    assert os.environ["LD_LIBRARY_PATH_ORIG"] == "/usr/local/lib"


def test_child_environment_is_a_no_op_outside_a_bundle(monkeypatch):
    from ocr_desktop.gui.desktop import child_environment

    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("QT_PLUGIN_PATH", "/somewhere")
    before = dict(os.environ)
    with child_environment() as env:
        assert env == before
        assert dict(os.environ) == before
    assert dict(os.environ) == before


# ------------------------------------------------------------------------------ autosave


def test_autosave_writes_on_its_own_thread_and_only_after_a_change(qtbot, make_window, fake_factory,
                                                                      _own_data_dir, monkeypatch):
    import ocr_desktop.gui.session.autosave as autosave

    threads: list[str] = []
    real_write = autosave.write_session

    def spy(doc, path=None):
        threads.append(threading.current_thread().name)
        return real_write(doc, path)

    monkeypatch.setattr(autosave, "write_session", spy)
    w = make_window(fake_factory)
    _open(qtbot, w)
    with qtbot.waitSignal(w.autosaved, timeout=5_000) as blocker:
        assert w.autosave_now()
    assert threads and threads[-1] != threading.main_thread().name
    path = blocker.args[0]
    doc = json.loads(open(path, encoding="utf-8").read())
    assert doc["pages"][0]["result"]["text"] == w.current_proof().raw
    assert not w.autosave_now()  # nothing changed since
    w.current_proof().reject(0)
    with qtbot.waitSignal(w.autosaved, timeout=5_000) as blocker:
        assert w.autosave_now()
    doc = json.loads(open(blocker.args[0], encoding="utf-8").read())
    assert doc["pages"][0]["proof"]["status"][0] == "rejected"


def test_autosave_keeps_a_pasted_image_beside_the_session(qtbot, make_window, fake_factory, _own_data_dir):
    w = make_window(fake_factory)
    with qtbot.waitSignal(w.recognition_finished, timeout=30_000):
        w.open_image(QImage(str(SAMPLE)))
    with qtbot.waitSignal(w.autosaved, timeout=5_000) as blocker:
        assert w.autosave_now(force=True)
    doc = json.loads(open(blocker.args[0], encoding="utf-8").read())
    page = doc["pages"][0]
    assert page["pasted"]
    assert os.path.exists(page["source"])

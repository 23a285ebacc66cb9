"""The window, part 1: getting pages in, OCR on the worker, proofreading, copy/save, closing."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox

from ocr_desktop.core.errors import TesseractFailedError, TesseractNotFoundError
from tests.conftest import requires_tesseract
from tests.gui.conftest import RAW, SAMPLE, FakeFactory
from tests.helpers import make_pdf

FINAL = "This is a sample with typos."


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def _open_sample(qtbot, window, path: Path = SAMPLE, timeout: int = 10_000) -> None:
    with qtbot.waitSignal(window.recognition_finished, timeout=timeout):
        window.open_paths([path])


# ------------------------------------------------------------------------------ getting pages in


def test_title_and_empty_state(make_window, fake_factory):
    w = make_window(fake_factory)
    assert w.windowTitle().startswith("OCR Desktop")
    assert not w.act_recognise.isEnabled()
    assert w.language_picker.installed() == ("deu", "eng", "fra")
    assert w.tesseract_version == "5.fake"


def test_drop_files_and_folder_opens_supported_and_reports_broken(qtbot, make_window, fake_factory, tmp_path):
    folder = tmp_path / "scans"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "a.png")
    shutil.copy(SAMPLE, folder / "sub" / "b.png")
    (folder / "notes.txt").write_text("not an image")  # not a supported suffix: ignored in folders
    single = tmp_path / "single.png"
    shutil.copy(SAMPLE, single)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    w = make_window(fake_factory)
    with qtbot.waitSignal(w.documents_loaded, timeout=10_000) as blocker:
        _drop(w.page_list, [single, folder, broken])
    assert blocker.args == [3]
    labels = [w.page(k).label for k in w.page_keys()]
    assert labels == ["single.png", "a.png", "b.png"]
    assert "broken.png" in w.message_bar.text()
    # the first page is recognised automatically
    qtbot.waitUntil(lambda: w.cached(w.page_keys()[0]) is not None, timeout=10_000)
    # dropping on the window itself works too
    with qtbot.waitSignal(w.documents_loaded, timeout=10_000):
        _drop(w, [single])
    assert len(w.page_keys()) == 4


def test_opening_only_broken_files_says_so_once(qtbot, make_window, fake_factory, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    w = make_window(fake_factory)
    for _ in range(2):
        with qtbot.waitSignal(w.documents_loaded, timeout=10_000):
            w.open_paths([broken])
    assert w.status_label.text() == "Nothing was opened."  # not "Opening 1 item…" forever
    lines = w.message_bar.text().split("\n")
    assert len(lines) == len(set(lines)) and any("broken.png" in line for line in lines)


def test_suggested_name_of_a_pdf_page(qtbot, make_window, fake_factory, tmp_path):
    pdf = make_pdf(tmp_path / "multi.pdf", [Image.open(SAMPLE).convert("L")] * 2, dpi=150)
    w = make_window(fake_factory)
    with qtbot.waitSignal(w.documents_loaded, timeout=10_000):
        w.open_paths([pdf])
    w.page_list.select_key(w.page_keys()[1])
    qtbot.waitUntil(lambda: w._current_key == w.page_keys()[1], timeout=5_000)
    assert Path(w._suggested_name(".txt")).name == "multi p2.txt"


def test_saving_says_which_pages_were_left_out(qtbot, make_window, fake_factory, tmp_path):
    pdf = make_pdf(tmp_path / "multi.pdf", [Image.open(SAMPLE).convert("L")] * 3, dpi=150)
    w = make_window(fake_factory)
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.open_paths([pdf])  # the first page is recognised on opening
    assert w.save_text(tmp_path / "out.txt")
    assert "(1 recognised page; 2 pages not recognised yet left out)" in w.status_label.text()


def _answering(asked: list[str]):
    """A stand-in for QMessageBox.question that records each question's title and gives ``choice``."""
    def answer(choice):
        def fake_question(*args, **kwargs):
            asked.append(args[1])
            return choice
        return fake_question
    return answer


def test_close_pages_asks_only_for_unsaved_proofreading(qtbot, make_window, fake_factory, tmp_path, monkeypatch):
    pdf = make_pdf(tmp_path / "multi.pdf", [Image.open(SAMPLE).convert("L")] * 2, dpi=150)
    w = make_window(fake_factory)
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.open_paths([pdf])
    first, second = w.page_keys()
    w.current_proof().reject(0)  # unsaved proofreading on the first page
    asked: list[str] = []
    answer = _answering(asked)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not w.close_page()
    assert w.page_keys() == [first, second] and asked == ["Close page"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    assert w.close_page()
    assert w.page_keys() == [second] and w.page_list.keys() == [second]
    qtbot.waitUntil(lambda: w._current_key == second, timeout=5_000)
    assert not w.has_unsaved_work()
    assert w.close_page()  # nothing to lose: no question
    assert w.page_keys() == [] and len(asked) == 2
    assert not w.act_close_page.isEnabled() and "Open, drop or paste" in w.proof_view.raw_edit.toPlainText()


def test_paste_image_from_clipboard(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    QGuiApplication.clipboard().setImage(QImage(str(SAMPLE)))
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        assert w.paste_from_clipboard()
    key = w.current_key()
    assert w.page(key).label == "Pasted image 1"
    assert w.page(key).source is None
    assert w.cached(key).result.width == QImage(str(SAMPLE)).width()


def test_paste_without_image_says_so(make_window, fake_factory):
    w = make_window(fake_factory)
    QGuiApplication.clipboard().setText("just text")
    assert not w.paste_from_clipboard()
    assert "no image" in w.message_bar.text()


def test_multipage_document_has_page_list_with_thumbnails(qtbot, make_window, fake_factory, tmp_path):
    from PIL import Image

    tiff = tmp_path / "three.tif"
    pages = [Image.open(SAMPLE).convert("L") for _ in range(3)]
    pages[0].save(tiff, save_all=True, append_images=pages[1:])
    w = make_window(fake_factory)
    with qtbot.waitSignal(w.documents_loaded, timeout=10_000):
        w.open_paths([tiff], recognise_first=False)
    assert [w.page(k).label for k in w.page_keys()] == ["three.tif p.1", "three.tif p.2", "three.tif p.3"]
    qtbot.waitUntil(lambda: all(not w.page_list.item(i).icon().isNull() and
                                w.page_list.item(i).icon().availableSizes() for i in range(3)), timeout=10_000)
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.recognise_all()
    assert all(w.cached(k) is not None for k in w.page_keys())
    assert "done" in w.page_list.status_text(w.page_keys()[2])


# ------------------------------------------------------------------------------ OCR


@requires_tesseract
def test_real_tesseract_ocr_through_worker_shows_the_sample_corrections(qtbot, make_window, screenshot_dir):
    pytest.importorskip("ocr_desktop.core.correction.corrector", reason="the post-processor has not landed yet")
    w = make_window()  # the real engine
    w.resize(1300, 800)
    _open_sample(qtbot, w, timeout=60_000)
    cached = w.cached(w.current_key())
    assert cached is not None, w.message_bar.messages
    proof = cached.proof
    assert "s@mple" in proof.raw
    befores = {c.before for c in proof.corrections}
    assert {"s@mple", "1s"} <= befores, proof.corrections
    assert proof.final_text() == FINAL, (proof.raw, proof.corrections)
    assert w.proof_view.raw_edit.toPlainText() == proof.raw
    assert w.proof_view.final_edit.toPlainText() == FINAL
    # each correction is highlighted in both panes
    assert len(w.proof_view.raw_edit.extraSelections()) >= len(proof.corrections)
    # both sides in the same font, so that they wrap alike and lines face each other
    raw_font = w.proof_view.raw_edit.font()
    assert w.proof_view.final_edit.document().defaultFont().family() == raw_font.family()
    assert w.proof_view.final_edit.document().defaultFont().pointSizeF() == raw_font.pointSizeF()
    qtbot.waitUntil(w.image_view.has_image, timeout=5_000)
    w.proof_view.next_change()
    QGuiApplication.processEvents()
    shot = screenshot_dir / "main_window_after_ocr.png"
    assert w.grab().save(str(shot))
    assert shot.stat().st_size > 10_000


@requires_tesseract
def test_cancel_stops_real_tesseract_within_one_second(qtbot, make_window):
    img = QImage(str(SAMPLE))
    w = make_window()
    w.preprocess = "none"
    # a large, dense page: Tesseract needs many seconds for it
    from ocr_desktop.gui.qt_image import qimage_to_array

    tile = qimage_to_array(img)
    big = np.tile(tile, (24, 6) if tile.ndim == 2 else (24, 6, 1))
    from ocr_desktop.gui.qt_image import array_to_qimage

    with qtbot.waitSignal(w.ocr_worker.page_started, timeout=10_000):
        assert w.open_image(array_to_qimage(big), name="big page")
    time.sleep(0.7)  # Tesseract is now well into the page
    assert w.is_busy()
    t0 = time.monotonic()
    with qtbot.waitSignal(w.recognition_finished, timeout=5_000) as blocker:
        w.act_cancel.trigger()
    elapsed = time.monotonic() - t0
    assert blocker.args == [True]
    assert elapsed < 1.0, elapsed
    assert w.page(w.current_key()).status == "cancelled"
    assert not w.is_busy()


def test_unchanged_pages_are_not_recognised_twice(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    assert len(fake_factory.calls) == 1
    w.recognise_current()  # same settings: served from the cache, no job at all
    assert not w.is_busy()
    assert len(fake_factory.calls) == 1
    assert "Already recognised" in w.status_label.text()
    w.language_picker.set_code("eng+fra")  # several languages
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.recognise_current()
    assert fake_factory.calls[-1] == ("eng+fra", 1)
    w.language_picker.set_code("eng")  # back: the earlier result (and its decisions) come back
    assert w.cached(w.current_key()).result.lang == "eng"
    w.recognise_current()
    assert len(fake_factory.calls) == 2


def test_progress_and_page_status_while_recognising_several_pages(qtbot, make_window, tmp_path):
    factory = FakeFactory(delay=0.2)
    for i in range(4):
        shutil.copy(SAMPLE, tmp_path / f"p{i}.png")
    w = make_window(factory)
    with qtbot.waitSignal(w.documents_loaded, timeout=10_000):
        w.open_paths([tmp_path], recognise_first=False)
    progress_values = []
    w.ocr_worker.progress.connect(lambda _j, done, _t, _m: progress_values.append(done))
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.recognise_all()
        assert w.progress.isVisible()
        assert "queued" in w.page_list.status_text(w.page_keys()[3]) or w.page(w.page_keys()[3]).status != "new"
    assert progress_values[-1] == 4
    assert not w.progress.isVisible()
    assert all(w.page(k).status == "done" for k in w.page_keys())


# ------------------------------------------------------------------------------ failures


def test_engine_failure_is_shown_and_the_app_keeps_working(qtbot, make_window):
    factory = FakeFactory(error=TesseractFailedError("Tesseract failed (signal 11): boom"))
    w = make_window(factory)
    _open_sample(qtbot, w)
    key = w.current_key()
    assert w.page(key).status == "failed"
    assert "Tesseract failed (signal 11): boom" in w.message_bar.text()
    assert "failed" in w.page_list.status_text(key)
    assert "boom" in w.proof_view.raw_edit.toPlainText()
    # a later run with a healthy engine works
    factory.kwargs.pop("error")
    w._job = None
    w.ocr_worker._engines.clear()
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.recognise_current()
    assert w.cached(key) is not None


def test_unexpected_exception_and_missing_tesseract_become_messages(qtbot, make_window):
    factory = FakeFactory(error=RuntimeError("kaboom"))
    w = make_window(factory)
    _open_sample(qtbot, w)
    assert "Unexpected error: RuntimeError: kaboom" in w.message_bar.text()
    factory.error = TesseractNotFoundError()
    w.ocr_worker._engines.clear()
    w.language_picker.set_code("fra")
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.recognise_current()
    assert "Tesseract OCR is not installed" in w.message_bar.text()
    assert w.isVisible()


def test_missing_corrector_shows_raw_text_with_a_notice(qtbot, make_window):
    factory = FakeFactory(postprocessor_error=ImportError("no module named corrector"))
    w = make_window(factory)
    _open_sample(qtbot, w)
    assert "corrector is not available" in w.message_bar.text()
    assert w.current_proof().final_text() == RAW


# ------------------------------------------------------------------------------ proofreading


def test_diff_marks_each_correction_and_decisions_change_the_final_text(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    proof = w.current_proof()
    view = w.proof_view
    assert [c.before for c in proof.corrections] == ["Th1s", "1s", "4", "s@mple", "w1th", "typ0s."]
    assert view.final_edit.toPlainText() == FINAL
    assert len(view.raw_edit.extraSelections()) == 6
    # keyboard: F8 to the first change, Ctrl+Shift+Return rejects it
    view.final_edit.setFocus()
    w.act_next.trigger()
    assert view.current == 0
    w.act_reject.trigger()
    assert proof.status[0] == "rejected"
    assert view.final_edit.toPlainText() == "Th1s is a sample with typos."
    # the view moved on to the next pending change; accept it by button
    assert view.current == 1
    view.accept_button.click()
    assert proof.status[1] == "accepted"
    assert view.final_edit.toPlainText() == "Th1s is a sample with typos."
    # reject "s@mple" by clicking it in the raw pane, then the Reject button
    pos = proof.corrections[3].start + 1
    cur = view.raw_edit.textCursor()
    cur.setPosition(pos)
    rect = view.raw_edit.cursorRect(cur)
    qtbot.mouseClick(view.raw_edit.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current == 3
    view.reject_button.click()
    assert view.final_edit.toPlainText() == "Th1s is a s@mple with typos."
    # accept the rejected one again
    view.set_current(0)
    w.act_accept.trigger()
    assert view.final_edit.toPlainText() == "This is a s@mple with typos."
    assert proof.counts() == {"pending": 3, "accepted": 2, "rejected": 1}
    assert w.isWindowModified()


def test_final_text_edit_undo_redo_stay_consistent_with_decisions(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    proof = w.current_proof()
    edit = w.proof_view.final_edit
    proof.reject(3)  # sample -> s@mple
    assert edit.toPlainText() == "This is a s@mple with typos."
    edit.undo()
    assert edit.toPlainText() == FINAL
    assert proof.status[3] == "pending"
    edit.redo()
    assert proof.status[3] == "rejected"
    # typing the correction by hand counts as accepting it back
    cur = edit.textCursor()
    s, e = proof.final_range(3)
    cur.setPosition(s)
    cur.setPosition(e, cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, "sample")
    assert edit.toPlainText() == FINAL
    assert proof.status[3] != "rejected"
    # a free edit elsewhere is kept, decisions keep working around it
    cur = edit.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, " Done")
    proof.reject(0)
    assert edit.toPlainText() == "Th1s is a sample with typos. Done"
    # editing inside a change flags it as edited
    s, e = proof.final_range(4)
    cur.setPosition(s)
    cur.setPosition(e, cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, "WITH")
    assert proof.edited[4]
    assert edit.toPlainText() == "Th1s is a sample WITH typos. Done"


def test_copy_final_and_raw_text(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    w.act_copy_final.trigger()
    assert clipboard.text() == FINAL
    w.act_copy_raw.trigger()
    assert clipboard.text() == RAW
    # Ctrl+C with nothing selected in a text pane copies the final text
    clipboard.clear()
    w.proof_view.raw_edit.setFocus()
    qtbot.keyClick(w.proof_view.raw_edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == FINAL
    # ... but a selection is copied as usual
    edit = w.proof_view.raw_edit
    cur = edit.textCursor()
    cur.setPosition(0)
    cur.setPosition(4, cur.MoveMode.KeepAnchor)
    edit.setTextCursor(cur)
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "Th1s"
    # and from the image view (no text widget focused) the window action copies the final text
    clipboard.clear()
    w.image_view.setFocus()
    w.act_copy.trigger()
    assert clipboard.text() == FINAL


def test_save_text_and_json_with_decisions(qtbot, make_window, fake_factory, tmp_path):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    proof = w.current_proof()
    proof.reject(0)
    proof.accept(1)
    assert w.has_unsaved_work()
    txt, js = tmp_path / "out.txt", tmp_path / "out.json"
    assert w.save_text(txt)
    assert txt.read_text(encoding="utf-8") == "Th1s is a sample with typos.\n"
    assert not w.has_unsaved_work()
    assert w.save_json(js)
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["file"] == str(SAMPLE)
    page = doc["pages"][0]
    assert page["raw_text"] == RAW
    assert page["text"] == FINAL  # the corrector's proposal, as in the CLI schema
    assert page["final_text"] == "Th1s is a sample with typos."
    assert [c["status"] for c in page["corrections"]] == ["rejected", "accepted", "pending", "pending", "pending",
                                                          "pending"]
    assert {"page", "mean_confidence", "words", "suspects"} <= page.keys()


def _two_documents_recognised(qtbot, w, folder: Path):
    """Two copies of the sample opened as two documents, both recognised."""
    for name in ("a.png", "b.png"):
        shutil.copy(SAMPLE, folder / name)
    with qtbot.waitSignal(w.documents_loaded, timeout=10_000):
        w.open_paths([folder / "a.png", folder / "b.png"], recognise_first=False)
    with qtbot.waitSignal(w.recognition_finished, timeout=10_000):
        w.recognise_all()
    return w


def test_save_writes_the_current_document_and_save_all_every_one(qtbot, make_window, fake_factory, tmp_path):
    # two files open: Save text is the current file's (its suggested name says so); the other
    # stays unsaved until it is saved too, or until "all documents" writes both into one file
    w = _two_documents_recognised(qtbot, make_window(fake_factory), tmp_path)
    keys = w.page_keys()
    assert w.act_save_all_text.isEnabled() and w.act_save_all_json.isEnabled()
    w.page_list.select_key(keys[1])
    qtbot.waitUntil(lambda: w._current_key == keys[1], timeout=5_000)
    w.current_proof().reject(0)  # b: Th1s kept
    w.page_list.select_key(keys[0])
    qtbot.waitUntil(lambda: w._current_key == keys[0], timeout=5_000)
    w.current_proof().accept(0)
    assert Path(w._suggested_name(".txt")).name == "a.txt"
    assert w.save_text(tmp_path / "a.txt")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FINAL + "\n"
    assert "of this document; 1 other document not in it" in w.status_label.text()
    assert w.has_unsaved_work()  # b's decision is not saved yet
    assert Path(w._suggested_name(".txt", all_documents=True)).name == "all documents.txt"
    assert w.save_text(tmp_path / "all.txt", all_documents=True)
    both = (tmp_path / "all.txt").read_text(encoding="utf-8")
    assert both.startswith(FINAL) and both.rstrip().endswith("Th1s is a sample with typos.")
    assert not w.has_unsaved_work()
    assert w.save_json(tmp_path / "all.json", all_documents=True)
    assert len(json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["documents"]) == 2
    assert w.save_json(tmp_path / "a.json")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["file"] == str(tmp_path / "a.png")


def test_with_one_document_open_save_all_is_off(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    assert w.act_save_text.isEnabled()
    assert not w.act_save_all_text.isEnabled() and not w.act_save_all_json.isEnabled()


def test_save_failure_is_reported(qtbot, make_window, fake_factory, tmp_path):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not w.save_text(blocker / "out.txt")
    assert "Could not write" in w.message_bar.text()


def test_close_with_unsaved_proofreading_asks(qtbot, make_window, fake_factory, monkeypatch):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    w.current_proof().reject(2)
    asked: list[str] = []
    answer = _answering(asked)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    assert not w.close()
    assert w.isVisible() and asked == ["Unsaved proofreading"]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    assert w.close()
    assert len(asked) == 2
    assert all(not t.isRunning() for t in w.threads())


def test_save_on_close_saves_every_document(qtbot, make_window, fake_factory, monkeypatch, tmp_path):
    # found in review: Save in the close prompt wrote the current document only and closed anyway
    from PySide6.QtWidgets import QFileDialog

    w = _two_documents_recognised(qtbot, make_window(fake_factory), tmp_path)
    for key in w.page_keys():
        w.page_list.select_key(key)
        qtbot.waitUntil(lambda key=key: w._current_key == key, timeout=5_000)
        w.current_proof().reject(0)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", _answering(asked)(QMessageBox.StandardButton.Save))
    out = tmp_path / "closing.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert w.close()
    assert out.read_text(encoding="utf-8").count("Th1s is a sample with typos.") == 2
    assert not w.has_unsaved_work()


def test_close_without_changes_does_not_ask(qtbot, make_window, fake_factory, monkeypatch):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))
    assert w.close()


def test_image_view_zoom_fit_and_actual_size(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    qtbot.waitUntil(w.image_view.has_image, timeout=5_000)
    w.act_actual.trigger()
    assert w.image_view.zoom() == pytest.approx(1.0)
    w.act_zoom_in.trigger()
    assert w.image_view.zoom() == pytest.approx(1.25)
    w.act_fit.trigger()
    assert w.image_view.zoom() != pytest.approx(1.25)
    # wheel zoom
    from PySide6.QtGui import QWheelEvent

    before = w.image_view.zoom()
    ev = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    w.image_view.wheelEvent(ev)
    assert w.image_view.zoom() == pytest.approx(before * 1.25)


def test_recent_files_are_remembered(qtbot, make_window, fake_factory):
    w = make_window(fake_factory)
    _open_sample(qtbot, w)
    assert w.settings.recent_files()[0] == str(SAMPLE)
    w._fill_recent_menu()
    assert str(SAMPLE) in [a.text() for a in w.recent_menu.actions()]

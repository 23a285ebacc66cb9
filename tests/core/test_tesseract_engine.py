"""The Tesseract runner: typed errors for every failure, timeouts, cancel, TSV → offsets."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.engine.discovery import find_tesseract
from ocr_desktop.core.engine.tesseract import TessArgs, TesseractEngine, write_pnm
from ocr_desktop.core.engine.tsv import parse_tsv
from ocr_desktop.core.errors import (
    CancelledError,
    LanguageNotAvailableError,
    TesseractFailedError,
    TesseractNotFoundError,
    TesseractTimeoutError,
    UsageError,
)
from tests.core.fake_tesseract import make_fake

PAGE = np.full((60, 80), 255, np.uint8)

TSV = (
    "\t".join(
        [
            "level",
            "page_num",
            "block_num",
            "par_num",
            "line_num",
            "word_num",
            "left",
            "top",
            "width",
            "height",
            "conf",
            "text",
        ]
    )
    + "\n"
)


def row(
    level: int, block: int, par: int, line: int, word: int, box: tuple[int, int, int, int], conf: float, text: str
) -> str:
    return "\t".join(map(str, [level, 1, block, par, line, word, *box, conf, text])) + "\n"


def test_tsv_offsets_index_the_text() -> None:
    tsv = TSV + "".join(
        [
            row(1, 0, 0, 0, 0, (0, 0, 500, 500), -1, ""),
            row(4, 1, 1, 1, 0, (10, 10, 200, 20), -1, ""),
            row(5, 1, 1, 1, 1, (10, 10, 50, 20), 96.5, "Hello"),
            row(5, 1, 1, 1, 2, (70, 10, 60, 20), 91.0, "world,"),
            row(4, 1, 1, 2, 0, (10, 40, 200, 20), -1, ""),
            row(5, 1, 1, 2, 1, (10, 40, 30, 20), 88.0, "next"),
            row(5, 1, 1, 2, 2, (50, 40, 30, 20), 12.0, " "),  # blank words are dropped
            row(5, 2, 1, 1, 1, (10, 90, 40, 20), 75.25, "Para"),
        ]
    )
    text, words, lines = parse_tsv(tsv)
    assert text == "Hello world,\nnext\n\nPara"
    assert [w.text for w in words] == ["Hello", "world,", "next", "Para"]
    for w in words:
        assert text[w.start : w.end] == w.text
    assert [w.line for w in words] == [0, 0, 1, 2]
    assert [text[ln.start : ln.end] for ln in lines] == ["Hello world,", "next", "Para"]
    assert lines[0].bbox == (10, 10, 200, 20)
    assert words[1].conf == 91.0


def test_tsv_empty_page() -> None:
    assert parse_tsv(TSV) == ("", [], [])
    assert parse_tsv("") == ("", [], [])


def test_pnm_writer_roundtrip(tmp_path: Path) -> None:
    from PIL import Image

    rgb = np.random.default_rng(1).integers(0, 255, (7, 9, 3), dtype=np.uint8)
    write_pnm(rgb, tmp_path / "x.ppm")
    assert np.array_equal(np.asarray(Image.open(tmp_path / "x.ppm")), rgb)
    with pytest.raises(UsageError):
        write_pnm(rgb.astype(np.float32), tmp_path / "y.ppm")


def test_tess_args_validation() -> None:
    with pytest.raises(UsageError, match="0-13"):
        TessArgs(psm=14)
    with pytest.raises(UsageError, match="language"):
        TessArgs(lang="eng; rm -rf /")
    assert TessArgs(lang="eng+fra").lang == "eng+fra"


def test_missing_tesseract_gives_install_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(TesseractNotFoundError, match="apt-get install tesseract-ocr"):
        find_tesseract("/nonexistent/tesseract")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("TESSERACT_CMD", raising=False)
    monkeypatch.setattr("ocr_desktop.core.engine.discovery.Path.is_file", lambda self: False)
    with pytest.raises(TesseractNotFoundError) as info:
        TesseractEngine()
    assert info.value.exit_code == 1


def test_crash_is_a_typed_error(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "crash")))
    with pytest.raises(TesseractFailedError, match="signal 11"):
        engine.recognize_page(PAGE)


def test_failure_message_comes_from_stderr(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "fail")))
    with pytest.raises(TesseractFailedError, match="Unknown format") as info:
        engine.recognize_page(PAGE)
    assert "pixReadStream" in (info.value.detail or "")


def test_language_load_failure(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "nolang")))
    with pytest.raises(LanguageNotAvailableError, match="xyz"):
        engine.recognize_page(PAGE)


def test_uninstalled_language_is_refused_before_running(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "crash")))
    with pytest.raises(LanguageNotAvailableError, match="klingon") as info:
        engine.recognize_page(PAGE, lang="eng+klingon")
    assert "Installed: eng" in info.value.user_message
    assert engine.languages() == ("eng",)  # osd is not a reading language


def test_garbage_output_gives_empty_page(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "garbage")))
    result = engine.recognize_page(PAGE)
    assert result.text == "" and result.words == ()


def test_timeout_kills_a_hung_tesseract(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "hang")))
    t0 = time.monotonic()
    with pytest.raises(TesseractTimeoutError, match="longer than"):
        engine.recognize_page(PAGE, timeout=0.5)
    assert time.monotonic() - t0 < 3
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True)
    assert leftover.stdout.strip() == ""


def test_cancel_kills_a_hung_tesseract_fast(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "hang")))
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    t0 = time.monotonic()
    with pytest.raises(CancelledError):
        engine.recognize_page(PAGE, cancel=token)
    assert time.monotonic() - t0 < 1.3


def test_cancel_before_start_runs_nothing(tmp_path: Path) -> None:
    engine = TesseractEngine(str(make_fake(tmp_path, "hang")))
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        engine.recognize_page(PAGE, cancel=token)


def test_cancel_token_callbacks() -> None:
    token = CancelToken()
    calls: list[str] = []
    remove = token.on_cancel(lambda: calls.append("a"))
    token.on_cancel(lambda: calls.append("b"))
    remove()
    token.cancel()
    token.cancel()  # idempotent
    assert calls == ["b"]
    token.on_cancel(lambda: calls.append("late"))  # registering after cancel fires at once
    assert calls == ["b", "late"]
    assert token.wait(0) is True

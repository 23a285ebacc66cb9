"""GUI test fixtures: an isolated settings file, fake engines, a window that always shuts down."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.errors import CancelledError
from ocr_desktop.core.models import CorrectedPage, Correction, PageResult, Suspect, Word

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample_with_typos.png"
RAW = "Th1s 1s 4 s@mple w1th typ0s."
FIXES = {"Th1s": "This", "1s": "is", "4": "a", "s@mple": "sample", "w1th": "with", "typ0s.": "typos."}


def words_of(text: str, conf: float = 80.0) -> tuple[Word, ...]:
    out, pos, x = [], 0, 10
    for token in text.split(" "):
        if token:
            start = text.index(token, pos)
            out.append(Word(token, conf, (x, 10, 20 * len(token), 30), start, start + len(token)))
            pos = start + len(token)
            x += 20 * len(token) + 10
    return tuple(out)


class FakePostProcessor:
    """Proposes the sample's corrections (word for word) and marks "w1th" nothing special."""

    def __init__(self, fixes: dict[str, str] | None = None, suspects: tuple[str, ...] = ()) -> None:
        self.fixes = FIXES if fixes is None else fixes
        self.suspects = suspects

    def correct_page(self, raw_text: str, words: Any, page: int = 1) -> CorrectedPage:
        corrections, suspects = [], []
        for w in words:
            if w.text in self.fixes:
                corrections.append(Correction(w.start, w.end, w.text, self.fixes[w.text], "ocr-confusion", 0.9))
            elif w.text in self.suspects:
                suspects.append(Suspect(w.start, w.end, w.text, "unknown-word"))
        from ocr_desktop.core.models import apply_corrections

        return CorrectedPage(page, raw_text, apply_corrections(raw_text, corrections), tuple(corrections),
                             tuple(suspects))


class _FakeTesseract:
    def version(self) -> str:
        return "5.fake"


@dataclass
class FakeEngine:
    """Behaves like OcrEngine for the window: per-page recognition, a post-processor."""

    lang: str = "eng"
    text: str = RAW
    delay: float = 0.0
    error: BaseException | None = None
    workers: int = 2
    calls: list[tuple[str, int]] = field(default_factory=list)
    postprocessor_error: BaseException | None = None
    fixes: dict[str, str] | None = None
    suspects: tuple[str, ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)
    tesseract: Any = field(default_factory=_FakeTesseract)

    def languages(self) -> tuple[str, ...]:
        return ("deu", "eng", "fra")

    def recognize_image(self, page: Any, *, page_number: int = 1, cancel: CancelToken | None = None) -> PageResult:
        with self.lock:
            self.calls.append((self.lang, page_number))
        deadline = time.monotonic() + self.delay
        while time.monotonic() < deadline:
            if cancel is not None and cancel.cancelled:
                raise CancelledError("Recognition cancelled.")
            time.sleep(0.01)
        if self.error is not None:
            raise self.error
        h, w = page.image.shape[:2]
        ws = words_of(self.text)
        mean = sum(x.conf for x in ws) / len(ws) if ws else 0.0
        return PageResult(page_number, self.text, ws, (), mean, w, h, page.dpi, self.lang)

    def postprocessor(self) -> FakePostProcessor:
        if self.postprocessor_error is not None:
            raise self.postprocessor_error
        return FakePostProcessor(self.fixes, self.suspects)


class FakeFactory:
    """engine_factory for MainWindow: remembers the engines it made."""

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.engines: list[FakeEngine] = []
        self.error: BaseException | None = None

    def __call__(self, lang: str, psm: int, preprocess: Any) -> FakeEngine:
        if self.error is not None:
            raise self.error
        engine = FakeEngine(lang=lang, **self.kwargs)
        self.engines.append(engine)
        return engine

    @property
    def calls(self) -> list[tuple[str, int]]:
        return [c for e in self.engines for c in e.calls]


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each GUI test learns into (and autosaves to) its own data dir: no test sees another's."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("OCR_DESKTOP_DATA_DIR", str(data))
    return data


@pytest.fixture
def settings_store(tmp_path: Path):
    from ocr_desktop.gui.settings_store import SettingsStore

    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, settings_store):
    """make_window(factory=None) → a shown MainWindow; shut down (threads joined) after the test."""
    from ocr_desktop.gui.main_window import MainWindow

    windows = []

    def make(factory: Any = None, **kwargs: Any) -> MainWindow:
        kwargs.setdefault("autosave", False)
        w = MainWindow(engine_factory=factory, settings=settings_store, **kwargs)
        windows.append(w)
        w.show()
        qtbot.waitUntil(lambda: w.language_picker.installed() != () or w.message_bar.text() != "", timeout=10_000)
        return w

    yield make
    for w in windows:
        w.confirm_close = False
        w.close()
        for thread in w.threads():
            assert not thread.isRunning(), f"thread {thread.objectName()} still running after the test"


@pytest.fixture
def fake_factory() -> FakeFactory:
    return FakeFactory()


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    import os

    d = os.environ.get("OCR_DESKTOP_SCREENSHOT_DIR")
    path = Path(d) if d else tmp_path / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path

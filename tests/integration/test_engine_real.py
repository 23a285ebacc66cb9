"""The OcrEngine with the real Tesseract on the sample and on real test pages."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ocr_desktop import OcrEngine
from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.errors import CancelledError, LanguageNotAvailableError, UsageError
from tests.conftest import REPO, SAMPLE, SAMPLE_TEXT, requires_tesseract
from tests.helpers import eurotext, make_pdf, make_tiff, phototest
from tests.scoring import cer

pytestmark = requires_tesseract


def folded(text: str) -> str:
    return " ".join(text.split())


def check_words(page_text: str, words: tuple) -> None:  # type: ignore[type-arg]
    assert words, "no words recognised"
    for w in words:
        assert page_text[w.start : w.end] == w.text
        assert 0 <= w.conf <= 100
        x, y, bw, bh = w.bbox
        assert bw > 0 and bh > 0 and x >= 0 and y >= 0


def test_sample_reads_the_seed_line() -> None:
    engine = OcrEngine(user_model=None)
    engine.load_image(SAMPLE)
    raw = engine.recognize()
    assert folded(raw.text) == folded(SAMPLE_TEXT)
    assert len(raw.pages) == 1
    check_words(raw.pages[0].text, raw.pages[0].words)
    assert 0 < raw.pages[0].mean_confidence <= 100


def test_seed_script_as_written() -> None:
    script = (
        "from ocr_desktop import OcrEngine\n"
        "engine = OcrEngine()\n"
        "engine.load_image('resources/samples/sample_with_typos.png')\n"
        "raw = engine.recognize()\n"
        "print(raw.text)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert folded(out.stdout) == folded(SAMPLE_TEXT)


def test_numpy_array_input() -> None:
    engine = OcrEngine(preprocess="none")
    engine.load_image(np.asarray(Image.open(SAMPLE)))
    assert folded(engine.recognize().text) == folded(SAMPLE_TEXT)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.conftest import DATA

    if not DATA.is_dir():
        pytest.skip(f"evaluation data not found at {DATA}")
    tmp = tmp_path_factory.mktemp("docs")
    p, e = phototest(), eurotext()
    jpg = tmp / "phototest page.jpg"
    p.save(jpg, quality=90, dpi=(200, 200))
    return {
        "pdf": make_pdf(tmp / "two.pdf", [p, e], dpi=200),
        "tiff": make_tiff(tmp / "two.tif", [p, e], dpi=200),
        "jpeg": jpg,
    }


def ground_truth(name: str) -> str:
    from tests.conftest import DATA

    return (DATA / "tesseract_test" / f"{name}.gt.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["pdf", "tiff"])
def test_two_page_documents_keep_pages_apart(documents: dict[str, Path], kind: str) -> None:
    engine = OcrEngine(lang="eng+fra", user_model=None)
    engine.load_image(documents[kind])
    progress: list[tuple[int, int]] = []
    result = engine.recognize(progress=lambda done, total, msg: progress.append((done, total)))
    assert [p.page for p in result.pages] == [1, 2]
    assert progress[0] == (0, 2) and progress[-1] == (2, 2)
    for page in result.pages:
        check_words(page.text, page.words)
        assert page.width > 0 and page.height > 0
    assert cer(ground_truth("phototest"), result.pages[0].text) <= 0.02
    assert cer(ground_truth("eurotext"), result.pages[1].text) <= 0.05
    assert "\f" in result.text  # pages stay apart in the joined text too
    assert "quick brown dog" in result.pages[0].text and "quick brown dog" not in result.pages[1].text


def test_jpeg_page_and_page_range(documents: dict[str, Path]) -> None:
    engine = OcrEngine(user_model=None)
    engine.load_image(documents["jpeg"])
    page = engine.recognize().pages[0]
    assert cer(ground_truth("phototest"), page.text) <= 0.02
    engine.load_image(documents["pdf"])
    only_second = engine.recognize("2")
    assert [p.page for p in only_second.pages] == [2]
    with pytest.raises(UsageError, match="does not exist"):
        engine.recognize("3")


def test_boxes_are_in_source_pixels_after_rotation(shared_data: Path) -> None:
    """Auto preprocessing turns an upside-down page; boxes must still land on the original."""
    engine = OcrEngine(user_model=None)
    engine.load_image(shared_data / "tesseract_test" / "phototest_rot180.png")
    page = engine.recognize().pages[0]
    image = np.asarray(Image.open(shared_data / "tesseract_test" / "phototest_rot180.png").convert("L"))
    assert cer(ground_truth("phototest"), page.text) <= 0.05
    inked = [image[y : y + h, x : x + w].min() < 128 for (x, y, w, h) in (wd.bbox for wd in page.words)]
    assert sum(inked) / len(inked) > 0.95


def test_languages_come_from_tesseract() -> None:
    langs = OcrEngine().languages()
    assert {"eng", "fra", "deu"} <= set(langs)
    assert "osd" not in langs


def test_missing_language_is_a_clear_error() -> None:
    engine = OcrEngine(lang="eng+zzz")
    engine.load_image(SAMPLE)
    with pytest.raises(LanguageNotAvailableError, match="zzz"):
        engine.recognize()


def big_page() -> np.ndarray:
    """A dense 300-dpi page (eurotext tiled 3×3) that takes Tesseract several seconds."""
    tile = np.asarray(Image.open(REPO.parent / "shared/data/tesseract_test/eurotext.tif").convert("L"))
    return np.tile(tile, (3, 3))


def test_cancel_stops_real_tesseract_within_a_second(shared_data: Path) -> None:
    engine = OcrEngine(preprocess="none", workers=1)
    engine.load_image(big_page(), dpi=300)
    token = CancelToken()
    cancelled_at: list[float] = []

    def cancel() -> None:
        cancelled_at.append(time.monotonic())
        token.cancel()

    threading.Timer(1.0, cancel).start()
    with pytest.raises(CancelledError):
        engine.recognize(cancel=token)
    assert cancelled_at, "recognition finished before the cancel fired: page too small"
    assert time.monotonic() - cancelled_at[0] < 1.0
    time.sleep(0.2)
    ps = subprocess.run(["pgrep", "-f", "ocr-desktop-.*page.pnm"], capture_output=True, text=True)
    assert ps.stdout.strip() == "", "a tesseract process survived the cancel"

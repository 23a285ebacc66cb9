"""Preprocessing with the real Tesseract: OSD turns pages upright, Auto keeps the sample exact."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from ocr_desktop.core.preprocess import PRESETS, prepare_page
from tests.conftest import DATA, SAMPLE, SAMPLE_TEXT, requires_tesseract
from tests.core.preprocess.conftest import load_real, synthetic_page
from tests.scoring import cer

pytestmark = requires_tesseract


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from ocr_desktop.core.engine.tesseract import TesseractEngine

    return TesseractEngine()


def folded(text: str) -> str:
    return " ".join(text.split())


def test_sample_reads_exactly_with_auto(engine) -> None:  # type: ignore[no-untyped-def]
    with Image.open(SAMPLE) as im:
        dpi = round(float(im.info["dpi"][0])) if "dpi" in im.info else None
        img = np.array(im.convert("L"))
    page = prepare_page(img, dpi, PRESETS["auto"], osd=engine.detect_orientation)
    result = engine.recognize_page(page.image, dpi=page.dpi)
    assert folded(result.text) == folded(SAMPLE_TEXT), page.notes


def test_upside_down_test_page_is_turned_and_read(engine) -> None:  # type: ignore[no-untyped-def]
    path = DATA / "tesseract_test" / "phototest_rot180.png"
    if not path.is_file():
        pytest.skip(f"evaluation data not found at {DATA}")
    img, dpi = load_real(path)
    page = prepare_page(img, dpi, PRESETS["auto"], osd=engine.detect_orientation)
    assert page.settings.rotate.enabled and page.settings.rotate.angle == 180, page.notes
    text = engine.recognize_page(page.image, dpi=page.dpi).text
    gt = (DATA / "tesseract_test" / "phototest_rot180.gt.txt").read_text(encoding="utf-8")
    assert cer(gt, text) <= 0.05


@pytest.mark.parametrize("turn", [1, 3])  # np.rot90 k: 90° counter-clockwise, 90° clockwise
def test_osd_quarter_turns(engine, turn: int) -> None:  # type: ignore[no-untyped-def]
    upright = synthetic_page(1240, 1754, scale=1.2)
    turned = np.ascontiguousarray(np.rot90(upright, turn))
    page = prepare_page(turned, 150, PRESETS["auto"], osd=engine.detect_orientation)
    assert page.image.shape == upright.shape, page.notes
    assert (page.image == upright).mean() > 0.99


_WORN_TEXT = (
    "The committee of the house met on Monday to consider the\n"
    "proposed change in the rules of the senate. The chairman said\n"
    "that the question had been before the house for some time, and\n"
    "that he hoped the members would be able to agree upon a plan\n"
    "which would meet with the approval of the people of the state."
)


def _worn_print(path: str) -> None:
    """Upright text printed small, blurred and speckled, as a poor scan: Tesseract's OSD (5.3)
    calls it upside down with confidence ~9.8."""
    from PIL import ImageDraw, ImageFilter, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf", 30)
    img = Image.new("L", (1300, 260), 255)
    ImageDraw.Draw(img).multiline_text((30, 20), _WORN_TEXT, font=font, fill=0, spacing=10)
    small = img.resize((img.width * 55 // 100, img.height * 55 // 100), Image.Resampling.BILINEAR)
    grey = np.asarray(small.filter(ImageFilter.GaussianBlur(0.6))).astype(float)
    grey += np.random.default_rng(3).normal(0, 10, grey.shape)
    Image.fromarray(((grey > 150) * 255).astype(np.uint8)).resize(img.size, Image.Resampling.NEAREST).save(path)


def test_upright_page_is_not_turned_by_a_wrong_osd_answer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from ocr_desktop import OcrEngine

    if not Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf").exists():
        pytest.skip("needs fonts-liberation to draw the page")
    path = str(tmp_path / "worn.png")
    _worn_print(path)
    engine = OcrEngine()
    engine.load_image(path)
    text = engine.recognize().text.lower()
    words = _WORN_TEXT.lower().replace(".", " ").replace(",", " ").split()
    found = sum(1 for w in words if w in text)
    assert found >= 0.7 * len(words), text

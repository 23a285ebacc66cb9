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

"""Synthetic and real pages for the preprocessing tests."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.conftest import DATA

WORDS = "the quick brown fox jumps over lazy dog while seven wizards quietly judge boxing matches".split()


def synthetic_page(width: int = 1240, height: int = 1754, scale: float = 1.0, seed: int = 0) -> np.ndarray:
    """A white page with lines of black Hershey-font text (~A4 at 150 dpi by default)."""
    rng = np.random.default_rng(seed)
    img = np.full((height, width), 255, np.uint8)
    y = int(120 * scale)
    step = int(48 * scale)
    while y < height - int(100 * scale):
        words = rng.choice(WORDS, size=8)
        cv2.putText(
            img,
            " ".join(words),
            (int(90 * scale), y),
            cv2.FONT_HERSHEY_SIMPLEX,
            1.0 * scale,
            0,
            max(1, int(2 * scale)),
            cv2.LINE_AA,
        )
        y += step
    return img


def load_real(path: Path) -> tuple[np.ndarray, int | None]:
    with Image.open(path) as im:
        dpi = im.info.get("dpi")
        im = im.convert("RGB") if im.mode in ("P", "RGBA", "CMYK") else im
        im = im.convert("L") if im.mode == "1" else im
        arr = np.array(im)
    return arr, (round(float(dpi[0])) if dpi else None)


@pytest.fixture(scope="session")
def page() -> np.ndarray:
    return synthetic_page()


@pytest.fixture(scope="session")
def real_pages() -> dict[str, tuple[np.ndarray, int | None]]:
    """One page of each kind from ../shared/data (skips when the data is absent)."""
    if not DATA.is_dir():
        pytest.skip(f"evaluation data not found at {DATA} (it sits beside the repository on developer machines)")
    names = {
        "scan": "tesseract_test/phototest.tif",
        "magazine": "tesseract_test/unlv_8087_054.tif",
        "screen": "tesseract_test/phototest_screen.png",
        "receipt": "sroie_receipts/sroie_054.jpg",
        "receipt_photo": "sroie_receipts/sroie_387.jpg",
        "form": "funsd_forms/funsd_82092117.png",
    }
    pages = {k: load_real(DATA / v) for k, v in names.items()}
    # the same kinds of page at scanner resolution (the preview's downscaling route)
    for k in ("scan", "receipt", "form"):
        img, dpi = pages[k]
        pages[k + "_x3"] = (cv2.resize(img, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC), dpi and dpi * 3)
    return pages

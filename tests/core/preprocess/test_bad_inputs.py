"""Odd images are processed or refused with a clear ProcessingError, never a crash."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from ocr_desktop.core.errors import ProcessingError
from ocr_desktop.core.preprocess import PRESETS, Pipeline, analyse_page, prepare_page

from .conftest import synthetic_page


def _via_pillow(img: Image.Image, fmt: str, convert_to: str) -> np.ndarray:
    """Round-trip through a file the way the loader would read it."""
    buf = io.BytesIO()
    img.save(buf, format=fmt)
    buf.seek(0)
    with Image.open(buf) as loaded:
        return np.array(loaded.convert(convert_to))


def _strip() -> np.ndarray:
    strip = np.full((40, 20000), 255, np.uint8)
    for x in range(50, 19900, 400):
        cv2.putText(strip, "strip text", (x, 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return strip


def _bad_inputs() -> dict[str, np.ndarray]:
    page = synthetic_page(400, 300)
    rgb = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)
    rgba = np.dstack([rgb, np.full(page.shape, 200, np.uint8)])
    return {
        "all-white": np.full((300, 200), 255, np.uint8),
        "all-black": np.zeros((300, 200), np.uint8),
        "all-black-rgb": np.zeros((300, 200, 3), np.uint8),
        "1x1": np.zeros((1, 1), np.uint8),
        "1x1-rgb": np.full((1, 1, 3), 255, np.uint8),
        "2x3": np.array([[0, 255, 0], [255, 0, 255]], np.uint8),
        "strip-20000": _strip(),
        "tall-strip": _strip().T.copy(),
        "16-bit": page.astype(np.uint16) * 257,
        "16-bit-rgb": rgb.astype(np.uint16) * 257,
        "float": page.astype(np.float32) / 255.0,
        "bool": page > 128,
        "rgba": rgba,
        "grey+alpha": np.dstack([page, np.full(page.shape, 255, np.uint8)]),
        "cmyk-jpeg": _via_pillow(Image.fromarray(rgb).convert("CMYK"), "JPEG", "RGB"),
        "palette-gif": _via_pillow(Image.fromarray(rgb).convert("P"), "GIF", "RGB"),
        "single-channel-3d": page[:, :, None].copy(),
        "non-contiguous": page[::2, ::3],
        "random-noise": np.random.default_rng(0).integers(0, 256, (300, 200), dtype=np.uint8),
    }


BAD = _bad_inputs()
SPECS = ["auto", "none", "scanned-document", "photo", "screenshot", "receipt", "fax"]


@pytest.mark.parametrize("name", sorted(BAD))
def test_every_preset_copes(name: str) -> None:
    img = BAD[name]
    for spec in SPECS:
        try:
            out = prepare_page(img, 300, PRESETS[spec])
        except ProcessingError as exc:  # refusing is fine if the message says why
            assert exc.user_message
            continue
        assert out.image.dtype == np.uint8, spec
        assert out.image.ndim in (2, 3) and min(out.image.shape[:2]) >= 1, spec
        assert out.to_source.shape == (2, 3)
        Pipeline(PRESETS[spec]).preview(img, max_side=256)
    analyse_page(img, None)


def test_huge_strip_is_processed_not_refused() -> None:
    out = prepare_page(BAD["strip-20000"], 300, PRESETS["auto"])
    assert out.image.shape[1] >= 20000


@pytest.mark.parametrize(
    "bad",
    [np.zeros((0, 0), np.uint8), np.zeros((5, 5, 7), np.uint8), np.zeros((2, 2, 2, 2)), np.array(["a"])],
)
def test_unusable_arrays_refused(bad: np.ndarray) -> None:
    with pytest.raises(ProcessingError):
        prepare_page(bad, None, PRESETS["auto"])
    with pytest.raises(ProcessingError):
        Pipeline(PRESETS["fax"]).preview(bad)

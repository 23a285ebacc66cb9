"""Auto: measurements, choices, reasons, OSD and trial recognitions (with fakes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

from ocr_desktop.core.errors import CancelledError
from ocr_desktop.core.preprocess import PRESETS, Pipeline, analyse_page, ops, prepare_page

from .conftest import synthetic_page

AUTO = PRESETS["auto"]


@dataclass(frozen=True)
class FakeOrientation:
    rotate: int
    confidence: float
    script: str = "Latin"


class FakeOsd:
    def __init__(self, rotate: int, confidence: float) -> None:
        self.answer = FakeOrientation(rotate, confidence)
        self.calls = 0

    def __call__(self, image: np.ndarray) -> FakeOrientation:
        self.calls += 1
        assert image.dtype == np.uint8
        return self.answer


def test_upside_down_page_is_turned_by_confident_osd(page: np.ndarray) -> None:
    upside_down = np.ascontiguousarray(page[::-1, ::-1])
    osd = FakeOsd(180, 9.5)
    out = prepare_page(upside_down, 150, AUTO, osd=osd)
    assert osd.calls == 1
    assert (out.image == page).mean() > 0.99
    assert any("180" in n and "9.5" in n for n in out.notes)
    assert out.settings.rotate.enabled and out.settings.rotate.angle == 180


def test_quarter_turn_maps_back_to_source(page: np.ndarray) -> None:
    turned = np.ascontiguousarray(np.rot90(page))  # counter-clockwise: needs 90 clockwise
    out = prepare_page(turned, 150, AUTO, osd=FakeOsd(90, 7.0))
    assert out.image.shape == page.shape
    x, y = out.map_to_source(0, 0)  # top-left of the upright page
    assert (round(x), round(y)) == (0, turned.shape[0] - 1)


def test_unsure_osd_without_trial_keeps_page(page: np.ndarray) -> None:
    out = prepare_page(page, 150, AUTO, osd=FakeOsd(180, 0.8))
    assert (out.image == page).all()
    assert any("unsure" in n for n in out.notes)


def test_unsure_osd_is_settled_by_trial_ocr(page: np.ndarray) -> None:
    upside_down = np.ascontiguousarray(page[::-1, ::-1])
    seen: list[bool] = []

    def trial(img: np.ndarray, dpi: int | None) -> float:
        upright = bool((img == page).mean() > 0.99)
        seen.append(upright)
        return 91.0 if upright else 35.0

    out = prepare_page(upside_down, 150, AUTO, osd=FakeOsd(180, 0.9), trial_ocr=trial)
    assert sorted(seen) == [False, True]
    assert (out.image == page).mean() > 0.99
    assert any("trial" in n for n in out.notes)


def _upright_scores(page: np.ndarray, seen: list[bool]) -> Callable[[np.ndarray, int | None], float]:
    def trial(img: np.ndarray, dpi: int | None) -> float:
        upright = bool(img.shape == page.shape and (img == page).mean() > 0.99)
        seen.append(upright)
        return 88.0 if upright else 31.0

    return trial


def test_sure_but_wrong_osd_loses_to_the_page_as_it_lies(page: np.ndarray) -> None:
    # Tesseract's OSD called a speckled scan of upright text "180°, confidence 9.8"
    seen: list[bool] = []
    out = prepare_page(page, 150, AUTO, osd=FakeOsd(180, 9.8), trial_ocr=_upright_scores(page, seen))
    assert sorted(seen) == [False, True]
    assert (out.image == page).all()
    assert any("trial" in n for n in out.notes)
    assert any("not rotated" in n for n in out.notes) and not any("rotate 180" in n for n in out.notes)


def test_sure_osd_still_turns_an_upside_down_page(page: np.ndarray) -> None:
    seen: list[bool] = []
    upside_down = np.ascontiguousarray(page[::-1, ::-1])
    out = prepare_page(upside_down, 150, AUTO, osd=FakeOsd(180, 9.8), trial_ocr=_upright_scores(page, seen))
    assert sorted(seen) == [False, True]
    assert (out.image == page).mean() > 0.99
    assert out.settings.rotate.enabled and out.settings.rotate.angle == 180


def test_trial_keeps_the_plain_page_unless_clearly_better(page: np.ndarray) -> None:
    out = prepare_page(page, 150, AUTO, osd=FakeOsd(180, 0.9), trial_ocr=lambda img, dpi: 50.0)
    assert (out.image == page).all()


def test_no_trial_when_sure(page: np.ndarray) -> None:
    def trial(img: np.ndarray, dpi: int | None) -> float:
        raise AssertionError("trial OCR must not run on a clear case")

    prepare_page(page, 150, AUTO, osd=FakeOsd(0, 12.0), trial_ocr=trial)


def test_clean_page_left_alone(page: np.ndarray) -> None:
    big = synthetic_page(2480, 3508, scale=2.0)
    out = prepare_page(big, 300, AUTO)
    assert out.image.shape == big.shape
    assert (out.image == big).all()
    assert out.dpi == 300
    assert out.notes


def test_small_text_is_enlarged_and_dpi_follows() -> None:
    small = synthetic_page(620, 877, scale=0.5)
    out = prepare_page(small, 75, AUTO)
    assert out.image.shape[0] > small.shape[0] * 1.5
    assert out.dpi is not None and out.dpi > 110
    assert any("small text" in n for n in out.notes)


def test_dark_mode_screenshot_is_inverted(page: np.ndarray) -> None:
    dark = ops.invert(page)
    out = prepare_page(dark, 150, AUTO)
    assert ops.background_level(ops.to_grey(out.image)) > 200
    assert any("dark background" in n for n in out.notes)


def test_skewed_page_is_straightened(page: np.ndarray) -> None:
    tilted, _ = ops.rotate_degrees(page, -4.0)
    a = analyse_page(tilted, 150)
    assert a.skew == pytest.approx(4.0, abs=0.5)
    out = prepare_page(tilted, 150, AUTO)
    assert abs(ops.detect_skew(out.image)[0]) < 0.3
    assert any("skewed" in n for n in out.notes)


def test_resolved_settings_reproduce_the_result(page: np.ndarray) -> None:
    tilted, _ = ops.rotate_degrees(ops.invert(page), 3.0)
    out = prepare_page(tilted, 150, AUTO)
    assert out.settings.mode == "manual"
    again = Pipeline(out.settings).apply(tilted, 150)
    assert (again.image == out.image).all()


def test_analysis_measures(page: np.ndarray) -> None:
    a = analyse_page(page, 150)
    assert 15 <= a.text_height <= 30
    assert not a.dark_background
    assert a.background > 240
    assert a.contrast > 150
    assert a.noise < 5
    assert a.orientation is None  # no OSD given
    noisy = np.clip(page + np.random.default_rng(0).normal(0, 25, page.shape) - 40, 0, 255).astype(np.uint8)
    assert analyse_page(noisy, 150).noise > a.noise + 5


def test_osd_failure_is_not_fatal_but_cancel_is(page: np.ndarray) -> None:
    def broken(img: np.ndarray) -> FakeOrientation:
        raise RuntimeError("tesseract crashed")

    out = prepare_page(page, 150, AUTO, osd=broken)
    assert out.image.shape == page.shape

    def cancelled(img: np.ndarray) -> FakeOrientation:
        raise CancelledError("Cancelled.")

    with pytest.raises(CancelledError):
        prepare_page(page, 150, AUTO, osd=cancelled)


def test_auto_on_real_pages_is_reasoned(real_pages) -> None:  # type: ignore[no-untyped-def]
    for name, (img, dpi) in real_pages.items():
        out = prepare_page(img, dpi, AUTO)
        assert out.image.dtype == np.uint8, name
        assert out.notes, name

"""The pipeline: order, notes, mapping back to the source, preview/full parity on real pages."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.errors import CancelledError
from ocr_desktop.core.preprocess import (
    PRESETS,
    BinariseSettings,
    BordersSettings,
    ClaheSettings,
    CropSettings,
    DenoiseSettings,
    DeskewSettings,
    InvertSettings,
    MorphSettings,
    Pipeline,
    PreprocessSettings,
    RescaleSettings,
    RotateSettings,
    downscale_for_preview,
    ops,
)
from ocr_desktop.core.preprocess.pipeline import SMALL_PAGE_PIXELS

from .conftest import synthetic_page

TYPICAL = PreprocessSettings(
    mode="manual",
    clahe=ClaheSettings(enabled=True),
    binarise=BinariseSettings(enabled=True, method="adaptive_gaussian", block_size=41, c=12),
    deskew=DeskewSettings(enabled=True),
)

PARITY_CASES = {
    "typical": TYPICAL,
    "sauvola+rescale": PreprocessSettings(
        mode="manual",
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=30),
        binarise=BinariseSettings(enabled=True, method="sauvola", window=61, k=0.2),
    ),
    # (dilate/erode by 1-2 px has no faithful equivalent at preview scale: not in this list)
    "otsu+borders": PreprocessSettings(
        mode="manual",
        binarise=BinariseSettings(enabled=True, method="otsu"),
        borders=BordersSettings(enabled=True),
    ),
    "grey+median+clahe": PreprocessSettings(
        mode="manual",
        denoise=DenoiseSettings(enabled=True, method="median", strength=3),
        clahe=ClaheSettings(enabled=True, clip_limit=2.0),
    ),
    "grey+deskew+rescale": PreprocessSettings(
        mode="manual",
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=24, min_factor=1.0),
        deskew=DeskewSettings(enabled=True),
    ),
}


BIG = {"magazine", "scan_x3", "receipt_x3", "form_x3", "receipt"}


def compare(full: np.ndarray, preview: np.ndarray, binary: bool) -> float:
    """Downscale ``full`` to the preview's size; share of differing pixels (binary) or MAD."""
    small = cv2.resize(full, (preview.shape[1], preview.shape[0]), interpolation=cv2.INTER_AREA)
    if binary:
        return float(((small < 128) != (preview < 128)).mean())
    return float(np.abs(small.astype(np.int16) - preview.astype(np.int16)).mean())


@pytest.mark.parametrize("case", sorted(PARITY_CASES))
def test_preview_matches_full_resolution_on_real_pages(case: str, real_pages) -> None:  # type: ignore[no-untyped-def]
    settings = PARITY_CASES[case]
    binary = settings.binarise.enabled
    pipe = Pipeline(settings)
    for name, (img, dpi) in real_pages.items():
        # screen-sized previews: big pages shrink to 1600 px, small ones by a quarter
        max_side = min(1600, round(0.75 * max(img.shape[:2])))
        if name in BIG:  # these exercise the downscale-first route
            assert img.shape[0] * img.shape[1] > SMALL_PAGE_PIXELS, name
        full = pipe.apply(img, dpi).image
        preview = pipe.preview(img, max_side=max_side, dpi=dpi)
        # deskewing grows the canvas a little beyond max_side
        # deskewing grows the canvas a little beyond max_side
        assert max(preview.shape[:2]) <= max_side * (1.3 if settings.deskew.enabled else 1.0)
        aspect_full = full.shape[1] / full.shape[0]
        assert preview.shape[1] / preview.shape[0] == pytest.approx(aspect_full, rel=0.02), name
        diff = compare(full, preview, binary)
        limit = 0.02 if binary else 3.0
        assert diff <= limit, f"{case} on {name}: {diff:.4f} > {limit}"


def test_preview_is_small_and_fast_path_keeps_dtype(page: np.ndarray) -> None:
    out = Pipeline(TYPICAL).preview(page, max_side=800)
    assert out.dtype == np.uint8 and max(out.shape) <= 800
    assert downscale_for_preview(page, 5000) is not None
    assert downscale_for_preview(page, 400).shape == (400, 283)


def test_to_source_maps_back_through_crop_rotate_rescale_deskew() -> None:
    src = synthetic_page(900, 700)
    marker = (612, 333)  # (x, y) on the source
    src = cv2.cvtColor(src, cv2.COLOR_GRAY2RGB)
    cv2.circle(src, marker, 6, (255, 0, 0), -1)  # a red dot we can find again
    s = PreprocessSettings(
        mode="manual",
        grayscale=PreprocessSettings().grayscale.__class__(enabled=False),
        crop=CropSettings(enabled=True, left=0.1, top=0.05),
        rotate=RotateSettings(enabled=True, auto=False, angle=90),
        rescale=RescaleSettings(enabled=True, mode="dpi", target_dpi=300),
        deskew=DeskewSettings(enabled=True, auto=False, angle=4.0),
    )
    page = Pipeline(s).apply(src, dpi=150)
    assert page.dpi == 300
    red = (page.image[..., 0] > 200) & (page.image[..., 1] < 80)
    ys, xs = np.nonzero(red)
    x, y = page.map_to_source(float(xs.mean()), float(ys.mean()))
    assert abs(x - marker[0]) < 2 and abs(y - marker[1]) < 2
    assert page.to_source.shape == (2, 3)


def test_none_passes_image_through(page: np.ndarray) -> None:
    out = Pipeline(PRESETS["none"]).apply(page, 200)
    assert out.image is page or (out.image == page).all()
    assert out.dpi == 200
    assert np.allclose(out.to_source, [[1, 0, 0], [0, 1, 0]])


def test_every_enabled_op_leaves_a_note(page: np.ndarray) -> None:
    s = PreprocessSettings(
        mode="manual",
        rescale=RescaleSettings(enabled=True, mode="dpi", target_dpi=300),
        denoise=DenoiseSettings(enabled=True),
        clahe=ClaheSettings(enabled=True),
        invert=InvertSettings(enabled=True, mode="always"),
        deskew=DeskewSettings(enabled=True, auto=False, angle=2.0),
        binarise=BinariseSettings(enabled=True, method="sauvola"),
        borders=BordersSettings(enabled=True),
        morph=MorphSettings(enabled=True),
    )
    notes = " | ".join(Pipeline(s).apply(page, 150).notes)
    for word in ("rescaled", "denoised", "CLAHE", "inverted", "deskewed", "Sauvola", "borders", "strokes"):
        assert word in notes


def test_deterministic(page: np.ndarray) -> None:
    a = Pipeline(TYPICAL).apply(page).image
    b = Pipeline(TYPICAL).apply(page).image
    assert (a == b).all()


def test_deskew_straightens_a_rotated_page(page: np.ndarray) -> None:
    tilted, _ = ops.rotate_degrees(page, 6.0)
    out = Pipeline(PreprocessSettings(mode="manual", deskew=DeskewSettings(enabled=True))).apply(tilted)
    assert "deskewed by -6.0" in " ".join(out.notes)
    angle, _ = ops.detect_skew(out.image)
    assert abs(angle) < 0.3


def test_rescale_to_dpi_reports_effective_dpi(page: np.ndarray) -> None:
    s = PreprocessSettings(mode="manual", rescale=RescaleSettings(enabled=True, mode="dpi", target_dpi=300))
    out = Pipeline(s).apply(page, dpi=100)
    assert out.dpi == 300
    assert out.image.shape == (page.shape[0] * 3, page.shape[1] * 3)
    unknown = Pipeline(s).apply(page, dpi=None)
    assert unknown.image.shape == page.shape
    assert any("resolution unknown" in n for n in unknown.notes)


def test_rescale_to_text_height(page: np.ndarray) -> None:
    from ocr_desktop.core.preprocess.analysis import text_height

    s = PreprocessSettings(
        mode="manual", rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=40)
    )
    out = Pipeline(s).apply(page)
    th, _ = text_height(out.image)
    assert th == pytest.approx(40, rel=0.15)


def test_cancel_stops_the_pipeline(page: np.ndarray) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        Pipeline(TYPICAL).apply(page, cancel=token)


def test_preview_reuses_the_page_skew_while_intensity_sliders_move(monkeypatch: pytest.MonkeyPatch) -> None:
    """The skew belongs to the page: a preview that only changes CLAHE or the threshold does
    not measure it again; a different page, or a different crop, does."""
    from ocr_desktop.core.preprocess import pipeline

    calls: list[tuple[int, ...]] = []
    real = ops.detect_skew

    def counting(grey: np.ndarray, max_angle: float = 15.0) -> tuple[float, float]:
        calls.append(grey.shape)
        return real(grey, max_angle)

    monkeypatch.setattr(pipeline.ops, "detect_skew", counting)
    img, _ = ops.rotate_degrees(synthetic_page(), 3.0, 255)
    small = downscale_for_preview(img, 800)
    scale = small.shape[1] / img.shape[1]
    angles = []
    for clip, c in [(2.0, 12), (3.0, 12), (2.0, 4)]:
        s = TYPICAL.replace(
            clahe=ClaheSettings(enabled=True, clip_limit=clip),
            binarise=BinariseSettings(enabled=True, method="adaptive_gaussian", block_size=41, c=c),
        )
        page = pipeline.run(small, 150, s, preview_scale=scale)
        angles.append([n for n in page.notes if n.startswith("deskewed")])
    assert len(calls) == 1
    assert angles[0] == angles[1] == angles[2] and angles[0]
    pipeline.run(small, 150, TYPICAL.replace(crop=CropSettings(enabled=True, left=0.1)), preview_scale=scale)
    assert len(calls) == 2
    pipeline.run(small.copy(), 150, TYPICAL, preview_scale=scale)  # equal pixels, another array
    assert len(calls) == 3


def test_full_and_preview_measure_the_same_skew(real_pages) -> None:  # type: ignore[no-untyped-def]
    for name, (img, dpi) in real_pages.items():
        rotated, _ = ops.rotate_degrees(img, 2.3, 255)
        full = Pipeline(TYPICAL).apply(rotated, dpi)
        preview = Pipeline(TYPICAL).preview_page(rotated, 1600, dpi)
        f = [n for n in full.notes if n.startswith("deskewed")]
        p = [n for n in preview.notes if n.startswith("deskewed")]
        assert f and p, name
        # both measure a ~1000-px area-averaged copy; where the profile peak is flat (a
        # receipt photographed at a slant, then turned) they may still land 0.1° apart
        assert abs(float(f[0].split()[2][:-1]) - float(p[0].split()[2][:-1])) <= 0.15, (name, f, p)


def test_threshold_slider_reuses_the_front_of_the_preview(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving a threshold slider re-runs only binarisation; the answer is the one a fresh run
    gives; a CLAHE change, another page, or a full-resolution run recompute everything."""
    from ocr_desktop.core.preprocess import pipeline

    calls: list[int] = []
    real = ops.clahe

    def counting(grey: np.ndarray, clip_limit: float, grid: int) -> np.ndarray:
        calls.append(1)
        return real(grey, clip_limit, grid)

    monkeypatch.setattr(pipeline.ops, "clahe", counting)
    img, _ = ops.rotate_degrees(synthetic_page(), 2.0, 255)
    small = downscale_for_preview(img, 800)
    scale = small.shape[1] / img.shape[1]

    def with_c(c: float, clip: float = 2.0) -> PreprocessSettings:
        return TYPICAL.replace(
            clahe=ClaheSettings(enabled=True, clip_limit=clip),
            binarise=BinariseSettings(enabled=True, method="adaptive_gaussian", block_size=41, c=c),
        )

    outs = [pipeline.run(small, 150, with_c(c), preview_scale=scale) for c in (12, 4, 20)]
    assert len(calls) == 1
    pipeline._FRONT_CACHE.clear()
    fresh = pipeline.run(small, 150, with_c(4), preview_scale=scale)
    assert np.array_equal(fresh.image, outs[1].image) and fresh.notes == outs[1].notes
    assert np.array_equal(fresh.to_source, outs[1].to_source) and fresh.dpi == outs[1].dpi
    n = len(calls)
    pipeline.run(small, 150, with_c(4, clip=3.0), preview_scale=scale)
    pipeline.run(small.copy(), 150, with_c(4, clip=3.0), preview_scale=scale)
    pipeline.run(img, 150, with_c(4, clip=3.0))
    assert len(calls) == n + 3


def test_cached_preview_image_is_not_shared_with_the_caller() -> None:
    from ocr_desktop.core.preprocess import pipeline

    img, _ = ops.rotate_degrees(synthetic_page(), 2.0, 255)
    small = downscale_for_preview(img, 800)
    scale = small.shape[1] / img.shape[1]
    s = TYPICAL.replace(binarise=BinariseSettings(enabled=False))
    first = pipeline.run(small, 150, s, preview_scale=scale).image
    keep = first.copy()
    first[:] = 0  # a caller drawing on its preview
    assert np.array_equal(pipeline.run(small, 150, s, preview_scale=scale).image, keep)

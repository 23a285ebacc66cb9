"""Each operation on synthetic pages: deterministic, shape/dtype kept, parameters honoured."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr_desktop.core.errors import ProcessingError
from ocr_desktop.core.preprocess import ops

from .conftest import synthetic_page


def ink(img: np.ndarray) -> int:
    return int(np.count_nonzero(img < 128))


# ---------------------------------------------------------------- input normalisation


def test_uint16_is_scaled() -> None:
    a = (np.arange(256, dtype=np.uint16).reshape(16, 16) * 257).astype(np.uint16)
    out = ops.as_uint8_image(a)
    assert out.dtype == np.uint8
    assert out[0, 0] == 0
    assert out[-1, -1] == 255


def test_twelve_bit_data_in_uint16_is_stretched() -> None:
    a = np.array([[0, 4095]], dtype=np.uint16)
    assert ops.as_uint8_image(a).tolist() == [[0, 255]]


def test_float_bool_and_single_channel() -> None:
    assert ops.as_uint8_image(np.ones((4, 4), np.float32)).max() == 255
    assert ops.as_uint8_image(np.ones((4, 4), bool)).max() == 255
    assert ops.as_uint8_image(np.zeros((4, 4, 1), np.uint8)).shape == (4, 4)


def test_alpha_is_composited_on_white() -> None:
    rgba = np.zeros((2, 2, 4), np.uint8)  # fully transparent black
    out = ops.as_uint8_image(rgba)
    assert out.shape == (2, 2, 3)
    assert (out == 255).all()
    la = np.zeros((2, 2, 2), np.uint8)
    la[..., 1] = 255  # opaque black
    assert ops.as_uint8_image(la).shape == (2, 2)
    assert (ops.as_uint8_image(la) == 0).all()


@pytest.mark.parametrize(
    "bad",
    [
        np.zeros((0, 5), np.uint8),
        np.zeros((4, 4, 5), np.uint8),
        np.zeros((2, 2, 2, 2), np.uint8),
        np.zeros(7, np.uint8),
        np.zeros((3, 3), np.complex64),
        "not an image",
    ],
)
def test_unusable_input_is_refused_clearly(bad: object) -> None:
    with pytest.raises(ProcessingError) as info:
        ops.as_uint8_image(bad)
    assert info.value.user_message


# ---------------------------------------------------------------- geometry


def test_rotate_quarter_matrix_maps_pixels() -> None:
    img = np.zeros((3, 5), np.uint8)
    img[0, 4] = 200  # top-right
    for k in (0, 90, 180, 270):
        out, a = ops.rotate_quarter(img, k)
        x, y, _ = a @ np.array([4.0, 0.0, 1.0])
        assert out[round(y), round(x)] == 200
    assert ops.rotate_quarter(img, 90)[0].shape == (5, 3)


def test_resize_matrix_and_shape() -> None:
    img = synthetic_page(400, 300)
    out, a = ops.resize(img, 2.0)
    assert out.shape == (600, 800)
    assert out.dtype == np.uint8
    # pixel centres: source (0, 0) -> (0.5, 0.5) in the doubled image
    assert np.allclose(a @ [0, 0, 1], [0.5, 0.5, 1])


def test_crop_fractions() -> None:
    img = synthetic_page(400, 300)
    out, a = ops.crop_fractions(img, 0.1, 0.2, 0.3, 0.0)
    assert out.shape == (240, 240)
    assert np.allclose(a @ [40, 60, 1], [0, 0, 1])
    assert (out == img[60:300, 40:280]).all()


def test_rotate_degrees_keeps_all_content() -> None:
    img = synthetic_page(400, 300)
    out, a = ops.rotate_degrees(img, 10.0)
    assert out.shape[0] > 300 and out.shape[1] > 400
    assert out.dtype == np.uint8
    assert abs(ink(out) - ink(img)) / ink(img) < 0.08
    corners = np.array([[0, 0, 1], [399, 0, 1], [0, 299, 1], [399, 299, 1]], float).T
    mapped = a @ corners
    assert (mapped[:2] >= -1).all() and (mapped[0] <= out.shape[1]).all() and (mapped[1] <= out.shape[0]).all()


def test_detect_and_warp_photographed_page() -> None:
    sheet = cv2.cvtColor(synthetic_page(600, 800), cv2.COLOR_GRAY2RGB)
    src = np.float32([[0, 0], [599, 0], [599, 799], [0, 799]])
    dst = np.float32([[150, 100], [820, 160], [780, 1050], [110, 1000]])
    photo = np.full((1200, 960, 3), 60, np.uint8)
    m = cv2.getPerspectiveTransform(src, dst)
    cv2.warpPerspective(sheet, m, (960, 1200), photo, borderMode=cv2.BORDER_TRANSPARENT)
    quad = ops.detect_page_quad(ops.to_grey(photo))
    assert quad is not None
    assert np.abs(quad - dst).max() < 12
    flat, _ = ops.warp_page(photo, quad)
    assert flat.ndim == 3
    assert abs(flat.shape[1] / flat.shape[0] - 0.75) < 0.06


def test_no_page_found_on_plain_scan() -> None:
    assert ops.detect_page_quad(synthetic_page(600, 800)) is None


# ---------------------------------------------------------------- intensity


def test_grey_from_rgb() -> None:
    rgb = np.zeros((4, 4, 3), np.uint8)
    rgb[..., 0] = 255
    g = ops.to_grey(rgb)
    assert g.shape == (4, 4)
    assert 70 <= int(g[0, 0]) <= 80  # luma of pure red


def test_denoise_methods_reduce_noise() -> None:
    img = (synthetic_page(500, 400) * 0.6 + 50).astype(np.uint8)  # room for noise both ways
    rng = np.random.default_rng(1)
    salt = img.copy()
    salt[rng.random(img.shape) < 0.02] = 0
    grain = np.clip(img + rng.normal(0, 20, img.shape), 0, 255).astype(np.uint8)
    for method, strength, noisy in (("median", 3, salt), ("bilateral", 5, grain), ("nlm", 25, grain)):
        out = ops.denoise(noisy, method, strength)
        assert out.shape == img.shape and out.dtype == np.uint8
        assert np.abs(out.astype(int) - img).mean() < np.abs(noisy.astype(int) - img).mean(), method
        assert (ops.denoise(noisy, method, strength) == out).all()  # deterministic


def test_brightness_contrast_parameters() -> None:
    img = np.array([[100, 150]], np.uint8)
    assert ops.brightness_contrast(img, 20, 1.0).tolist() == [[120, 170]]
    assert ops.brightness_contrast(img, 0, 2.0).tolist() == [[72, 172]]


def test_clahe_raises_local_contrast() -> None:
    img = (synthetic_page(400, 300) // 4 + 150).astype(np.uint8)  # faint text, 150..213
    low = ops.clahe(img, 1.0, 8)
    high = ops.clahe(img, 4.0, 8)
    assert low.shape == img.shape and low.dtype == np.uint8
    assert img.std() < low.std() <= high.std()
    rgb = ops.clahe(cv2.cvtColor(img, cv2.COLOR_GRAY2RGB), 2.0, 8)
    assert rgb.shape == (300, 400, 3)


def test_dark_background_and_invert() -> None:
    page = synthetic_page(400, 300)
    dark = ops.invert(page)
    assert ops.is_dark_background(dark)
    assert not ops.is_dark_background(page)
    assert (ops.invert(dark) == page).all()


# ---------------------------------------------------------------- binarisation


def uneven_page() -> tuple[np.ndarray, np.ndarray]:
    page = synthetic_page(800, 600)
    ramp = np.linspace(1.0, 0.35, 800)[None, :]  # a shadow over the right half
    shaded = (page.astype(np.float32) * 0.3 + 180 * 0.7) * ramp  # low contrast text
    return np.clip(shaded, 0, 255).astype(np.uint8), page


@pytest.mark.parametrize("method", ["otsu", "adaptive_mean", "adaptive_gaussian", "sauvola", "manual"])
def test_binarise_output_is_binary(method: str) -> None:
    img = synthetic_page(400, 300)
    out = ops.binarise(img, method)
    assert out.shape == img.shape and out.dtype == np.uint8
    assert set(np.unique(out).tolist()) <= {0, 255}
    assert (ops.binarise(img, method) == out).all()
    # the text is kept, as black
    text = img < 100
    assert (out[text] == 0).mean() > 0.9


def test_local_methods_survive_shadow_where_otsu_fails() -> None:
    shaded, clean = uneven_page()
    truth = clean < 128
    right = np.s_[:, 500:]

    def error(out: np.ndarray) -> float:
        return float(((out[right] == 0) != truth[right]).mean())

    assert error(ops.binarise(shaded, "otsu")) > 0.15
    assert error(ops.binarise(shaded, "sauvola", window=41, k=0.2)) < 0.05
    assert error(ops.binarise(shaded, "adaptive_gaussian", block_size=41, c=5)) < 0.05


def test_binarise_parameters_honoured() -> None:
    shaded, _ = uneven_page()
    assert ink(ops.binarise(shaded, "manual", level=60)) < ink(ops.binarise(shaded, "manual", level=140))
    assert ink(ops.binarise(shaded, "adaptive_mean", c=20)) < ink(ops.binarise(shaded, "adaptive_mean", c=2))
    assert ink(ops.binarise(shaded, "sauvola", k=0.5)) < ink(ops.binarise(shaded, "sauvola", k=0.05))
    a = ops.binarise(shaded, "adaptive_gaussian", block_size=11)
    b = ops.binarise(shaded, "adaptive_gaussian", block_size=51)
    assert (a != b).any()


def test_binarise_flat_images() -> None:
    for v in (0, 255, 128):
        flat = np.full((20, 30), v, np.uint8)
        for method in ("otsu", "sauvola", "adaptive_mean"):
            out = ops.binarise(flat, method)
            assert out.shape == flat.shape


# ---------------------------------------------------------------- clean-up


def test_remove_borders_clears_scanner_edges_but_keeps_text() -> None:
    page = synthetic_page(600, 500)
    bordered = page.copy()
    bordered[:, :25] = 0  # black scanner edge
    bordered[480:, :] = 20  # shadow along the bottom
    out = ops.remove_borders(bordered, 0.1)
    assert (out[:, :25] == 255).all()
    assert (out[480:, :] == 255).all()
    assert ink(out) == pytest.approx(ink(page[:480]), rel=0.02)


def test_morph_dilate_and_erode() -> None:
    img = ops.binarise(synthetic_page(400, 300), "otsu")
    assert ink(ops.morph(img, "dilate", 2)) > ink(img) > ink(ops.morph(img, "erode", 2))
    assert ops.morph(img, "dilate", 3).shape == img.shape
    assert (ops.morph(img, "dilate", 1) == img).all()


@pytest.mark.parametrize("block", [3, 5, 19, 41, 60])
def test_tent_blur_is_the_triangular_mean(block: int) -> None:
    """Two half-width box filters give triangular weights (those of OpenCV's stack blur),
    centred for even and odd half widths alike (an off-centre anchor would shift the
    threshold by a pixel); only uint8 rounding separates them from the exact float filter."""
    rng = np.random.default_rng(1)
    img = cv2.GaussianBlur(rng.integers(0, 256, (240, 320), dtype=np.uint8), (0, 0), 2.0)
    block = ops.odd(block)
    r = block // 2
    w = np.r_[np.arange(1, r + 2), np.arange(r, 0, -1)].astype(np.float32)
    exact = cv2.filter2D(img.astype(np.float32), -1, np.outer(w, w) / w.sum() ** 2, borderType=cv2.BORDER_REPLICATE)
    ours = ops.tent_blur(img, block)
    assert ours.shape == img.shape and ours.dtype == np.uint8
    err = np.abs(ours.astype(np.float32) - exact)[block:-block, block:-block]
    assert float(err.max()) <= (1.5 if block == 3 else 1.0)
    # and no further from it than OpenCV's own stack blur
    stack = np.abs(cv2.stackBlur(img, (block, block)).astype(np.float32) - exact)[block:-block, block:-block]
    assert float(err.mean()) <= float(stack.mean()) + 0.05


@pytest.mark.parametrize("c", [12.0, -5.0, 0.0])
def test_adaptive_threshold_offset_both_signs(c: float) -> None:
    g = synthetic_page(400, 300)
    local = ops.tent_blur(g, 21).astype(np.int16)
    want = np.where(g.astype(np.int16) > np.clip(local - round(c), 0, 255), 255, 0)
    assert np.array_equal(ops.adaptive(g, 21, c, gaussian=True), want)


def test_median_u8_equals_numpy_median() -> None:
    rng = np.random.default_rng(3)
    cases = [rng.integers(0, 256, n, dtype=np.uint8) for n in (1, 2, 3, 10, 11, 1000, 1001)]
    cases += [np.array([0, 255], np.uint8), np.full(7, 9, np.uint8), rng.integers(200, 256, (37, 41), dtype=np.uint8)]
    for values in cases:
        assert ops.median_u8(values) == float(np.median(values))

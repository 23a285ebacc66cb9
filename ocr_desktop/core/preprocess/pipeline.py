"""Apply a concrete settings object, in a fixed order, at full resolution or for a preview.

Order: crop → page detection → quarter rotation → grayscale → rescale → denoise →
brightness/contrast → CLAHE → invert → deskew → binarise → remove borders → dilate/erode.

The preview path runs the same operations on a copy downscaled to screen size. It skips the
rescale step (the preview keeps its screen size) and scales every pixel-sized parameter by
``pixel_scale`` = preview size / full-resolution output size, so the preview approximates the
full-resolution output downscaled to the same size.

Two small caches serve the live preview, both naming the source array by identity (with a
weak reference, so a recycled ``id`` never matches): the page's skew angle, measured once per
page geometry whatever the intensity sliders say, and the latest preview's state after
deskewing, so threshold, border and stroke sliders re-run only the last steps. Arrays are
not expected to change in place once handed to the pipeline.
"""

from __future__ import annotations

import dataclasses
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import cv2
import numpy as np

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.errors import ProcessingError
from ocr_desktop.core.preprocess import ops
from ocr_desktop.core.preprocess.analysis import OsdFunc, _run_osd, text_height
from ocr_desktop.core.preprocess.ops import Image, Matrix
from ocr_desktop.core.preprocess.settings import BinariseSettings, BordersSettings, MorphSettings, PreprocessSettings

#: pages up to this size get a preview made from the full-resolution result (exact parity)
SMALL_PAGE_PIXELS = 1_500_000


@dataclass(frozen=True)
class PreparedPage:
    """The image Tesseract will get, and how it relates to the source page."""

    image: np.ndarray
    dpi: int | None
    #: 2x3 affine: processed-image pixel (x, y, 1) -> source page pixel
    to_source: np.ndarray
    notes: tuple[str, ...]
    settings: PreprocessSettings

    def map_to_source(self, x: float, y: float) -> tuple[float, float]:
        sx, sy = self.to_source @ np.array([x, y, 1.0])
        return float(sx), float(sy)


@dataclass
class _State:
    img: Image
    dpi: float | None
    #: current pixel -> source pixel
    m: Matrix = field(default_factory=ops.identity)
    notes: list[str] = field(default_factory=list)

    def geometric(self, out: tuple[Image, Matrix]) -> None:
        img, a = out
        self.img = img
        self.m = self.m @ np.linalg.inv(a)


def downscale_for_preview(image: np.ndarray, max_side: int = 1600) -> np.ndarray:
    """A copy no larger than ``max_side`` on its long side (area averaging); the image itself
    when it already fits.

    One exact area resize. OpenCV's area averaging is fast only for whole-number factors
    (2:1 takes ~4 ms on an RGB 300-dpi A4 page, 2.19:1 to 1600 px ~60 ms), but 2:1 steps
    followed by a last fractional step differ from the exact average by 2.7 grey levels
    (mean) on a bilevel 300-dpi scan, which breaks preview/full parity there. The GUI keeps
    this copy while sliders move, so its cost is paid once per page."""
    img = ops.as_uint8_image(image)
    if max_side < 1:
        raise ProcessingError("The preview size must be at least one pixel.")
    h, w = img.shape[:2]
    if max(h, w) <= max_side:
        return img
    f = max_side / max(h, w)
    return cv2.resize(img, (max(1, round(w * f)), max(1, round(h * f))), interpolation=cv2.INTER_AREA)


#: measured skew angles: (source array, geometry before deskew, max angle) -> angle, confidence.
#: The angle belongs to the page, not to the intensity sliders, so a preview that only moves
#: a contrast or threshold slider reuses it. Entries name the source by ``id`` and keep a weak
#: reference to check it is still the same array (an id can be reused after collection).
_SKEW_CACHE: OrderedDict[tuple[object, ...], tuple[weakref.ref[np.ndarray], float, float]] = OrderedDict()
_SKEW_CACHE_SIZE = 8
_SKEW_SIDE = 1000
_CACHE_LOCK = threading.Lock()


def _page_skew(source: np.ndarray, geo_img: Image, geo_m: Matrix, max_angle: float) -> tuple[float, float]:
    """Skew of the page as it stands after the geometric steps (crop, page detection, quarter
    turns), measured on its grey, made dark-on-light first when the background is dark; the
    same measurement whatever the intensity steps do, at full resolution and in the preview."""
    key = (id(source), source.shape, geo_img.shape, np.round(geo_m, 6).tobytes(), float(max_angle))
    with _CACHE_LOCK:  # the preview worker and the OCR worker may run pipelines at once
        hit = _SKEW_CACHE.get(key)
        if hit is not None and hit[0]() is source:
            _SKEW_CACHE.move_to_end(key)
            return hit[1], hit[2]
    g = ops.to_grey(geo_img)
    # one ~1000-px working copy by area averaging, whatever the input size: the preview
    # (already area-downscaled) and the full page then hand detect_skew nearly the same
    # pixels and agree on the angle (its own bilinear shrink differed by up to 0.1°)
    while max(g.shape) > 2 * _SKEW_SIDE and min(g.shape) >= 4:
        hh, ww = g.shape[0] // 2, g.shape[1] // 2
        g = cv2.resize(g[: 2 * hh, : 2 * ww], (ww, hh), interpolation=cv2.INTER_AREA)
    f = _SKEW_SIDE / max(g.shape)
    if f < 1.0:
        g = cv2.resize(g, (max(1, round(g.shape[1] * f)), max(1, round(g.shape[0] * f))), interpolation=cv2.INTER_AREA)
    if ops.is_dark_background(g):
        g = ops.invert(g)
    angle, conf = ops.detect_skew(g, max_angle)
    try:
        ref = weakref.ref(source)
    except TypeError:  # pragma: no cover - every ndarray takes weak references
        return angle, conf
    with _CACHE_LOCK:
        _SKEW_CACHE[key] = (ref, angle, conf)
        while len(_SKEW_CACHE) > _SKEW_CACHE_SIZE:
            _SKEW_CACHE.popitem(last=False)
    return angle, conf


def _check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled()


def rescale_factor(s: PreprocessSettings, dpi: float | None, text_h: float) -> tuple[float, str]:
    """The factor the rescale step applies at full resolution, and why."""
    r = s.rescale
    if r.mode == "dpi":
        if not dpi:
            return 1.0, "rescale skipped: resolution unknown"
        f = r.target_dpi / dpi
        why = f"rescaled ×{{f:.2f}} to {r.target_dpi} dpi (from {dpi:.0f})"
    else:
        if text_h <= 0:
            return 1.0, "rescale skipped: no text found to measure"
        f = r.target_text_height / text_h
        why = f"rescaled ×{{f:.2f}} so text is ~{r.target_text_height} px high (was {text_h:.0f} px)"
    f = min(max(f, r.min_factor), r.max_factor)
    if abs(f - 1.0) < 0.05:
        return 1.0, "no rescale needed"
    return f, why.format(f=f)


@dataclass(frozen=True)
class _Front:
    """The pipeline's state after deskewing, before binarisation and clean-up."""

    img: Image
    dpi: float | None
    m: Matrix
    notes: tuple[str, ...]
    pixel_scale: float
    out_dpi_override: float | None


#: the last preview's front part: (key, weak reference to the source, result). Moving a
#: threshold, border or stroke slider re-runs only the tail of the pipeline.
_FRONT_CACHE: list[tuple[tuple[object, ...], weakref.ref[np.ndarray], _Front]] = []


def _front_cached(
    img: Image,
    dpi: int | None,
    s: PreprocessSettings,
    preview_scale: float | None,
    osd: OsdFunc | None,
    cancel: CancelToken | None,
) -> _Front:
    """``_front``, remembered for the latest preview (full-resolution runs are not kept: they
    are one-off and large; nor are runs asking OSD, whose answer is not ours to cache)."""
    if preview_scale is None or (s.rotate.enabled and s.rotate.auto and osd is not None):
        return _front(img, dpi, s, preview_scale, osd, cancel)
    tail_free = s.replace(binarise=BinariseSettings(), borders=BordersSettings(), morph=MorphSettings())
    key: tuple[object, ...] = (id(img), img.shape, dpi, preview_scale, tail_free)
    with _CACHE_LOCK:
        entry = _FRONT_CACHE[0] if _FRONT_CACHE else None
    if entry is not None and entry[0] == key and entry[1]() is img:
        return entry[2]
    front = _front(img, dpi, s, preview_scale, osd, cancel)
    with _CACHE_LOCK:
        _FRONT_CACHE[:] = [(key, weakref.ref(img), front)]
    return front


def _front(
    img: Image,
    dpi: int | None,
    s: PreprocessSettings,
    preview_scale: float | None,
    osd: OsdFunc | None,
    cancel: CancelToken | None,
) -> _Front:
    """Crop, page detection, quarter turns, grey, rescale, denoise, contrast, CLAHE, invert
    and deskew (see ``run``)."""
    st = _State(img, float(dpi) if dpi else None)
    if preview_scale is not None:
        st.m = np.diag([1.0 / preview_scale, 1.0 / preview_scale, 1.0])
        st.dpi = st.dpi * preview_scale if st.dpi else None
    src_scale = preview_scale or 1.0  # current image size / source size

    if s.crop.enabled:
        c = s.crop
        st.geometric(ops.crop_fractions(st.img, c.left, c.top, c.right, c.bottom))
        st.notes.append(f"cropped to {st.img.shape[1]}x{st.img.shape[0]} px")
    _check(cancel)

    if s.page_detect.enabled:
        quad = ops.detect_page_quad(ops.to_grey(st.img), s.page_detect.min_area)
        if quad is None:
            st.notes.append("page detection: no page outline found, image kept")
        else:
            st.geometric(ops.warp_page(st.img, quad))
            st.notes.append("page detected and perspective corrected")
    _check(cancel)

    if s.rotate.enabled:
        angle = s.rotate.angle
        if s.rotate.auto:
            if osd is None:
                st.notes.append("automatic orientation unavailable (no OSD); not rotated")
                angle = 0
            else:
                g = ops.to_grey(st.img)
                th, _ = text_height(g)
                rot, conf = _run_osd(osd, g, th) if th > 0 else (None, 0.0)
                if rot is None or conf < s.rotate.min_confidence:
                    st.notes.append("orientation uncertain; not rotated")
                    angle = 0
                else:
                    angle = rot
                    if rot:
                        st.notes.append(f"rotated {rot}° (OSD confidence {conf:.1f})")
        elif angle:
            st.notes.append(f"rotated {angle}°")
        if angle:
            st.geometric(ops.rotate_quarter(st.img, angle))
    _check(cancel)

    if s.grayscale.enabled and st.img.ndim == 3:
        st.img = ops.to_grey(st.img)
    geo_img, geo_m = st.img, st.m  # the page before resampling and intensity steps (for deskew)

    # ---- rescale; from here on pixel parameters refer to the full-resolution output
    pixel_scale = 1.0
    full_factor = 1.0
    est = s.resolution.estimate
    suspect_dpi = st.dpi is not None and round(st.dpi / src_scale) in (72, 96)
    need_th = (
        (s.rescale.enabled and s.rescale.mode == "text_height")
        or est == "always"
        or (est in ("unknown", "suspect") and not st.dpi)
        or (est == "suspect" and suspect_dpi)
    )
    th = 0.0  # source text height, px
    if need_th:
        g = ops.to_grey(st.img)
        th, _ = text_height(g, ops.is_dark_background(g))
        th /= src_scale
    file_dpi_src = st.dpi / src_scale if st.dpi else None  # what the file says, source pixels
    if s.rescale.enabled:
        full_dpi = file_dpi_src
        f, why = rescale_factor(s, full_dpi, th)
        full_factor = f
        if preview_scale is None:
            if f != 1.0:
                st.geometric(ops.resize(st.img, f))
                st.dpi = st.dpi * f if st.dpi else None
        else:
            # the preview stays at screen size unless the full output is even smaller
            if preview_scale > f:
                st.geometric(ops.resize(st.img, f / preview_scale))
                st.dpi = st.dpi * f / preview_scale if st.dpi else None
                pixel_scale = 1.0
            else:
                pixel_scale = preview_scale / f
        st.notes.append(why)
    elif preview_scale is not None:
        pixel_scale = preview_scale
    out_dpi_override: float | None = None
    if th > 0 and est != "never":
        r = s.resolution
        guess = r.reference_dpi * th * full_factor / r.reference_text_height
        guess = max(50.0, min(1200.0, round(guess / 10.0) * 10.0))
        file_dpi = file_dpi_src * full_factor if file_dpi_src else None
        use = (
            est == "always"
            or file_dpi is None
            or (est == "suspect" and suspect_dpi and not 1 / 1.5 <= guess / file_dpi <= 1.5)
        )
        if use:
            out_dpi_override = guess
            known = f"file says {file_dpi:.0f}" if file_dpi else "file has none"
            st.notes.append(f"resolution estimated from text height: ~{guess:.0f} dpi ({known})")
    _check(cancel)

    if s.denoise.enabled:
        d = s.denoise
        strength = d.strength
        if d.method == "median":
            # a kernel under 2 px does nothing useful; at preview scale the area averaging
            # of the downscale has already done what the full-size median does
            strength = d.strength * pixel_scale if d.strength * pixel_scale >= 2.0 else 1.0
        st.img = ops.denoise(st.img, d.method, strength)
        st.notes.append(f"denoised: {d.method} ({d.strength:g})")
    _check(cancel)

    if s.contrast.enabled and (s.contrast.brightness != 0 or s.contrast.contrast != 1):
        st.img = ops.brightness_contrast(st.img, s.contrast.brightness, s.contrast.contrast)
        st.notes.append(f"brightness {s.contrast.brightness:+g}, contrast ×{s.contrast.contrast:g}")

    if s.clahe.enabled:
        st.img = ops.clahe(st.img, s.clahe.clip_limit, s.clahe.grid)
        st.notes.append(f"local contrast equalised (CLAHE, clip {s.clahe.clip_limit:g})")
    _check(cancel)

    if s.invert.enabled and (s.invert.mode == "always" or ops.is_dark_background(ops.to_grey(st.img))):
        st.img = ops.invert(st.img)
        st.notes.append("inverted (dark background)" if s.invert.mode == "auto" else "inverted")

    if s.deskew.enabled:
        skew = float(s.deskew.angle)
        if s.deskew.auto:
            skew, conf = _page_skew(img, geo_img, geo_m, s.deskew.max_angle)
            if conf < 0.05:
                skew = 0.0
        if abs(skew) >= 0.05:
            fill = round(ops.background_level(ops.to_grey(st.img)))
            st.geometric(ops.rotate_degrees(st.img, skew, fill))
            st.notes.append(f"deskewed by {skew:.2f}°")
        elif s.deskew.auto:
            st.notes.append("no skew detected")
    _check(cancel)

    return _Front(st.img, st.dpi, st.m, tuple(st.notes), pixel_scale, out_dpi_override)


def run(
    image: np.ndarray,
    dpi: int | None,
    s: PreprocessSettings,
    *,
    preview_scale: float | None = None,
    osd: OsdFunc | None = None,
    cancel: CancelToken | None = None,
) -> PreparedPage:
    """Apply ``s`` (mode "manual" or "none"). ``preview_scale``: the caller already
    downscaled the source by this factor (preview path); None for full resolution."""
    img = ops.as_uint8_image(image)
    if s.mode == "none":
        return PreparedPage(img, dpi, ops.identity()[:2].copy(), ("no preprocessing",), s)
    front = _front_cached(img, dpi, s, preview_scale, osd, cancel)
    st = _State(front.img, front.dpi, front.m.copy(), list(front.notes))
    pixel_scale, out_dpi_override = front.pixel_scale, front.out_dpi_override
    img_before_tail = st.img

    b = s.binarise
    if b.enabled and b.method != "none":
        st.img = ops.binarise(
            st.img,
            b.method,
            block_size=ops.odd(b.block_size * pixel_scale),
            c=b.c,
            window=ops.odd(b.window * pixel_scale),
            k=b.k,
            level=b.level,
        )
        st.notes.append(f"binarised: {_METHOD_NAMES[b.method]}")
    _check(cancel)

    if s.borders.enabled:
        st.img = ops.remove_borders(st.img, s.borders.max_width)
        st.notes.append("dark borders removed")

    if s.morph.enabled:
        # a kernel of n px moves each edge by (n - 1) px in total; scale that growth
        size = round(1 + (s.morph.size - 1) * pixel_scale)
        st.img = ops.morph(st.img, s.morph.op, size)
        verb = "thickened" if s.morph.op == "dilate" else "thinned"
        st.notes.append(f"strokes {verb} ({s.morph.size} px)")

    if out_dpi_override is not None:
        st.dpi = out_dpi_override * (pixel_scale if preview_scale is not None else 1.0)
    out_dpi = round(st.dpi) if st.dpi else None
    if st.img is img_before_tail and st.img is not img and preview_scale is not None:
        st.img = st.img.copy()  # the cached front result is not handed out to be changed
    return PreparedPage(
        image=np.ascontiguousarray(st.img),
        dpi=out_dpi,
        to_source=st.m[:2].copy(),
        notes=tuple(st.notes),
        settings=s,
    )


_METHOD_NAMES = {
    "otsu": "Otsu (global)",
    "adaptive_mean": "adaptive mean",
    "adaptive_gaussian": "adaptive Gaussian",
    "sauvola": "Sauvola",
    "manual": "manual level",
}


class Pipeline:
    """A reusable preprocessing pipeline for one settings object.

    ``apply`` works at full resolution (for OCR); ``preview`` on a screen-sized copy. Settings
    in mode "auto" are resolved per image by measuring it (without trial recognitions).
    """

    def __init__(self, settings: PreprocessSettings, *, osd: OsdFunc | None = None) -> None:
        self.settings = settings
        self.osd = osd

    def _concrete(
        self, image: np.ndarray, dpi: int | None, scale: float = 1.0
    ) -> tuple[PreprocessSettings, tuple[str, ...]]:
        """Resolve mode "auto"; ``image`` may be a copy downscaled by ``scale``."""
        if self.settings.mode != "auto":
            return self.settings, ()
        from ocr_desktop.core.preprocess.analysis import analyse_page
        from ocr_desktop.core.preprocess.auto import choose_settings

        a = analyse_page(image, dpi, self.osd)
        if scale != 1.0:
            a = dataclasses.replace(
                a,
                width=round(a.width / scale),
                height=round(a.height / scale),
                dpi=dpi,
                text_height=a.text_height / scale,
            )
        return choose_settings(a)

    def apply(self, image: np.ndarray, dpi: int | None = None, *, cancel: CancelToken | None = None) -> PreparedPage:
        s, why = self._concrete(image, dpi)
        page = run(image, dpi, s, osd=self.osd, cancel=cancel)
        return dataclasses.replace(page, notes=why + page.notes) if why else page

    def preview(self, image: np.ndarray, max_side: int = 1600, dpi: int | None = None) -> np.ndarray:
        return self.preview_page(image, max_side, dpi).image

    def preview_page(self, image: np.ndarray, max_side: int = 1600, dpi: int | None = None) -> PreparedPage:
        """Like ``preview`` but with notes and the preview → source mapping."""
        src = ops.as_uint8_image(image)
        if src.shape[0] * src.shape[1] <= SMALL_PAGE_PIXELS:
            # small pages: the full pipeline is cheap, so run it and shrink the result
            page = self.apply(src, dpi)
            out = page.image
            if max(out.shape[:2]) > max_side:
                binary = page.settings.binarise.enabled and page.settings.binarise.method != "none"
                out, a = ops.resize(out, max_side / max(out.shape[:2]))
                if binary:
                    out = np.where(out >= 128, np.uint8(255), np.uint8(0)).astype(np.uint8)
                page = dataclasses.replace(page, image=out, to_source=(page_m(page) @ np.linalg.inv(a))[:2])
            return page
        small = downscale_for_preview(src, max_side)
        scale = small.shape[1] / src.shape[1]
        s, why = self._concrete(small, dpi, scale)
        page = run(small, dpi, s, preview_scale=scale, osd=self.osd)
        return dataclasses.replace(page, notes=why + page.notes) if why else page


def page_m(page: PreparedPage) -> Matrix:
    m = ops.identity()
    m[:2] = page.to_source
    return m

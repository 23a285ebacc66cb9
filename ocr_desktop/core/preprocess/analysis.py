"""Page measurements that Auto bases its choices on: text height, skew, orientation,
contrast, noise, background colour and evenness."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from ocr_desktop.core.preprocess import ops
from ocr_desktop.core.preprocess.ops import Image


class OrientationLike(Protocol):
    """What an OSD callable returns (the engine's ``Orientation`` fits)."""

    @property
    def rotate(self) -> int: ...

    @property
    def confidence(self) -> float: ...


OsdFunc = Callable[[np.ndarray], OrientationLike]


@dataclass(frozen=True)
class PageAnalysis:
    width: int
    height: int
    dpi: int | None
    #: median height in pixels of character-sized ink blobs (0 when no text was found)
    text_height: float
    #: number of character-sized blobs the text height is based on
    text_blobs: int
    #: degrees; ``ops.rotate_degrees(img, skew)`` straightens the page
    skew: float
    skew_confidence: float
    #: degrees clockwise that make the page upright according to OSD (None: not measured)
    orientation: int | None
    orientation_confidence: float
    #: paper brightness 0-255 and whether it is dark (light text on dark)
    background: float
    dark_background: bool
    #: paper minus ink level (0-255); low for faint print
    contrast: float
    #: robust sigma of pixel noise on the page, grey levels
    noise: float
    #: spread (grey levels) of the local paper brightness over the page: shadows, stains
    unevenness: float
    #: share of pixels that are pure black or white (scans already binarised)
    bilevel: float
    #: colourful pixels (photos, coloured receipts)
    colourfulness: float


def text_height(grey: Image, dark_background: bool = False) -> tuple[float, int]:
    """Median height of character-like connected components of the Otsu-binarised page.

    A 3x3 closing first joins the dots of dot-matrix print and broken faint strokes into
    whole glyphs (it may join neighbouring letters too, which leaves their height alone).
    Specks, rules, and blobs much larger than a line are ignored.
    """
    h, w = grey.shape
    if min(h, w) < 8 or int(grey.min()) == int(grey.max()):
        return 0.0, 0
    # big pages are measured at half size (text there is 12 px and more): 4x fewer pixels
    factor = 1.0
    while max(grey.shape) > 2400 and min(grey.shape) >= 16:
        hh, ww = grey.shape[0] // 2, grey.shape[1] // 2
        grey = cv2.resize(grey[: 2 * hh, : 2 * ww], (ww, hh), interpolation=cv2.INTER_AREA)
        factor *= 2.0
    h, w = grey.shape
    g = grey if not dark_background else ops.invert(grey)
    # a local threshold: global Otsu splits shadows from paper instead of ink from paper
    block = ops.odd(max(15, min(h, w) // 20))
    ink = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return 0.0, 0
    s = stats[1:]
    cw, ch, area = s[:, 2], s[:, 3], s[:, 4]
    fill = area / np.maximum(cw * ch, 1)
    keep = (ch >= 5) & (ch <= max(8, h // 8)) & (cw <= 40 * ch) & (fill > 0.1) & (fill < 0.9) & (area >= 12)
    heights = ch[keep]
    if heights.size < 5:
        return 0.0, int(heights.size)
    return float(np.median(heights)) * factor, int(heights.size)


def _noise_sigma(grey: Image) -> float:
    small = ops.thumbnail(grey, 1500)
    diff = cv2.absdiff(small, cv2.medianBlur(small, 3))
    # only flat areas: pixels whose 3x3 neighbourhood is near the median
    flat = diff[diff < 40]
    return float(flat.mean()) * 1.25 if flat.size else 0.0  # mean |x| = 0.8 sigma for Gaussian noise


def _unevenness(grey: Image, dark: bool) -> float:
    g = ops.invert(grey) if dark else grey
    small = ops.thumbnail(g, 400)
    if min(small.shape) < 8:
        return 0.0
    k = max(3, min(small.shape) // 12) | 1
    # a grey-level closing removes dark text and keeps the paper
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    paper = cv2.blur(paper, (k, k))
    lo, hi = np.percentile(paper, [5, 95])
    return float(hi - lo)


def analyse_page(
    image: np.ndarray,
    dpi: int | None,
    osd: OsdFunc | None = None,
    *,
    skew_max_angle: float = 15.0,
) -> PageAnalysis:
    """Measure the page. ``osd`` is called on a copy scaled for Tesseract's OSD, if given."""
    img = ops.as_uint8_image(image)
    grey = ops.to_grey(img)
    h, w = grey.shape
    thumb = ops.thumbnail(grey, 512)
    bg = float(np.median(thumb))
    dark = bg < 110.0
    th, blobs = text_height(grey, dark)
    upright = ops.invert(grey) if dark else grey
    # OSD is a Tesseract process and takes most of the time: the other measurements run meanwhile
    osd_job = _OsdJob(osd, upright, th) if osd is not None and th > 0 else None
    try:
        p_ink = float(np.percentile(thumb, 99 if dark else 1))
        contrast = abs(bg - p_ink)
        noise = _noise_sigma(grey)
        uneven = _unevenness(grey, dark)
        bilevel = float(np.mean((thumb == 0) | (thumb == 255))) if thumb.size else 0.0
        if min(h, w) >= 8:
            bilevel = float(np.mean((grey[::4, ::4] == 0) | (grey[::4, ::4] == 255)))
        colourfulness = 0.0
        if img.ndim == 3:
            t = ops.thumbnail(img, 256).astype(np.int16)
            colourfulness = float(np.mean(np.abs(t[:, :, 0] - t[:, :, 1]) + np.abs(t[:, :, 1] - t[:, :, 2])))
        skew, skew_conf = ops.detect_skew(upright, skew_max_angle)
    finally:
        orientation, orientation_conf = osd_job.result() if osd_job is not None else (None, 0.0)
    return PageAnalysis(
        width=w,
        height=h,
        dpi=dpi,
        text_height=th,
        text_blobs=blobs,
        skew=skew,
        skew_confidence=skew_conf,
        orientation=orientation,
        orientation_confidence=orientation_conf,
        background=bg,
        dark_background=dark,
        contrast=contrast,
        noise=noise,
        unevenness=uneven,
        bilevel=bilevel,
        colourfulness=colourfulness,
    )


class _OsdJob:
    """``_run_osd`` on a thread: its answer (or its exception, a cancel) comes back at ``result()``."""

    def __init__(self, osd: OsdFunc, grey: Image, th: float) -> None:
        self._answer: tuple[int | None, float] = (None, 0.0)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, args=(osd, grey, th), name="osd", daemon=True)
        self._thread.start()

    def _work(self, osd: OsdFunc, grey: Image, th: float) -> None:
        try:
            self._answer = _run_osd(osd, grey, th)
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc

    def result(self) -> tuple[int | None, float]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._answer


def _run_osd(osd: OsdFunc, grey: Image, th: float) -> tuple[int | None, float]:
    """OSD works best on moderately sized text and is much faster on a smaller page:
    scale so characters are about 25 px high, never above 2000 px on the long side."""
    f = 25.0 / th if th > 0 else 1.0
    h, w = grey.shape
    f = min(f, 2000.0 / max(h, w), 4.0)
    img = grey if abs(f - 1.0) < 0.05 else ops.resize(grey, f)[0]
    try:
        res = osd(img)
    except Exception as exc:
        from ocr_desktop.core.errors import CancelledError

        if isinstance(exc, CancelledError):
            raise
        return None, 0.0
    rot = int(res.rotate) % 360
    if rot not in (0, 90, 180, 270):
        return None, 0.0
    return rot, float(res.confidence)

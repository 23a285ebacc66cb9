"""Auto: measure the page, choose the operations, and say why.

Auto is conservative by design: every operation it turns on answers a measured problem
(upside-down page, small text, skew, dark background, uneven lighting). Where the evidence
is weak (OSD unsure, borderline lighting) and a ``trial_ocr`` callable is available, it runs
Tesseract on the candidates and keeps the one with the higher mean word confidence; the
untouched page is always among the candidates, so a trial can never choose something worse
by Tesseract's own measure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.preprocess import ops
from ocr_desktop.core.preprocess.analysis import OsdFunc, PageAnalysis, analyse_page
from ocr_desktop.core.preprocess.pipeline import PreparedPage, run
from ocr_desktop.core.preprocess.settings import (
    BinariseSettings,
    DeskewSettings,
    GrayscaleSettings,
    InvertSettings,
    PreprocessSettings,
    RescaleSettings,
    ResolutionSettings,
    RotateSettings,
)

TrialOcr = Callable[[np.ndarray, "int | None"], float]

#: below this median character height (px) Tesseract loses accuracy: enlarge to TARGET_TEXT.
#: Between SMALL_TEXT and TARGET_TEXT resampling changed little and sometimes hurt (measured
#: on receipts and forms), so such pages are left at their size.
SMALL_TEXT = 16.0
TARGET_TEXT = 24
#: OSD answers at or above this confidence are trusted without a trial (receipts gave false
#: 180° answers at confidence 2-3; genuinely turned pages give 8 and more)
OSD_SURE = 5.0
#: below this an OSD answer is noise, not worth a trial recognition
OSD_MAYBE = 0.5
#: skews smaller than this are left alone: Tesseract copes, and resampling costs sharpness
MIN_SKEW = 1.5
#: lighting spread (grey levels) above which a local threshold is used
UNEVEN = 60.0
#: confidence margin a non-trivial candidate needs to beat the plain page in a trial
TRIAL_MARGIN = 2.0


def choose_settings(a: PageAnalysis) -> tuple[PreprocessSettings, tuple[str, ...]]:
    """Concrete (mode "manual") settings for a measured page, and the reasons.

    Colour is kept: Tesseract thresholds each colour channel and keeps the best one, which
    reads coloured and faint receipts better than our grey conversion plus its threshold.
    """
    why: list[str] = []
    s = PreprocessSettings(
        mode="manual",
        grayscale=GrayscaleSettings(enabled=False),
        resolution=ResolutionSettings(estimate="suspect"),
    )

    if a.orientation:
        if a.orientation_confidence >= OSD_SURE:
            s = s.replace(rotate=RotateSettings(enabled=True, auto=False, angle=a.orientation))
            why.append(f"page is turned: rotate {a.orientation}° (OSD confidence {a.orientation_confidence:.1f})")
        else:
            why.append(
                f"OSD suggests {a.orientation}° but is unsure (confidence {a.orientation_confidence:.1f}); not rotated"
            )

    if a.text_height <= 0:
        why.append("no text-like shapes found; page left as it is")
        return s, tuple(why)

    if a.text_height < SMALL_TEXT:
        s = s.replace(
            rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=TARGET_TEXT, min_factor=1.0)
        )
        why.append(f"small text ({a.text_height:.0f} px): enlarge to ~{TARGET_TEXT} px")

    if a.dark_background:
        s = s.replace(invert=InvertSettings(enabled=True, mode="always"))
        why.append(f"dark background (level {a.background:.0f}): invert")

    if abs(a.skew) >= MIN_SKEW and a.skew_confidence >= 0.2:
        s = s.replace(deskew=DeskewSettings(enabled=True, auto=False, angle=round(a.skew, 2)))
        why.append(f"skewed by {a.skew:.1f}°: straighten")

    if a.unevenness > UNEVEN and a.bilevel < 0.9:
        th = max(a.text_height, TARGET_TEXT) if a.text_height < SMALL_TEXT else a.text_height
        win = ops.odd(max(15.0, 2.5 * th))
        s = s.replace(binarise=BinariseSettings(enabled=True, method="sauvola", window=win, k=0.2))
        why.append(f"uneven background (spread {a.unevenness:.0f} grey levels): Sauvola threshold")

    if len(why) == 0:
        why.append(f"clean page, text {a.text_height:.0f} px high: no changes needed")
    return s, tuple(why)


def prepare_page(
    image: np.ndarray,
    dpi: int | None,
    settings: PreprocessSettings,
    *,
    osd: OsdFunc | None = None,
    trial_ocr: TrialOcr | None = None,
    cancel: CancelToken | None = None,
) -> PreparedPage:
    """Preprocess one page for OCR at full resolution.

    ``settings.mode`` "none" returns the page untouched, "manual" applies the settings (OSD is
    used for automatic rotation when given), "auto" measures the page and decides.
    """
    img = ops.as_uint8_image(image)
    if settings.mode != "auto":
        return run(img, dpi, settings, osd=osd, cancel=cancel)
    if cancel is not None:
        cancel.raise_if_cancelled()
    analysis = analyse_page(img, dpi, osd)
    if cancel is not None:
        cancel.raise_if_cancelled()
    chosen, why = choose_settings(analysis)
    page = run(img, dpi, chosen, cancel=cancel)
    notes = why + page.notes

    conf = analysis.orientation_confidence
    if trial_ocr is not None and analysis.orientation and conf >= OSD_MAYBE:
        if conf < OSD_SURE:
            rotated = chosen.replace(rotate=RotateSettings(enabled=True, auto=False, angle=analysis.orientation))
            candidates = [(chosen, page), (rotated, None)]
        else:
            # OSD can be sure and wrong: a speckled scan of upright text came back "180°, 9.8".
            # The turned page stays the choice unless the page as it lies reads clearly better.
            candidates = [(chosen, page), (chosen.replace(rotate=RotateSettings()), None)]
        turned = page
        page, note = _trial(img, dpi, candidates, trial_ocr, cancel)
        if conf >= OSD_SURE and page is not turned:
            why = tuple(
                f"OSD says the page is turned {analysis.orientation}° (confidence {conf:.1f}), but it reads "
                "better as it lies: not rotated" if w.startswith("page is turned") else w
                for w in why
            )
        notes = why + page.notes + (note,)
    return dataclasses.replace(page, notes=notes)


def _trial(
    img: np.ndarray,
    dpi: int | None,
    candidates: list[tuple[PreprocessSettings, PreparedPage | None]],
    trial_ocr: TrialOcr,
    cancel: CancelToken | None,
) -> tuple[PreparedPage, str]:
    best: PreparedPage | None = None
    best_conf = -1.0
    scores: list[str] = []
    for i, (s, page) in enumerate(candidates):
        if cancel is not None:
            cancel.raise_if_cancelled()
        p = page if page is not None else run(img, dpi, s, cancel=cancel)
        conf = float(trial_ocr(p.image, p.dpi))
        scores.append(f"{conf:.1f}")
        margin = 0.0 if i == 0 else TRIAL_MARGIN
        if best is None or conf > best_conf + margin:
            best, best_conf = p, conf
    assert best is not None
    return best, f"trial recognition confidences {' / '.join(scores)}: kept {best_conf:.1f}"

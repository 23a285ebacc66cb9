"""Image preprocessing before OCR: operations, settings and presets, Auto, preview path.

No Qt here. Images are numpy uint8 arrays, grey (H, W) or RGB (H, W, 3).
"""

from __future__ import annotations

from ocr_desktop.core.preprocess.analysis import OrientationLike, PageAnalysis, analyse_page
from ocr_desktop.core.preprocess.auto import choose_settings, prepare_page
from ocr_desktop.core.preprocess.pipeline import Pipeline, PreparedPage, downscale_for_preview
from ocr_desktop.core.preprocess.presets import PRESET_DISPLAY_NAMES, PRESETS, parse_preprocess_spec
from ocr_desktop.core.preprocess.settings import (
    BinariseSettings,
    BordersSettings,
    ClaheSettings,
    ContrastSettings,
    CropSettings,
    DenoiseSettings,
    DeskewSettings,
    GrayscaleSettings,
    InvertSettings,
    MorphSettings,
    PageDetectSettings,
    PreprocessSettings,
    RescaleSettings,
    ResolutionSettings,
    RotateSettings,
)

__all__ = [
    "PRESETS",
    "PRESET_DISPLAY_NAMES",
    "BinariseSettings",
    "BordersSettings",
    "ClaheSettings",
    "ContrastSettings",
    "CropSettings",
    "DenoiseSettings",
    "DeskewSettings",
    "GrayscaleSettings",
    "InvertSettings",
    "MorphSettings",
    "OrientationLike",
    "PageAnalysis",
    "PageDetectSettings",
    "Pipeline",
    "PreparedPage",
    "PreprocessSettings",
    "RescaleSettings",
    "ResolutionSettings",
    "RotateSettings",
    "analyse_page",
    "choose_settings",
    "downscale_for_preview",
    "parse_preprocess_spec",
    "prepare_page",
]

"""Named presets and the ``--preprocess`` spec parser."""

from __future__ import annotations

from pathlib import Path

from ocr_desktop.core.errors import UsageError
from ocr_desktop.core.preprocess.settings import (
    BinariseSettings,
    BordersSettings,
    ClaheSettings,
    DenoiseSettings,
    DeskewSettings,
    InvertSettings,
    PageDetectSettings,
    PreprocessSettings,
    RescaleSettings,
    RotateSettings,
)

_ROTATE = RotateSettings(enabled=True, auto=True)
_DESKEW = DeskewSettings(enabled=True, auto=True)

PRESETS: dict[str, PreprocessSettings] = {
    "none": PreprocessSettings(mode="none"),
    "auto": PreprocessSettings(mode="auto"),
    # flatbed scans: straighten, upscale small print, clear scanner borders; Tesseract's own
    # binarisation is good on clean paper
    "scanned-document": PreprocessSettings(
        mode="manual",
        rotate=_ROTATE,
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=30, min_factor=1.0),
        deskew=_DESKEW,
        borders=BordersSettings(enabled=True),
    ),
    # phone photos: find the sheet, even out the lighting, local thresholding
    "photo": PreprocessSettings(
        mode="manual",
        page_detect=PageDetectSettings(enabled=True),
        rotate=_ROTATE,
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=30),
        denoise=DenoiseSettings(enabled=True, method="bilateral", strength=5.0),
        clahe=ClaheSettings(enabled=True, clip_limit=2.0, grid=8),
        deskew=_DESKEW,
        binarise=BinariseSettings(enabled=True, method="sauvola", window=51, k=0.2),
    ),
    # screen captures: tiny anti-aliased text, maybe dark mode; upscale, never threshold
    "screenshot": PreprocessSettings(
        mode="manual",
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=32, max_factor=4.0),
        invert=InvertSettings(enabled=True, mode="auto"),
    ),
    # thermal-paper receipts: faint print on uneven paper; global thresholds erase the faint
    # lines, so keep grey levels and only enlarge small print
    "receipt": PreprocessSettings(
        mode="manual",
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=30, min_factor=1.0),
        deskew=_DESKEW,
    ),
    # faxes and low-resolution scans: enlarge, smooth the jaggies, threshold
    "fax": PreprocessSettings(
        mode="manual",
        rotate=_ROTATE,
        rescale=RescaleSettings(enabled=True, mode="text_height", target_text_height=30, min_factor=1.0),
        denoise=DenoiseSettings(enabled=True, method="median", strength=3.0),
        deskew=_DESKEW,
        binarise=BinariseSettings(enabled=True, method="otsu"),
    ),
}

PRESET_DISPLAY_NAMES: dict[str, str] = {
    "auto": "Auto",
    "none": "None",
    "scanned-document": "Scanned document",
    "photo": "Photo of a page",
    "screenshot": "Screenshot",
    "receipt": "Receipt",
    "fax": "Fax / low resolution",
}


def parse_preprocess_spec(spec: str) -> PreprocessSettings:
    """``auto`` | ``none`` | a preset name (case-insensitive, ``_`` or space for ``-``) |
    a path to a JSON settings file."""
    text = spec.strip()
    if not text:
        raise UsageError("--preprocess needs a value: auto, none, a preset name or a JSON file.")
    key = text.lower().replace("_", "-").replace(" ", "-")
    if key in PRESETS:
        return PRESETS[key]
    by_display = {v.lower(): k for k, v in PRESET_DISPLAY_NAMES.items()}
    if text.lower() in by_display:
        return PRESETS[by_display[text.lower()]]
    path = Path(text).expanduser()
    if path.suffix.lower() == ".json" or path.exists():
        if not path.is_file():
            raise UsageError(f"Preprocessing settings file not found: {path}")
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"Cannot read preprocessing settings file {path}: {exc}") from exc
        try:
            return PreprocessSettings.from_json(content)
        except UsageError as exc:
            raise UsageError(f"{path}: {exc.user_message}") from exc
    raise UsageError(
        f"Unknown preprocessing '{spec}'. Use auto, none, one of the presets "
        f"({', '.join(k for k in PRESETS if k not in ('auto', 'none'))}) or a path to a .json file."
    )

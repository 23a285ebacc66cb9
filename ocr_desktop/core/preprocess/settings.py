"""Preprocessing settings: one frozen dataclass of per-operation frozen dataclasses.

Every operation has an ``enabled`` flag and its parameters. Pixel-sized parameters (block
sizes, windows, kernel sizes) are expressed in pixels of the *full-resolution processed image*
(after rescaling); the preview path scales them down with the image, so the preview looks like
the full result shrunk. Crop margins are fractions of the source page for the same reason.

``to_dict``/``from_dict``/``to_json``/``from_json`` round-trip exactly. Unknown keys and
out-of-range values are rejected with :class:`UsageError`; missing keys take their defaults,
so a settings file may name only what it changes.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from ocr_desktop.core.errors import UsageError

Mode = Literal["auto", "manual", "none"]
RescaleMode = Literal["dpi", "text_height"]
DenoiseMethod = Literal["median", "bilateral", "nlm"]
BinariseMethod = Literal["none", "otsu", "adaptive_mean", "adaptive_gaussian", "sauvola", "manual"]
InvertMode = Literal["auto", "always"]
MorphOp = Literal["dilate", "erode"]
EstimateDpi = Literal["never", "unknown", "suspect", "always"]


@dataclass(frozen=True)
class CropSettings:
    """Keep a region of the source page; margins are fractions (0-1) of its width/height."""

    enabled: bool = False
    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0


@dataclass(frozen=True)
class PageDetectSettings:
    """Find the sheet of paper in a photo and warp it to a flat rectangle."""

    enabled: bool = False
    #: the detected quadrilateral must cover at least this fraction of the image
    min_area: float = 0.2


@dataclass(frozen=True)
class RotateSettings:
    """Quarter turns. ``auto`` asks Tesseract's OSD; ``angle`` (clockwise) is used otherwise."""

    enabled: bool = False
    auto: bool = True
    angle: int = 0
    #: OSD answers below this confidence are ignored (or tried with trial OCR in auto mode)
    min_confidence: float = 2.0


@dataclass(frozen=True)
class GrayscaleSettings:
    enabled: bool = True


@dataclass(frozen=True)
class RescaleSettings:
    """Scale to ``target_dpi`` (needs a known dpi) or so the median text height becomes
    ``target_text_height`` pixels. The factor is clamped to [min_factor, max_factor]."""

    enabled: bool = False
    mode: RescaleMode = "dpi"
    target_dpi: int = 300
    target_text_height: int = 30
    min_factor: float = 0.25
    max_factor: float = 4.0


@dataclass(frozen=True)
class ResolutionSettings:
    """The dpi Tesseract is told. ``estimate``: derive it from the measured text height —
    "unknown": only when the file has no dpi; "suspect": also when the file says 72 or 96
    dpi (software defaults, not measurements) and the text height disagrees by more than
    half; "always": whatever the file says. Text ``reference_text_height`` px high is taken
    as ``reference_dpi`` (ordinary 10-11 pt print)."""

    estimate: EstimateDpi = "never"
    reference_dpi: int = 300
    reference_text_height: float = 24.0


@dataclass(frozen=True)
class DenoiseSettings:
    """``strength``: median kernel size (px), bilateral sigma, or non-local-means h."""

    enabled: bool = False
    method: DenoiseMethod = "median"
    strength: float = 3.0


@dataclass(frozen=True)
class ContrastSettings:
    """out = (in - 128) * contrast + 128 + brightness."""

    enabled: bool = False
    brightness: float = 0.0
    contrast: float = 1.0


@dataclass(frozen=True)
class ClaheSettings:
    """Contrast-limited adaptive histogram equalisation; ``grid`` tiles per side."""

    enabled: bool = False
    clip_limit: float = 2.0
    grid: int = 8


@dataclass(frozen=True)
class InvertSettings:
    """``auto`` inverts only pages with a dark background (dark-mode screenshots)."""

    enabled: bool = False
    mode: InvertMode = "auto"


@dataclass(frozen=True)
class DeskewSettings:
    """``auto`` detects the skew (within ±max_angle degrees); else rotate by ``angle``
    degrees counter-clockwise."""

    enabled: bool = False
    auto: bool = True
    angle: float = 0.0
    max_angle: float = 15.0


@dataclass(frozen=True)
class BinariseSettings:
    """Black text on white. ``block_size``/``c`` for adaptive methods, ``window``/``k`` for
    Sauvola, ``level`` for manual."""

    enabled: bool = False
    method: BinariseMethod = "otsu"
    block_size: int = 31
    c: float = 10.0
    window: int = 31
    k: float = 0.2
    level: int = 128


@dataclass(frozen=True)
class BordersSettings:
    """Clear dark scanner borders / punch-hole shadows touching the page edge."""

    enabled: bool = False
    #: only dark regions touching the edge and lying within this fraction of it are cleared
    max_width: float = 0.1


@dataclass(frozen=True)
class MorphSettings:
    """``dilate`` makes strokes bolder, ``erode`` thinner (in terms of the dark ink)."""

    enabled: bool = False
    op: MorphOp = "dilate"
    size: int = 2


@dataclass(frozen=True)
class PreprocessSettings:
    """All preprocessing settings. ``mode``: "auto" measures each page and picks the
    operations (the per-op values here are then ignored), "manual" applies exactly what is
    enabled, "none" passes the image through untouched."""

    mode: Mode = "auto"
    crop: CropSettings = field(default_factory=CropSettings)
    page_detect: PageDetectSettings = field(default_factory=PageDetectSettings)
    rotate: RotateSettings = field(default_factory=RotateSettings)
    grayscale: GrayscaleSettings = field(default_factory=GrayscaleSettings)
    rescale: RescaleSettings = field(default_factory=RescaleSettings)
    resolution: ResolutionSettings = field(default_factory=ResolutionSettings)
    denoise: DenoiseSettings = field(default_factory=DenoiseSettings)
    contrast: ContrastSettings = field(default_factory=ContrastSettings)
    clahe: ClaheSettings = field(default_factory=ClaheSettings)
    invert: InvertSettings = field(default_factory=InvertSettings)
    deskew: DeskewSettings = field(default_factory=DeskewSettings)
    binarise: BinariseSettings = field(default_factory=BinariseSettings)
    borders: BordersSettings = field(default_factory=BordersSettings)
    morph: MorphSettings = field(default_factory=MorphSettings)

    def __post_init__(self) -> None:
        validate(self)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False)

    @classmethod
    def from_dict(cls, data: Any) -> PreprocessSettings:
        built: PreprocessSettings = _build(cls, data, "settings")
        return built

    @classmethod
    def from_json(cls, text: str) -> PreprocessSettings:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"Preprocessing settings are not valid JSON: {exc}") from exc
        return cls.from_dict(data)

    def replace(self, **changes: Any) -> PreprocessSettings:
        return dataclasses.replace(self, **changes)


# ---------------------------------------------------------------- (de)serialisation


def _build(cls: type[Any], data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise UsageError(f"Preprocessing settings: '{where}' must be an object, got {type(data).__name__}.")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise UsageError(
            f"Preprocessing settings: unknown key(s) {', '.join(map(repr, unknown))} in '{where}'. "
            f"Known keys: {', '.join(fields)}."
        )
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        f = fields[name]
        sub = _NESTED.get(name) if cls is PreprocessSettings else None
        if sub is not None:
            kwargs[name] = _build(sub, value, name)
        else:
            kwargs[name] = _coerce(value, _FIELD_TYPES[(cls, f.name)], f"{where}.{name}")
    try:
        return cls(**kwargs)
    except UsageError:
        raise
    except (TypeError, ValueError) as exc:  # pragma: no cover - defensive
        raise UsageError(f"Preprocessing settings: invalid '{where}': {exc}") from exc


def _coerce(value: Any, typ: Any, where: str) -> Any:
    if typ is bool:
        if isinstance(value, bool):
            return value
    elif typ is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
    elif typ is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    else:  # Literal
        choices = get_args(typ)
        if value in choices:
            return value
        raise UsageError(
            f"Preprocessing settings: '{where}' must be one of {', '.join(map(repr, choices))}, got {value!r}."
        )
    raise UsageError(f"Preprocessing settings: '{where}' must be {typ.__name__}, got {value!r}.")


_NESTED: dict[str, type[Any]] = {
    "crop": CropSettings,
    "page_detect": PageDetectSettings,
    "rotate": RotateSettings,
    "grayscale": GrayscaleSettings,
    "rescale": RescaleSettings,
    "resolution": ResolutionSettings,
    "denoise": DenoiseSettings,
    "contrast": ContrastSettings,
    "clahe": ClaheSettings,
    "invert": InvertSettings,
    "deskew": DeskewSettings,
    "binarise": BinariseSettings,
    "borders": BordersSettings,
    "morph": MorphSettings,
}

_LITERALS: dict[str, Any] = {
    "Mode": Mode,
    "RescaleMode": RescaleMode,
    "DenoiseMethod": DenoiseMethod,
    "BinariseMethod": BinariseMethod,
    "InvertMode": InvertMode,
    "MorphOp": MorphOp,
    "EstimateDpi": EstimateDpi,
}
_SCALARS: dict[str, Any] = {"bool": bool, "int": int, "float": float}


def _field_types() -> dict[tuple[type[Any], str], Any]:
    out: dict[tuple[type[Any], str], Any] = {}
    classes: list[type[Any]] = [PreprocessSettings, *_NESTED.values()]
    for cls in classes:
        for f in dataclasses.fields(cls):
            t = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
            if t in _SCALARS:
                out[(cls, f.name)] = _SCALARS[t]
            elif t in _LITERALS:
                out[(cls, f.name)] = _LITERALS[t]
    return out


_FIELD_TYPES = _field_types()


# ---------------------------------------------------------------- validation


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise UsageError(f"Preprocessing settings: {message}")


def validate(s: PreprocessSettings) -> None:
    """Raise UsageError when a value is out of range (also run on construction)."""
    c = s.crop
    for name in ("left", "top", "right", "bottom"):
        v = getattr(c, name)
        _check(0.0 <= v < 1.0, f"crop.{name} must be a fraction in [0, 1), got {v}.")
    _check(c.left + c.right < 0.99 and c.top + c.bottom < 0.99, "crop margins leave nothing of the page.")
    _check(0.0 < s.page_detect.min_area <= 1.0, "page_detect.min_area must be in (0, 1].")
    _check(s.rotate.angle in (0, 90, 180, 270), f"rotate.angle must be 0, 90, 180 or 270, got {s.rotate.angle}.")
    r = s.rescale
    _check(20 <= r.target_dpi <= 1200, f"rescale.target_dpi must be within 20-1200, got {r.target_dpi}.")
    _check(4 <= r.target_text_height <= 200, "rescale.target_text_height must be within 4-200 px.")
    _check(0.05 <= r.min_factor <= r.max_factor <= 8.0, "rescale factors must satisfy 0.05 <= min <= max <= 8.")
    _check(20 <= s.resolution.reference_dpi <= 1200, "resolution.reference_dpi must be within 20-1200.")
    _check(4.0 <= s.resolution.reference_text_height <= 200.0, "resolution.reference_text_height must be 4-200 px.")
    _check(0.0 < s.denoise.strength <= 50.0, "denoise.strength must be within (0, 50].")
    _check(-255.0 <= s.contrast.brightness <= 255.0, "contrast.brightness must be within -255..255.")
    _check(0.0 < s.contrast.contrast <= 10.0, "contrast.contrast must be within (0, 10].")
    _check(0.0 < s.clahe.clip_limit <= 40.0, "clahe.clip_limit must be within (0, 40].")
    _check(1 <= s.clahe.grid <= 64, "clahe.grid must be within 1-64.")
    _check(0.0 < s.deskew.max_angle <= 45.0, "deskew.max_angle must be within (0, 45].")
    _check(-45.0 <= s.deskew.angle <= 45.0, "deskew.angle must be within -45..45 degrees.")
    b = s.binarise
    _check(3 <= b.block_size <= 1001, "binarise.block_size must be within 3-1001 px.")
    _check(3 <= b.window <= 1001, "binarise.window must be within 3-1001 px.")
    _check(-100.0 <= b.c <= 100.0, "binarise.c must be within -100..100.")
    _check(0.0 <= b.k <= 1.0, "binarise.k must be within 0-1.")
    _check(0 <= b.level <= 255, "binarise.level must be within 0-255.")
    _check(0.0 < s.borders.max_width <= 0.5, "borders.max_width must be within (0, 0.5].")
    _check(1 <= s.morph.size <= 15, "morph.size must be within 1-15 px.")

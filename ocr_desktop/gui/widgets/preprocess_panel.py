"""Preprocessing controls: presets, Auto, every operation of the core pipeline, Reset, Apply.

The panel is built from the core's settings dataclasses (so an operation added there shows up
here), with slider ranges from the table below. Every change restarts a short debounce timer;
when it fires, ``settings_changed`` carries a validated ``PreprocessSettings``. The window
turns that into a preview request for the preview worker.
"""

from __future__ import annotations

import dataclasses
import logging
import typing
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

DEBOUNCE_MS = 100
CUSTOM = "custom"

#: (minimum, maximum, step, decimals) of numeric fields, by "section.field"
RANGES: dict[str, tuple[float, float, float, int]] = {
    "crop.left": (0.0, 0.45, 0.01, 2),
    "crop.top": (0.0, 0.45, 0.01, 2),
    "crop.right": (0.0, 0.45, 0.01, 2),
    "crop.bottom": (0.0, 0.45, 0.01, 2),
    "page_detect.min_area": (0.05, 1.0, 0.05, 2),
    "rotate.min_confidence": (0.0, 20.0, 0.5, 1),
    "rescale.target_dpi": (100, 600, 10, 0),
    "rescale.target_text_height": (8, 80, 1, 0),
    "rescale.min_factor": (0.1, 1.0, 0.05, 2),
    "rescale.max_factor": (1.0, 8.0, 0.25, 2),
    "resolution.reference_dpi": (100, 600, 10, 0),
    "resolution.reference_text_height": (8.0, 80.0, 1.0, 0),
    "denoise.strength": (1.0, 31.0, 1.0, 0),
    "contrast.brightness": (-100.0, 100.0, 1.0, 0),
    "contrast.contrast": (0.2, 3.0, 0.05, 2),
    "clahe.clip_limit": (0.5, 10.0, 0.1, 1),
    "clahe.grid": (2, 32, 1, 0),
    "deskew.angle": (-15.0, 15.0, 0.1, 1),
    "deskew.max_angle": (1.0, 45.0, 1.0, 0),
    "binarise.block_size": (3, 151, 2, 0),
    "binarise.c": (-40.0, 40.0, 1.0, 0),
    "binarise.window": (3, 151, 2, 0),
    "binarise.k": (0.01, 0.8, 0.01, 2),
    "binarise.level": (0, 255, 1, 0),
    "borders.max_width": (0.01, 0.4, 0.01, 2),
    "morph.size": (1, 15, 1, 0),
}

SECTION_TITLES = {
    "crop": "Crop",
    "page_detect": "Find the page (photos)",
    "rotate": "Rotate (quarter turns)",
    "grayscale": "Grey",
    "rescale": "Rescale",
    "resolution": "Resolution told to Tesseract",
    "denoise": "Remove noise",
    "contrast": "Brightness / contrast",
    "clahe": "Even out lighting (CLAHE)",
    "invert": "Invert (light text on dark)",
    "deskew": "Straighten (deskew)",
    "binarise": "Black and white (threshold)",
    "borders": "Remove dark borders",
    "morph": "Bolder / thinner strokes",
}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


class SliderSpin(QWidget):
    """A slider and a spin box showing the same number; ``valueChanged`` while dragging."""

    def __init__(self, lo: float, hi: float, step: float, decimals: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lo, self._step = lo, step
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, round((hi - lo) / step))
        self.spin = QDoubleSpinBox(self)
        self.spin.setRange(lo, hi)
        self.spin.setSingleStep(step)
        self.spin.setDecimals(decimals)
        self.spin.setKeyboardTracking(False)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.spin)
        self.slider.valueChanged.connect(lambda v: self.spin.setValue(self._lo + v * self._step))
        self.spin.valueChanged.connect(self._on_spin_value_changed)
        self.valueChanged = self.spin.valueChanged

    def _on_spin_value_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round((value - self._lo) / self._step))
        self.slider.blockSignals(False)

    def value(self) -> float:
        return self.spin.value()

    def setValue(self, value: float) -> None:
        self.spin.setValue(float(value))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.slider.setAccessibleName(f"{name} slider")
        self.spin.setAccessibleName(name)

    def setToolTip(self, tip: str) -> None:
        super().setToolTip(tip)
        self.slider.setToolTip(tip)
        self.spin.setToolTip(tip)


#: the widgets that edit one field ("enabled" is the section's checkable group box)
Editor = QGroupBox | QComboBox | QCheckBox | SliderSpin


class PreprocessPanel(QWidget):
    """Emits ``settings_changed`` (debounced) and ``apply_requested("page" | "all")``."""

    settings_changed = Signal(object)  # PreprocessSettings
    apply_requested = Signal(str)
    show_processed_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ocr_desktop.core.preprocess import PRESET_DISPLAY_NAMES, PRESETS, PreprocessSettings

        self._presets = PRESETS
        self._settings_cls = PreprocessSettings
        self._settings: Any = PRESETS["auto"]
        self._loading = False
        self._editors: dict[str, tuple[Editor, Any]] = {}  # "section.field" -> (widget, python type)
        self._groups: dict[str, QGroupBox] = {}
        self.previews_shown = 0  # counted by the window when a preview arrives (benchmarks, tests)
        self._preview_ready = False

        self.setAccessibleName("Preprocessing")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_settings)

        self.preset_combo = QComboBox(self)
        self.preset_combo.setAccessibleName("Preprocessing preset")
        self.preset_combo.setToolTip("Auto measures each page and chooses; presets suit typical sources")
        for key, name in PRESET_DISPLAY_NAMES.items():
            self.preset_combo.addItem(name, key)
        self.preset_combo.addItem("Custom", CUSTOM)
        self.preset_combo.activated.connect(self._on_preset_combo_activated)

        self.show_processed = QCheckBox("Show what Tesseract sees", self)
        self.show_processed.setToolTip("Toggle between the original page and the preprocessed preview (Ctrl+P)")
        self.show_processed.setAccessibleName("Show processed image")
        self.show_processed.toggled.connect(self.show_processed_toggled)

        self.notes_label = QLabel("", self)
        self.notes_label.setWordWrap(True)
        self.notes_label.setAccessibleName("What preprocessing did")
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel("", self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        self.reset_button = QPushButton("Reset", self)
        self.reset_button.setToolTip("Back to Auto")
        self.reset_button.setAccessibleName("Reset preprocessing")
        self.reset_button.clicked.connect(self.reset)
        self.apply_page_button = QPushButton("Apply to this page", self)
        self.apply_page_button.setToolTip("Use these settings for this page and recognise it again")
        self.apply_page_button.setAccessibleName("Apply to this page")
        self.apply_page_button.clicked.connect(lambda: self.apply_requested.emit("page"))
        self.apply_all_button = QPushButton("Apply to all pages", self)
        self.apply_all_button.setToolTip("Use these settings for every page and recognise them again")
        self.apply_all_button.setAccessibleName("Apply to all pages")
        self.apply_all_button.clicked.connect(lambda: self.apply_requested.emit("all"))

        ops = QWidget(self)
        ops_layout = QVBoxLayout(ops)
        ops_layout.setContentsMargins(0, 0, 0, 0)
        for f in dataclasses.fields(PreprocessSettings):
            if f.name == "mode":
                continue
            ops_layout.addWidget(self._build_section(f.name, f.type))
        ops_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(ops)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        top = QFormLayout()
        top.addRow("Preset:", self.preset_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.apply_page_button)
        buttons.addWidget(self.apply_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.show_processed)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.set_settings(self._settings, emit=False)

    # ---- building ------------------------------------------------------------------------

    def _build_section(self, section: str, section_type: Any) -> QGroupBox:
        cls = self._resolve(section_type)
        box = QGroupBox(SECTION_TITLES.get(section, _label(section)), self)
        box.setAccessibleName(SECTION_TITLES.get(section, _label(section)))
        doc = (cls.__doc__ or "").strip()
        if doc and not doc.startswith(cls.__name__ + "("):
            box.setToolTip(" ".join(doc.split()))
        form = QFormLayout(box)
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            key = f"{section}.{f.name}"
            typ = hints.get(f.name, type(f.default))
            if f.name == "enabled":
                box.setCheckable(True)
                box.toggled.connect(self._on_control_changed)
                self._editors[key] = (box, bool)
                continue
            editor = self._make_editor(key, typ)
            editor.setAccessibleName(f"{SECTION_TITLES.get(section, section)}: {_label(f.name)}")
            if not editor.toolTip():
                editor.setToolTip(f"{_label(f.name)} ({key})")
            form.addRow(_label(f.name), editor)
        if form.rowCount() == 0:
            box.setFlat(True)  # an on/off step with nothing to tune: no empty frame under its title
        self._groups[section] = box
        return box

    @staticmethod
    def _resolve(section_type: Any) -> Any:
        if isinstance(section_type, str):
            import ocr_desktop.core.preprocess.settings as mod

            return getattr(mod, section_type)
        return section_type

    def _make_editor(self, key: str, typ: Any) -> QComboBox | QCheckBox | SliderSpin:
        choices = typing.get_args(typ) if typing.get_origin(typ) is typing.Literal else ()
        if key == "rotate.angle":
            choices = (0, 90, 180, 270)
        if choices:
            combo = QComboBox(self)
            for c in choices:
                combo.addItem(str(c).replace("_", " "), c)
            combo.currentIndexChanged.connect(self._on_control_changed)
            self._editors[key] = (combo, "choice")
            return combo
        if typ is bool:
            check = QCheckBox(self)
            check.toggled.connect(self._on_control_changed)
            self._editors[key] = (check, bool)
            return check
        lo, hi, step, decimals = RANGES.get(key, (0.0, 100.0, 1.0 if typ is int else 0.1, 0 if typ is int else 2))
        editor = SliderSpin(lo, hi, step, decimals, self)
        editor.valueChanged.connect(self._on_control_changed)
        self._editors[key] = (editor, int if typ is int else float)
        return editor

    # ---- settings <-> controls -------------------------------------------------------------

    def settings(self) -> Any:
        return self._settings

    def set_settings(self, settings: Any, *, emit: bool = True) -> None:
        self._settings = settings
        self._loading = True
        try:
            data = settings.to_dict()
            for key, (widget, _kind) in self._editors.items():
                section, name = key.split(".")
                value = data.get(section, {}).get(name)
                if value is None:
                    continue
                if isinstance(widget, (QGroupBox, QCheckBox)):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value)))
                else:
                    widget.setValue(value)
            self._select_preset_for(settings)
            manual = settings.mode == "manual"
            for box in self._groups.values():
                box.setEnabled(True)
                box.setProperty("dimmed", not manual)
        finally:
            self._loading = False
        self.error_label.hide()
        if emit:
            self._debounce.start()

    def _select_preset_for(self, settings: Any) -> None:
        for key, preset in self._presets.items():
            if preset == settings:
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(key))
                return
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))

    def preset_key(self) -> str:
        return str(self.preset_combo.currentData())

    def _controls_to_settings(self) -> Any:
        data: dict[str, Any] = {"mode": "manual"}
        for key, (widget, kind) in self._editors.items():
            section, name = key.split(".")
            if isinstance(widget, (QGroupBox, QCheckBox)):
                value: Any = widget.isChecked()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            elif kind is int:
                value = round(widget.value())
            else:
                value = float(widget.value())
            data.setdefault(section, {})[name] = value
        return self._settings_cls.from_dict(data)

    def _on_control_changed(self, *_args: Any) -> None:
        if self._loading:
            return
        from ocr_desktop.core.errors import OcrDesktopError

        try:
            settings = self._controls_to_settings()
        except OcrDesktopError as exc:
            self.error_label.setText(exc.user_message)
            self.error_label.show()
            return
        self.error_label.hide()
        self._settings = settings
        self._select_preset_for(settings)
        self._debounce.start()  # restart: only the last change of a drag is computed

    def _on_preset_combo_activated(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key in self._presets:
            self.set_settings(self._presets[key])

    def set_preset(self, key: str) -> None:
        if key in self._presets:
            self.set_settings(self._presets[key])

    def reset(self) -> None:
        self.set_settings(self._presets["auto"])

    def _emit_settings(self) -> None:
        self.settings_changed.emit(self._settings)

    def flush(self) -> None:
        """Emit a pending change now (tests, Apply)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit_settings()

    # ---- feedback from the window ---------------------------------------------------------

    def set_notes(self, notes: tuple[str, ...], *, auto: bool) -> None:
        if not notes:
            self.notes_label.setText("")
            return
        head = "Auto chose: " if auto else "Applied: "
        self.notes_label.setText(head + "; ".join(notes))

    def set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def set_preview_source_ready(self, ready: bool) -> None:
        self._preview_ready = ready

    def preview_source_ready(self) -> bool:
        return self._preview_ready

    def benchmark_slider(self) -> QSlider:
        """The slider a benchmark drags: contrast, with its section enabled (mode manual)."""
        self._groups["contrast"].setChecked(True)
        widget, _kind = self._editors["contrast.contrast"]
        assert isinstance(widget, SliderSpin)
        return widget.slider

    def editor(self, key: str) -> QWidget:
        return self._editors[key][0]

    def group(self, section: str) -> QGroupBox:
        return self._groups[section]

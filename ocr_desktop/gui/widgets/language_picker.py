"""Choose the OCR language(s) among those Tesseract has installed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

LANGUAGE_NAMES = {
    "eng": "English", "fra": "French", "deu": "German", "spa": "Spanish", "ita": "Italian",
    "por": "Portuguese", "nld": "Dutch", "pol": "Polish", "rus": "Russian", "ukr": "Ukrainian",
    "chi_sim": "Chinese (simplified)", "chi_tra": "Chinese (traditional)", "jpn": "Japanese",
    "kor": "Korean", "ara": "Arabic", "hin": "Hindi", "tur": "Turkish", "swe": "Swedish",
    "dan": "Danish", "nor": "Norwegian", "fin": "Finnish", "ces": "Czech", "ell": "Greek",
    "heb": "Hebrew", "hun": "Hungarian", "ron": "Romanian", "vie": "Vietnamese", "tha": "Thai",
}
SEVERAL = "__several__"


def language_label(code: str) -> str:
    parts = code.split("+")
    return " + ".join(LANGUAGE_NAMES.get(p, p) for p in parts) + f"  [{code}]"


class MultiLanguageDialog(QDialog):
    def __init__(self, languages: Sequence[str], selected: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("OCR languages")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Tick every language that appears on the pages (fewer is faster and more accurate):"))
        self.list = QListWidget(self)
        self.list.setAccessibleName("Languages")
        for code in languages:
            item = QListWidgetItem(language_label(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in selected else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def selected(self) -> list[str]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out


class LanguagePicker(QComboBox):
    """A combo of installed languages, plus "Several languages…" for combinations."""

    language_changed = Signal(str)  # e.g. "eng" or "eng+fra"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._installed: tuple[str, ...] = ()
        self._code = "eng"
        self.setAccessibleName("OCR language")
        self.setToolTip("Language(s) of the text on the page; only languages Tesseract has installed are listed.")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(self._on_activated)
        self._rebuild()

    def installed(self) -> tuple[str, ...]:
        return self._installed

    def set_installed(self, languages: Sequence[str]) -> None:
        self._installed = tuple(languages)
        if any(p not in self._installed for p in self._code.split("+")) and self._installed:
            self._code = "eng" if "eng" in self._installed else self._installed[0]
            self._rebuild()
            self.language_changed.emit(self._code)
        else:
            self._rebuild()

    def code(self) -> str:
        return self._code

    def set_code(self, code: str, *, emit: bool = True) -> None:
        if not code:
            return
        changed = code != self._code
        self._code = code
        self._rebuild()
        if changed and emit:
            self.language_changed.emit(code)

    def _rebuild(self) -> None:
        self.blockSignals(True)
        self.clear()
        codes = list(self._installed) or [self._code]
        if self._code not in codes:
            codes.append(self._code)
        for code in codes:
            self.addItem(language_label(code), code)
        if len(self._installed) > 1:
            self.insertSeparator(self.count())
            self.addItem("Several languages…", SEVERAL)
        self.setCurrentIndex(max(0, self.findData(self._code)))
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        code = self.itemData(index)
        if code == SEVERAL:
            dialog = MultiLanguageDialog(self._installed, self._code.split("+"), self)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selected():
                self.set_code("+".join(dialog.selected()))
            else:
                self._rebuild()
            return
        self.set_code(code)

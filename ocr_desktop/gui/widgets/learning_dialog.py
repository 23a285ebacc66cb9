"""What the corrector has learned from this user: dictionary words, protected tokens, pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

COLUMNS = ("Kind", "Text", "Replacement", "Accepted", "Rejected", "Always")
KIND_NAMES = {"word": "dictionary word", "never-change": "never change", "pair": "learned pair"}


class LearningDialog(QDialog):
    """Lists ``UserModel.list()``; add / remove / reset / import / export. Emits ``model_changed``."""

    model_changed = Signal()

    def __init__(self, model: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle("What OCR Desktop has learned")
        self.resize(640, 420)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Learned words and pairs")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)

        def button(text: str, tip: str, slot: Any) -> QPushButton:
            b = QPushButton(text, self)
            b.setToolTip(tip)
            b.setAccessibleName(text.replace("…", ""))
            b.clicked.connect(slot)
            return b

        self.add_button = button("Add word…", "Add a word the corrector must accept as correct", self.add_word)
        self.protect_button = button("Never change…", "A token the corrector must leave exactly as read",
                                     self.add_never_change)
        self.remove_button = button("Remove", "Forget the selected words and the pairs starting from them",
                                    self.remove_selected)
        self.reset_button = button("Reset…", "Forget everything learned", self.reset)
        self.import_button = button("Import…", "Merge a file exported from OCR Desktop", self.import_file)
        self.export_button = button("Export…", "Save what was learned to a file", self.export_file)
        close = button("Close", "Close this window", self.accept)

        row = QHBoxLayout()
        for b in (self.add_button, self.protect_button, self.remove_button, self.reset_button, self.import_button,
                  self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Accepting, rejecting and editing corrections teaches the corrector. "
            "Pairs rejected more often than accepted are no longer proposed."
        ))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        rows = self.model.list()
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            values = [KIND_NAMES.get(e.kind, e.kind), e.text, e.after]
            if e.kind == "pair":
                values += [str(e.accepted), str(e.rejected), "yes" if e.always else ""]
            else:
                values += ["", "", ""]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, e.text)
                self.table.setItem(r, c, item)
        words = sum(1 for e in rows if e.kind == "word")
        pairs = sum(1 for e in rows if e.kind == "pair")
        never = sum(1 for e in rows if e.kind == "never-change")
        self.summary.setText(f"{words} word{'s' if words != 1 else ''}, "
                             f"{pairs} learned pair{'s' if pairs != 1 else ''}, {never} never changed")

    def _changed(self) -> None:
        self.refresh()
        self.model_changed.emit()

    def _error(self, exc: Exception) -> None:
        QMessageBox.warning(self, "OCR Desktop", getattr(exc, "user_message", str(exc)))

    def add_word(self, word: str | None = None) -> None:
        if not isinstance(word, str):
            word, ok = QInputDialog.getText(self, "Add word", "Word:")
            if not ok:
                return
        try:
            self.model.add_word(word)
        except Exception as exc:
            self._error(exc)
            return
        self._changed()

    def add_never_change(self, token: str | None = None) -> None:
        if not isinstance(token, str):
            token, ok = QInputDialog.getText(self, "Never change", "Token to leave as read:")
            if not ok:
                return
        try:
            self.model.add_never_change(token)
        except Exception as exc:
            self._error(exc)
            return
        self._changed()

    def selected_texts(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        items = (self.table.item(r, 1) for r in rows)
        return [item.text() for item in items if item is not None]

    def remove_selected(self) -> None:
        texts = self.selected_texts()
        for t in texts:
            self.model.remove_word(t)
        if texts:
            self._changed()

    def reset(self, *, confirm: bool = True) -> None:
        if confirm:
            answer = QMessageBox.question(self, "Reset", "Forget every learned word and pair?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.reset()
        self._changed()

    def import_file(self, path: str | Path | None = None) -> None:
        if not isinstance(path, (str, Path)):
            path, _ = QFileDialog.getOpenFileName(self, "Import", "", "JSON (*.json)")
            if not path:
                return
        try:
            self.model.import_(Path(path))
        except Exception as exc:
            self._error(exc)
            return
        self._changed()

    def export_file(self, path: str | Path | None = None) -> None:
        if not isinstance(path, (str, Path)):
            path, _ = QFileDialog.getSaveFileName(self, "Export", "ocr-desktop-learned.json", "JSON (*.json)")
            if not path:
                return
        try:
            self.model.export(Path(path))
        except Exception as exc:
            self._error(exc)

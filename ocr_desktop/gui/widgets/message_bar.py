"""An in-window message strip (errors and notices), instead of modal dialogs."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class MessageBar(QWidget):
    COLOURS: ClassVar[dict[str, tuple[str, str]]] = {
        "error": ("#fde2e1", "#8a1c17"),
        "warning": ("#fff4ce", "#6b4d00"),
        "info": ("#e4efff", "#1d3f73"),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss the message")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.messages: list[tuple[str, str]] = []  # (level, text): history, for tests and the log
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        self.messages.append((level, text))
        bg, fg = self.COLOURS.get(level, self.COLOURS["info"])
        self.setStyleSheet(f"#messageBar {{ background: {bg}; }} QLabel {{ color: {fg}; }}")
        current = self.label.text() if self.isVisible() else ""
        shown = current.split("\n") if current else []
        if text in shown:
            shown.remove(text)  # the same message again moves to the bottom instead of repeating
        lines = [*shown[-4:], text]
        self.label.setText("\n".join(lines))
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

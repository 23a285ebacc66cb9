"""Thumbnails of every open page with its OCR status; accepts dropped files and folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

STATUS_TEXT = {
    "new": "not recognised",
    "queued": "queued…",
    "running": "recognising…",
    "done": "done",
    "cached": "done",
    "failed": "failed",
    "cancelled": "cancelled",
}

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def dropped_paths(mime: QMimeData) -> list[Path]:
    """Local files and folders in a drop or paste (URLs that are not local are ignored)."""
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def _placeholder_icon(size: int = 96) -> QIcon:
    pm = QPixmap(size * 3 // 4, size)
    pm.fill(QColor(235, 235, 235))
    p = QPainter(pm)
    p.setPen(QColor(180, 180, 180))
    p.drawRect(0, 0, pm.width() - 1, pm.height() - 1)
    p.end()
    return QIcon(pm)


class PageList(QListWidget):
    page_selected = Signal(object)  # page key
    files_dropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(QSize(72, 96))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAccessibleName("Pages")
        self.setToolTip("Open pages. Drop image files, PDFs or folders here.")
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self._items: dict[object, QListWidgetItem] = {}
        self._labels: dict[object, str] = {}
        self._placeholder = _placeholder_icon()
        self.currentItemChanged.connect(self._on_current_item_changed)

    def add_page(self, key: object, label: str) -> None:
        item = QListWidgetItem(self._placeholder, "")
        item.setData(KEY_ROLE, key)
        self._items[key] = item
        self._labels[key] = label
        self.addItem(item)
        self.set_status(key, "new")

    def remove_page(self, key: object) -> None:
        item = self._items.pop(key, None)
        self._labels.pop(key, None)
        if item is not None:
            self.takeItem(self.row(item))

    def keys(self) -> list[object]:
        return [self.item(i).data(KEY_ROLE) for i in range(self.count())]

    def set_status(self, key: object, status: str, detail: str = "") -> None:
        item = self._items.get(key)
        if item is None:
            return
        text = STATUS_TEXT.get(status, status)
        if detail:
            text = f"{text} · {detail}"
        item.setText(f"{self._labels[key]}\n{text}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{self._labels[key]}, {text}")
        colours = {"failed": QColor(200, 30, 30), "running": QColor(20, 90, 200)}
        if status in colours:
            item.setForeground(colours[status])
        else:
            item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def status_text(self, key: object) -> str:
        item = self._items.get(key)
        return item.text() if item else ""

    def set_thumbnail(self, key: object, image: QImage) -> None:
        item = self._items.get(key)
        if item is not None and not image.isNull():
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    def select_key(self, key: object) -> None:
        item = self._items.get(key)
        if item is not None:
            self.setCurrentItem(item)

    def current_key(self) -> object | None:
        item = self.currentItem()
        return item.data(KEY_ROLE) if item else None

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.page_selected.emit(current.data(KEY_ROLE))

    # ---- drops ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()

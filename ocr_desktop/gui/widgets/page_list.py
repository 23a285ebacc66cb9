"""Thumbnails of every open page with its OCR status; accepts dropped files and folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QIcon,
    QImage,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

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
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the page's name
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # its OCR status line
THUMB_SIZE = QSize(48, 64)


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


class PageDelegate(QStyledItemDelegate):
    """Thumbnail, then the page name (elided in the middle, so the extension and page number
    stay) over its status line (elided at the end): both always fit the list's width."""

    MARGIN = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = option.fontMetrics.height()
        return QSize(THUMB_SIZE.width() + 60, max(THUMB_SIZE.height(), 2 * line + 4) + 2 * self.MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # background and selection only; the text and icon are drawn below
        opt.text = ""
        opt.icon = QIcon()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon):
            icon.paint(painter, QRect(rect.left(), rect.top(), THUMB_SIZE.width(), THUMB_SIZE.height()))
        text_left = rect.left() + THUMB_SIZE.width() + 6
        width = max(10, rect.right() - text_left)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        colour = palette.highlightedText().color() if selected else palette.text().color()
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        status_colour = colour if selected or fg is None else QBrush(fg).color()
        fm = option.fontMetrics
        line = fm.height()
        top = rect.top() + max(0, (rect.height() - 2 * line) // 2)
        painter.save()
        font = option.font
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colour)
        name = str(index.data(LABEL_ROLE) or "")
        painter.drawText(QRect(text_left, top, width, line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideMiddle, width))
        painter.setFont(font)
        painter.setPen(status_colour)
        status = str(index.data(STATUS_ROLE) or "")
        painter.drawText(QRect(text_left, top + line, width, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(status, Qt.TextElideMode.ElideRight, width))
        painter.restore()


class PageList(QListWidget):
    page_selected = Signal(object)  # page key
    files_dropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIconSize(THUMB_SIZE)
        self.setItemDelegate(PageDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAccessibleName("Pages")
        self.setToolTip("Open pages. Drop image files, PDFs or folders here.")
        self.setUniformItemSizes(True)
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
        label = self._labels[key]
        item.setText(f"{label}\n{text}")  # what tests and accessibility read; the delegate draws the roles
        item.setData(LABEL_ROLE, label)
        item.setData(STATUS_ROLE, text)
        item.setToolTip(f"{label}\n{text}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {text}")
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

"""Zoomable, pannable page view with optional word boxes coloured by confidence."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ocr_desktop.core.models import Word

MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


def confidence_colour(conf: float) -> QColor:
    """Red below 60, amber below 85, green above (the colours of the legend)."""
    if conf < 60:
        return QColor(220, 40, 40)
    if conf < 85:
        return QColor(230, 150, 0)
    return QColor(30, 160, 60)


class ImageItem(QGraphicsItem):
    """Draws a QImage directly (no QPixmap conversion on the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self._image = QImage()
        self._scale = 1.0  # scene units per image pixel (a preview image is smaller than the page)

    def set_image(self, image: QImage, page_size: tuple[int, int] | None = None) -> None:
        self.prepareGeometryChange()
        self._image = image
        if page_size and image.width() > 0:
            self._scale = page_size[0] / image.width()
        else:
            self._scale = 1.0
        self.update()

    def image(self) -> QImage:
        return self._image

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._image.width() * self._scale, self._image.height() * self._scale)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._image.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(self.boundingRect(), self._image)


class WordBox(QGraphicsRectItem):
    def __init__(self, index: int, word: Word) -> None:
        x, y, w, h = word.bbox
        super().__init__(QRectF(x, y, w, h))
        self.index = index
        self.word = word
        colour = confidence_colour(word.conf)
        self._colour = colour
        self.setToolTip(f"{word.text}  ({word.conf:.0f} % confidence)")
        self.set_selected(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_selected(self, selected: bool) -> None:
        pen = QPen(QColor(20, 90, 255) if selected else self._colour)
        pen.setCosmetic(True)
        pen.setWidthF(3.0 if selected else 1.5)
        self.setPen(pen)
        fill = QColor(20, 90, 255, 60) if selected else QColor(self._colour)
        if not selected:
            fill.setAlpha(35)
        self.setBrush(QBrush(fill))
        self.setZValue(2 if selected else 1)


class ImageView(QGraphicsView):
    """Wheel zooms around the pointer, drag pans; ``fit()`` and ``actual_size()``."""

    zoom_changed = Signal(float)
    word_clicked = Signal(int)  # index into the page's words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = ImageItem()
        self.scene().addItem(self._item)
        self._boxes: list[WordBox] = []
        self._selected: int | None = None
        self._fit_mode = True
        self._boxes_visible = True
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setBackgroundBrush(self.palette().window())
        self.setAccessibleName("Page image")
        self.setToolTip("Wheel: zoom · drag: pan · Ctrl+0: fit · Ctrl+1: 100 %")

    # ---- image ----------------------------------------------------------------------------

    def set_image(self, image: QImage, page_size: tuple[int, int] | None = None, *, keep_view: bool = False) -> None:
        self._item.set_image(image, page_size)
        self.scene().setSceneRect(self._item.boundingRect())
        if not keep_view or self._fit_mode:
            self.fit()

    def clear(self) -> None:
        self.set_words([])
        self._item.set_image(QImage())
        self.scene().setSceneRect(QRectF())

    def has_image(self) -> bool:
        return not self._item.image().isNull()

    def image(self) -> QImage:
        return self._item.image()

    # ---- zoom -----------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        self.resetTransform()
        self.scale(factor, factor)
        self.zoom_changed.emit(factor)

    def fit(self) -> None:
        self._fit_mode = True
        rect = self._item.boundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom_changed.emit(self.zoom())

    def actual_size(self) -> None:
        self._fit_mode = False
        self.set_zoom(1.0)

    def zoom_by(self, step: float) -> None:
        self._fit_mode = False
        self.set_zoom(self.zoom() * step)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.zoom_by(1.25 ** (delta / 120))
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit_mode:
            self.fit()

    # ---- word boxes -----------------------------------------------------------------------

    def set_words(self, words: Sequence[Word]) -> None:
        for box in self._boxes:
            self.scene().removeItem(box)
        self._boxes = []
        self._selected = None
        for i, w in enumerate(words):
            if w.bbox[2] <= 0 or w.bbox[3] <= 0:
                box = WordBox(i, w)
                box.setVisible(False)
            else:
                box = WordBox(i, w)
                box.setVisible(self._boxes_visible)
            self.scene().addItem(box)
            self._boxes.append(box)

    def set_boxes_visible(self, visible: bool) -> None:
        self._boxes_visible = visible
        for box in self._boxes:
            w = box.word
            box.setVisible((visible and w.bbox[2] > 0 and w.bbox[3] > 0) or (box.index == self._selected))

    def boxes_visible(self) -> bool:
        return self._boxes_visible

    def word_count(self) -> int:
        return len(self._boxes)

    def selected_word(self) -> int | None:
        return self._selected

    def select_word(self, index: int | None, *, scroll: bool = True) -> None:
        if self._selected is not None and self._selected < len(self._boxes):
            old = self._boxes[self._selected]
            old.set_selected(False)
            old.setVisible(self._boxes_visible)
        self._selected = index
        if index is None or not 0 <= index < len(self._boxes):
            self._selected = None
            return
        box = self._boxes[index]
        box.set_selected(True)
        box.setVisible(True)
        if scroll:
            self.ensureVisible(box.rect(), 40, 40)

    def word_box_rect(self, index: int) -> QRectF:
        return self._boxes[index].rect()

    def box_at(self, view_pos: QPointF) -> int | None:
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, WordBox) and item.isVisible():
                return item.index
        return None

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.box_at(event.position())
            if hit is not None:
                self.select_word(hit, scroll=False)
                self.word_clicked.emit(hit)
        super().mousePressEvent(event)

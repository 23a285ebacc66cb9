"""Zoomable, pannable page view with optional word boxes coloured by confidence."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from ocr_desktop.core.models import Word
from ocr_desktop.gui.qt_image import DisplayImage

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
        self._keep: object = None  # the DisplayImage whose buffer the QImage points into
        self._scale = 1.0  # scene units per image pixel (a preview image is smaller than the page)

    def set_image(self, image: QImage | DisplayImage, scale: float = 1.0) -> None:
        """``scale``: scene units (source-page pixels) per image pixel; >1 for a preview."""
        self.prepareGeometryChange()
        if isinstance(image, DisplayImage):
            self._keep = image
            image = image.image
        else:
            self._keep = None
        self._image = image
        self._scale = scale if scale > 0 else 1.0
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


class WordOverlay(QGraphicsItem):
    """Every word box of a page in one item: one paint call instead of hundreds of items."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[Word] = []
        self.rects: list[QRectF] = []
        self.selected: int | None = None
        self.show_all = True
        self._bounds = QRectF()
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_words(self, words: Sequence[Word]) -> None:
        self.prepareGeometryChange()
        self.words = list(words)
        self.rects = [QRectF(*w.bbox) for w in self.words]
        self.selected = None
        bounds = QRectF()
        for r in self.rects:
            if r.width() > 0 and r.height() > 0:
                bounds = bounds.united(r)
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def index_at(self, point: QPointF) -> int | None:
        best: tuple[float, int] | None = None
        for i, r in enumerate(self.rects):
            if r.contains(point):
                area = r.width() * r.height()
                if best is None or area < best[0]:
                    best = (area, i)
        return best[1] if best else None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        for i, (w, r) in enumerate(zip(self.words, self.rects, strict=True)):
            if not self.show_all or i == self.selected or r.isEmpty() or not r.intersects(exposed):
                continue
            colour = confidence_colour(w.conf)
            pen = QPen(colour)
            pen.setCosmetic(True)
            pen.setWidthF(1.5)
            painter.setPen(pen)
            fill = QColor(colour)
            fill.setAlpha(35)
            painter.setBrush(QBrush(fill))
            painter.drawRect(r)
        if self.selected is not None and 0 <= self.selected < len(self.rects):
            pen = QPen(QColor(20, 90, 255))
            pen.setCosmetic(True)
            pen.setWidthF(3.0)
            painter.setPen(pen)
            painter.setBrush(QBrush(QColor(20, 90, 255, 60)))
            painter.drawRect(self.rects[self.selected])


class ImageView(QGraphicsView):
    """Wheel zooms around the pointer, drag pans; ``fit()`` and ``actual_size()``."""

    zoom_changed = Signal(float)
    word_clicked = Signal(int)  # index into the page's words

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = ImageItem()
        self.scene().addItem(self._item)
        self._overlay = WordOverlay()
        self.scene().addItem(self._overlay)
        self._fit_mode = True
        self._boxes_visible = True
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setBackgroundBrush(self.palette().window())  # follows the theme: see changeEvent
        self.setAccessibleName("Page image")
        self.setToolTip("Wheel: zoom · drag: pan · Ctrl+0: fit · Ctrl+1: 100 %")

    # ---- image ----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.setBackgroundBrush(self.palette().window())  # a light margin around a dark theme
        super().changeEvent(event)

    def set_image(self, image: QImage | DisplayImage, scale: float = 1.0, *, keep_view: bool = False) -> None:
        self._item.set_image(image, scale)
        self.scene().setSceneRect(self._item.boundingRect())
        if not keep_view or self._fit_mode:
            self.fit()

    def set_overlay_visible(self, visible: bool) -> None:
        """Hide every box (while the processed preview, whose geometry differs, is shown)."""
        self._overlay.setVisible(visible)

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_mode:  # the page follows the view's size until the user zooms
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_mode:
            self.fit()

    def is_fitted(self) -> bool:
        """True while the page is fitted to the view (after load, Fit, a resize), False once zoomed."""
        return self._fit_mode

    # ---- word boxes ---------------------------------------------------------------------

    def set_words(self, words: Sequence[Word]) -> None:
        self._overlay.set_words(words)
        self._overlay.show_all = self._boxes_visible

    def set_boxes_visible(self, visible: bool) -> None:
        """Boxes coloured by confidence; the selected word's box shows even when they are off."""
        self._boxes_visible = visible
        self._overlay.setVisible(True)
        self._overlay.show_all = visible
        self._overlay.update()

    def boxes_visible(self) -> bool:
        return self._boxes_visible

    def word_count(self) -> int:
        return len(self._overlay.words)

    def selected_word(self) -> int | None:
        return self._overlay.selected

    def select_word(self, index: int | None, *, scroll: bool = True) -> None:
        if index is not None and not 0 <= index < len(self._overlay.rects):
            index = None
        self._overlay.selected = index
        self._overlay.update()
        if index is not None and scroll:
            self.ensureVisible(self._overlay.rects[index], 60, 60)

    def word_box_rect(self, index: int) -> QRectF:
        return self._overlay.rects[index]

    def box_at(self, view_pos: QPointF) -> int | None:
        return self._overlay.index_at(self.mapToScene(view_pos.toPoint()))

    def viewportEvent(self, event: QEvent) -> bool:
        # tooltips arrive at the viewport (in its coordinates), not at the view itself
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.box_at(QPointF(event.pos()))
            if hit is not None and self._overlay.isVisible():
                w = self._overlay.words[hit]
                QToolTip.showText(event.globalPos(), f"{w.text}  ({w.conf:.0f} % confidence)", self.viewport())
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.box_at(event.position())
            if hit is not None:
                self.select_word(hit, scroll=False)
                self.word_clicked.emit(hit)
        super().mousePressEvent(event)

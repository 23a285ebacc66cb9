"""Raw text beside the editable final text: word-level changes highlighted, decided one by one.

Left: what Tesseract read (read-only). Right: the final text — the corrector's proposal with
the proofreader's decisions and edits (editable, with undo/redo). Both scroll together.
The bar above them shows the current change with Accept / Reject; keyboard: see Help.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPixmap,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocr_desktop.gui.proofreading import ACCEPTED, PENDING, REJECTED, ProofPage, change_kind

KIND_COLOURS = {
    "replaced": QColor(255, 183, 3, 120),
    "inserted": QColor(46, 170, 70, 120),
    "deleted": QColor(225, 50, 60, 120),
}
ACCEPTED_COLOUR = QColor(46, 170, 70, 150)
REJECTED_COLOUR = QColor(140, 140, 140, 90)
EDITED_COLOUR = QColor(90, 140, 255, 90)
CURRENT_UNDERLINE = QColor(20, 90, 255)
SUSPECT_COLOUR = QColor(200, 0, 200)
WORD_SELECTED = QColor(20, 90, 255, 70)
CROP_HEIGHT, CROP_MAX_WIDTH = 56, 360  # the word image under the texts, at most this big


def _legend_html() -> str:
    def chip(colour: QColor, label: str) -> str:
        return (
            f'<span style="background-color: rgba({colour.red()},{colour.green()},{colour.blue()},'
            f'{colour.alpha() / 255:.2f});">&nbsp;{label}&nbsp;</span>'
        )

    return " ".join(
        [
            chip(KIND_COLOURS["replaced"], "replaced"),
            chip(KIND_COLOURS["inserted"], "inserted"),
            chip(KIND_COLOURS["deleted"], "deleted"),
            chip(ACCEPTED_COLOUR, "accepted"),
            chip(REJECTED_COLOUR, "rejected"),
            f'<span style="text-decoration: underline; color: rgb({SUSPECT_COLOUR.red()},0,'
            f'{SUSPECT_COLOUR.blue()});">suspect</span>',
        ]
    )


class FinalTextEdit(QPlainTextEdit):
    """The editable final text. Pasting an image (no text) is handed to the window; the context
    menu gets the owner's entries for the word under the pointer (suggestions for a suspect)."""

    image_pasted = Signal(QMimeData)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_extender: Callable[[QMenu, int], None] | None = None

    def context_menu_at(self, pos: QPoint) -> QMenu:
        """The menu a right click at ``pos`` (viewport coordinates) opens."""
        menu = self.createStandardContextMenu(pos)
        if self.menu_extender is not None:
            self.menu_extender(menu, self.cursorForPosition(pos).position())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage() and not source.hasText():
            self.image_pasted.emit(source)
            return
        super().insertFromMimeData(source)


#: below this width the raw and final texts are stacked instead of side by side
SIDE_BY_SIDE_MIN_WIDTH = 440


class ProofreadView(QWidget):
    """Shows one ProofPage (or plain raw text while the corrector is unavailable)."""

    current_changed = Signal(int)  # correction index, -1 for none
    raw_position_clicked = Signal(int)  # raw-text offset the user clicked (for word ↔ box)
    copy_final_requested = Signal()  # Ctrl+C with nothing selected
    image_pasted = Signal(QMimeData)
    decision_requested = Signal(int, str)  # correction index, "accept" / "reject" / "accept-kind"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proof: ProofPage | None = None
        #: words a suspect (raw text, start, end) may have been, best first; set by the window
        self.suggest: Callable[[str, int, int], list[str]] | None = None
        #: teach the user's dictionary a word; set by the window
        self.add_word: Callable[[str], None] | None = None
        self.current = -1
        self._syncing = False
        self._selected_word_range: tuple[int, int] | None = None  # raw offsets

        self.raw_edit = QPlainTextEdit(self)
        self.raw_edit.setReadOnly(True)
        self.raw_edit.setObjectName("rawText")
        self.raw_edit.setAccessibleName("Raw OCR text")
        self.raw_edit.setToolTip("What Tesseract read, unchanged. Click a highlighted change to select it.")
        self.raw_edit.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.final_edit = FinalTextEdit(self)
        self.final_edit.setObjectName("finalText")
        self.final_edit.setAccessibleName("Final text")
        self.final_edit.setToolTip(
            "The text you will copy or save: proposed corrections applied until you reject them. Editable."
        )
        # a document owned by this view (QPlainTextEdit deletes the one it made when replaced)
        self._placeholder_doc = QTextDocument(self)
        self._placeholder_doc.setDocumentLayout(QPlainTextDocumentLayout(self._placeholder_doc))
        self.final_edit.setDocument(self._placeholder_doc)
        for edit in (self.raw_edit, self.final_edit):
            font = QFont("DejaVu Sans Mono")
            font.setStyleHint(QFont.StyleHint.Monospace)
            edit.setFont(font)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            edit.installEventFilter(self)
            edit.viewport().installEventFilter(self)
        self.final_edit.image_pasted.connect(self.image_pasted)
        self.final_edit.menu_extender = self._suspect_menu

        raw_box = self._titled("Raw OCR", self.raw_edit)
        final_box = self._titled("Final text (editable)", self.final_edit)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(raw_box)
        self.splitter.addWidget(final_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)  # raw and final get the same width
        self.splitter.setStretchFactor(1, 1)

        # the change bar
        self.change_label = QLabel("No page recognised yet.", self)
        self.change_label.setAccessibleName("Current change")
        self.change_label.setTextFormat(Qt.TextFormat.PlainText)
        # on its own row, wrapped: long descriptions are read in full and never widen the panel
        # (which would squeeze the image view)
        self.change_label.setWordWrap(True)
        self.change_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.prev_button.setToolTip("Previous change (Shift+F8)")
        self.prev_button.setAccessibleName("Previous change")
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next change (F8)")
        self.next_button.setAccessibleName("Next change")
        self.accept_button = QPushButton("Accept", self)
        self.accept_button.setToolTip("Accept this change (Ctrl+Return)")
        self.accept_button.setAccessibleName("Accept change")
        self.reject_button = QPushButton("Reject", self)
        self.reject_button.setToolTip("Reject this change and keep what OCR read (Ctrl+Shift+Return)")
        self.reject_button.setAccessibleName("Reject change")
        self.accept_kind_button = QPushButton("Accept all of this kind", self)
        self.accept_kind_button.setToolTip("Accept every change of this word to this replacement, and remember it")
        self.accept_kind_button.setAccessibleName("Accept all of this kind")
        self.prev_button.clicked.connect(self.previous_change)
        self.next_button.clicked.connect(self.next_change)
        self.accept_button.clicked.connect(lambda: self._request("accept"))
        self.reject_button.clicked.connect(lambda: self._request("reject"))
        self.accept_kind_button.clicked.connect(lambda: self._request("accept-kind"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.reject_button)
        bar.addWidget(self.accept_kind_button)
        bar.addStretch(1)
        self._bar = bar
        # where "Accept all of this kind" goes when the view is too narrow for one row of buttons
        self._second_bar = QHBoxLayout()
        self._second_bar.setContentsMargins(0, 0, 0, 0)
        self._second_bar.addStretch(1)

        self.legend = QLabel(_legend_html(), self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Colour legend")
        # wrapped: the legend must not set the panel's minimum width (it would squeeze the image)
        self.legend.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        # the image of the word being looked at (next suspect / current change), beside the text
        # (a row of its own under the texts, shown while there is a crop; its width never
        # pushes the panel wider)
        self.crop_label = QLabel(self)
        self.crop_label.setAccessibleName("Word image")
        self.crop_label.setToolTip("The part of the page this word was read from")
        self.crop_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.crop_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.crop_label.setFixedHeight(CROP_HEIGHT + 4)
        self.crop_caption = QLabel(self)
        self.crop_caption.setAccessibleName("Word image caption")
        self.crop_caption.setWordWrap(True)
        self.crop_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.crop_row = QWidget(self)
        crop_layout = QHBoxLayout(self.crop_row)
        crop_layout.setContentsMargins(0, 0, 0, 0)
        crop_layout.addWidget(self.crop_caption, 1)
        crop_layout.addWidget(self.crop_label, 2)
        self.crop_row.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(self._second_bar)
        layout.addWidget(self.change_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.crop_row)
        layout.addWidget(self.legend)

        self.raw_edit.verticalScrollBar().valueChanged.connect(
            lambda v: self._sync_scroll(self.raw_edit, self.final_edit)
        )
        self.final_edit.verticalScrollBar().valueChanged.connect(
            lambda v: self._sync_scroll(self.final_edit, self.raw_edit)
        )
        self._update_bar()

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setBuddy(widget)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        lay.addWidget(label)
        lay.addWidget(widget, 1)
        return box

    # ---- content --------------------------------------------------------------------------

    def set_page(self, proof: ProofPage | None, *, placeholder: str = "") -> None:
        if self.proof is not None:
            try:
                self.proof.changed.disconnect(self._on_proof_changed)
            except (RuntimeError, TypeError):
                pass
        self.proof = proof
        self.current = -1
        self._selected_word_range = None
        if proof is None:
            self.raw_edit.setPlainText(placeholder)
            self._placeholder_doc.setPlainText(placeholder)
            self.final_edit.setDocument(self._placeholder_doc)
            self.final_edit.setReadOnly(True)
        else:
            self.raw_edit.setPlainText(proof.raw)
            # a page's document brings its own default font: give it the raw side's monospace one,
            # or the two sides wrap differently and lines no longer face each other
            proof.document.setDefaultFont(self.final_edit.font())
            self.final_edit.setDocument(proof.document)
            self.final_edit.setReadOnly(False)
            proof.changed.connect(self._on_proof_changed)
        self.refresh()
        self.current_changed.emit(self.current)

    def _on_proof_changed(self) -> None:
        self.refresh()

    # ---- suspects -------------------------------------------------------------------------

    def suspect_at(self, final_pos: int) -> int | None:
        """Index of the open suspect whose word (in the final text) holds ``final_pos``."""
        proof = self.proof
        if proof is None:
            return None
        final = proof.final_text()
        for i in range(len(proof.suspects)):
            s, e = proof.suspect_final_range(i)
            if s <= final_pos <= e and proof.suspect_open(i, final):
                return i
        return None

    def _suspect_menu(self, menu: QMenu, final_pos: int) -> None:
        """Suggestions and "add to dictionary" for the suspect under the pointer, above the
        standard entries: a proofreader fixes a flagged word without retyping it."""
        proof = self.proof
        index = self.suspect_at(final_pos)
        if proof is None or index is None:
            return
        suspect = proof.suspects[index]
        start, end = proof.suspect_final_range(index)
        word = proof.final_text()[start:end]
        first = menu.actions()[0] if menu.actions() else None
        entries: list[QAction] = []
        if self.suggest is not None:
            try:
                options = self.suggest(proof.raw, suspect.start, suspect.end)
            except Exception:  # a menu must open even if the corrector cannot answer
                options = []
            for option in options:
                act = QAction(f"Replace with “{option}”", menu)
                act.triggered.connect(lambda _=False, pr=proof, i=index, o=option: self.replace_suspect(i, o, pr))
                entries.append(act)
            if not options:
                none = QAction("No suggestions", menu)
                none.setEnabled(False)
                entries.append(none)
        if self.add_word is not None and word.strip():
            learn = QAction(f"Add “{word}” to my dictionary", menu)
            learn.triggered.connect(lambda _=False, w=word: self._add_word(w))
            entries.append(learn)
        for act in entries:
            menu.insertAction(first, act)  # type: ignore[arg-type]
        if entries and first is not None:
            menu.insertSeparator(first)

    def open_suspect_menu(self, index: int) -> QMenu | None:
        """Open the context menu of suspect ``index`` beside its word (the keyboard's way to it)."""
        proof = self.proof
        if proof is None or not 0 <= index < len(proof.suspects):
            return None
        start, _ = proof.suspect_final_range(index)
        cur = QTextCursor(self.final_edit.document())
        cur.setPosition(start)
        self.final_edit.setTextCursor(cur)
        self.final_edit.setFocus()
        rect = self.final_edit.cursorRect(cur)
        menu = self.final_edit.context_menu_at(rect.center())
        menu.popup(self.final_edit.viewport().mapToGlobal(rect.bottomLeft()))
        menu.aboutToHide.connect(menu.deleteLater)
        return menu

    def replace_suspect(self, index: int, text: str, proof: ProofPage | None = None) -> None:
        """Put ``text`` in place of suspect ``index`` in the final text (an edit the user can undo).
        ``proof``: the page the menu was opened on; nothing happens if another one is shown now or
        the word was changed meanwhile."""
        if proof is None:
            proof = self.proof
        if proof is None or proof is not self.proof or not 0 <= index < len(proof.suspects):
            return
        if not proof.suspect_open(index):
            return
        start, end = proof.suspect_final_range(index)
        cur = QTextCursor(proof.document)
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cur.insertText(text)

    def _add_word(self, word: str) -> None:
        if self.add_word is not None:
            self.add_word(word)

    def refresh(self) -> None:
        self._highlight()
        self._update_bar()

    def final_text(self) -> str:
        return self.proof.final_text() if self.proof else ""

    # ---- highlighting ---------------------------------------------------------------------

    @staticmethod
    def _selection(edit: QPlainTextEdit, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        doc_len = max(0, edit.document().characterCount() - 1)
        if start == end:  # zero-length change: mark the neighbouring character
            if start < doc_len:
                end = start + 1
            elif start > 0:
                start -= 1
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(edit.document())
        cur.setPosition(min(start, doc_len))
        cur.setPosition(min(end, doc_len), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        sel.format = fmt
        return sel

    def _highlight(self) -> None:
        proof = self.proof
        if proof is None:
            self.raw_edit.setExtraSelections([])
            self.final_edit.setExtraSelections([])
            return
        raw_sel: list[QTextEdit.ExtraSelection] = []
        final_sel: list[QTextEdit.ExtraSelection] = []
        for i, c in enumerate(proof.corrections):
            kind = change_kind(c)
            status = proof.status[i]
            raw_fmt = QTextCharFormat()
            raw_fmt.setBackground(KIND_COLOURS[kind] if status != REJECTED else REJECTED_COLOUR)
            if kind in ("replaced", "deleted") and status != REJECTED:
                raw_fmt.setFontStrikeOut(True)
            raw_fmt.setToolTip(self._describe(i))
            fin_fmt = QTextCharFormat()
            if proof.edited[i]:
                fin_fmt.setBackground(EDITED_COLOUR)
            elif status == ACCEPTED:
                fin_fmt.setBackground(ACCEPTED_COLOUR)
            elif status == REJECTED:
                fin_fmt.setBackground(REJECTED_COLOUR)
            else:
                fin_fmt.setBackground(KIND_COLOURS[kind])
            fin_fmt.setToolTip(self._describe(i))
            if i == self.current:
                for f in (raw_fmt, fin_fmt):
                    f.setFontUnderline(True)
                    f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    f.setUnderlineColor(CURRENT_UNDERLINE)
                    f.setFontWeight(QFont.Weight.Bold)
            raw_sel.append(self._selection(self.raw_edit, c.start, c.end, raw_fmt))
            fs, fe = proof.final_range(i)
            final_sel.append(self._selection(self.final_edit, fs, fe, fin_fmt))
        final = proof.final_text() if proof.suspects else ""
        for i, s in enumerate(proof.suspects):
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(SUSPECT_COLOUR)
            fmt.setToolTip(f"Suspect: {s.word!r} ({s.reason.replace('-', ' ')}); right-click for suggestions")
            raw_sel.append(self._selection(self.raw_edit, s.start, s.end, fmt))
            fs, fe = proof.suspect_final_range(i)
            if proof.suspect_open(i, final):  # one the proofreader replaced is settled
                final_sel.append(self._selection(self.final_edit, fs, fe, fmt))
        if self._selected_word_range is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(WORD_SELECTED)
            a, b = self._selected_word_range
            raw_sel.append(self._selection(self.raw_edit, a, b, fmt))
            fa, fb = proof.raw_to_final_range(a, b)
            final_sel.append(self._selection(self.final_edit, fa, fb, fmt))
        self.raw_edit.setExtraSelections(raw_sel)
        self.final_edit.setExtraSelections(final_sel)

    def _describe(self, index: int) -> str:
        assert self.proof is not None
        c = self.proof.corrections[index]
        status = self.proof.status[index]
        if self.proof.edited[index]:
            status += ", edited by hand"
        if not c.after.strip():
            what = f"remove {c.before!r}"
        elif not c.before.strip():
            what = f"insert {c.after!r}"
        else:
            what = f"{c.before!r} → {c.after!r}"
        return f"{what} · {c.reason.replace('-', ' ')} · {c.score:.0%} · {status}"

    def _update_bar(self) -> None:
        proof = self.proof
        n = len(proof.corrections) if proof else 0
        has = proof is not None and 0 <= self.current < n
        for b in (self.accept_button, self.reject_button, self.accept_kind_button):
            b.setEnabled(has)
        self.prev_button.setEnabled(n > 0)
        self.next_button.setEnabled(n > 0)
        if proof is None:
            if not self.change_label.text() or self.current == -1:
                self.change_label.setText("No corrections to review.")
            return
        counts = proof.counts()
        summary = (
            f"{n} change{'s' if n != 1 else ''}: {counts[PENDING]} pending, "
            f"{counts[ACCEPTED]} accepted, {counts[REJECTED]} rejected"
        )
        if has:
            self.change_label.setText(f"Change {self.current + 1} of {n}: {self._describe(self.current)}")
        elif n:
            self.change_label.setText(f"{summary}. Press F8 for the next change.")
        else:
            self.change_label.setText("No corrections proposed for this page.")
        self.change_label.setToolTip(summary)

    def set_crop(self, image: QImage | None, caption: str = "") -> None:
        if image is None or image.isNull():
            self.crop_label.clear()
            self.crop_caption.setText("")
            self.crop_row.hide()
            return
        pm = QPixmap.fromImage(image)
        if pm.height() > CROP_HEIGHT:
            pm = pm.scaledToHeight(CROP_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        if pm.width() > CROP_MAX_WIDTH:
            pm = pm.scaledToWidth(CROP_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self.crop_label.setPixmap(pm)
        self.crop_caption.setText(caption)
        self.crop_row.show()

    def set_no_page_message(self, text: str) -> None:
        self.change_label.setText(text)

    # ---- navigation and decisions ---------------------------------------------------------

    def set_current(self, index: int) -> None:
        n = len(self.proof.corrections) if self.proof else 0
        self.current = index if 0 <= index < n else -1
        if self.current >= 0 and self.proof is not None:
            c = self.proof.corrections[self.current]
            self._reveal(self.raw_edit, c.start)
            self._reveal(self.final_edit, self.proof.final_range(self.current)[0])
        self.refresh()
        self.current_changed.emit(self.current)

    @staticmethod
    def _reveal(edit: QPlainTextEdit, pos: int) -> None:
        cur = edit.textCursor()
        cur.setPosition(min(pos, max(0, edit.document().characterCount() - 1)))
        edit.setTextCursor(cur)
        edit.ensureCursorVisible()

    def next_change(self) -> None:
        n = len(self.proof.corrections) if self.proof else 0
        if n:
            self.set_current((self.current + 1) % n)

    def previous_change(self) -> None:
        n = len(self.proof.corrections) if self.proof else 0
        if n:
            self.set_current((self.current - 1) % n if self.current >= 0 else n - 1)

    def _request(self, what: str) -> None:
        if self.proof is not None and self.current >= 0:
            self.decision_requested.emit(self.current, what)

    def accept_current(self) -> None:
        self._request("accept")

    def reject_current(self) -> None:
        self._request("reject")

    def select_raw_range(self, start: int, end: int, *, reveal: bool = True) -> None:
        """Highlight a word given by raw offsets in both panes (from a click on its box)."""
        self._selected_word_range = (start, end)
        if reveal and self.proof is not None:
            self._reveal(self.raw_edit, start)
            self._reveal(self.final_edit, self.proof.raw_to_final(start))
        self._highlight()

    def clear_word_selection(self) -> None:
        self._selected_word_range = None
        self._highlight()

    def selected_word_range(self) -> tuple[int, int] | None:
        return self._selected_word_range

    # ---- events ---------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # side by side while each text keeps a readable width; raw above final when the view is
        # narrow (a small screen with the preprocessing panel open), equal halves either way
        want = Qt.Orientation.Vertical if self.width() < SIDE_BY_SIDE_MIN_WIDTH else Qt.Orientation.Horizontal
        if self.splitter.orientation() != want:
            self.splitter.setOrientation(want)
            extent = self.splitter.height() if want == Qt.Orientation.Vertical else self.splitter.width()
            self.splitter.setSizes([extent // 2, extent - extent // 2])
        narrow = want == Qt.Orientation.Vertical
        if narrow != (self._second_bar.indexOf(self.accept_kind_button) >= 0):
            (self._bar if narrow else self._second_bar).removeWidget(self.accept_kind_button)
            if narrow:
                self._second_bar.insertWidget(0, self.accept_kind_button)
            else:
                self._bar.insertWidget(self._bar.count() - 1, self.accept_kind_button)

    def _sync_scroll(self, source: QPlainTextEdit, target: QPlainTextEdit) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            s, t = source.verticalScrollBar(), target.verticalScrollBar()
            if s.maximum() == t.maximum() or s.maximum() == 0:
                t.setValue(s.value())
            else:
                t.setValue(round(s.value() * t.maximum() / s.maximum()))
        finally:
            self._syncing = False

    def final_to_raw(self, pos: int) -> int:
        """Best raw offset for a position in the (possibly edited) final text."""
        proof = self.proof
        if proof is None:
            return pos
        shift = 0
        for i, c in enumerate(proof.corrections):
            s, e = proof.final_range(i)
            if pos < s:
                break
            if s <= pos < e:
                return c.start
            shift += (e - s) - (c.end - c.start)
        return max(0, min(len(proof.raw), pos - shift))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        etype = event.type()
        if etype == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(obj, QPlainTextEdit):
            if (obj in (self.raw_edit, self.final_edit) and event.matches(QKeySequence.StandardKey.Copy)
                    and not obj.textCursor().hasSelection()):
                self.copy_final_requested.emit()
                return True
        elif etype == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) and self.proof is not None:
            edit = self.raw_edit if obj is self.raw_edit.viewport() else (
                self.final_edit if obj is self.final_edit.viewport() else None
            )
            if edit is not None and not edit.textCursor().hasSelection():
                pos = edit.cursorForPosition(event.position().toPoint()).position()
                if edit is self.raw_edit:
                    idx = self.proof.correction_at_raw(pos)
                    raw_pos = pos
                else:
                    idx = self.proof.correction_at_final(pos)
                    raw_pos = self.final_to_raw(pos)
                if idx is not None and idx != self.current:
                    self.set_current(idx)
                self.raw_position_clicked.emit(raw_pos)
        return super().eventFilter(obj, event)

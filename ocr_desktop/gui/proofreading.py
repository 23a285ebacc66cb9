"""The proofreading state of one recognised page: decisions and the editable final text.

The final text lives in a ``QTextDocument`` (so the editor's undo/redo works on it). Every
correction's span in that text is tracked by a pair of ``QTextCursor``s, which Qt moves as the
text is edited. Decisions change the text through those cursors; edits and undo/redo change
the text directly and the decisions are re-derived from what the span now holds, so the two
can never disagree:

* span text == correction's ``after``  → applied: ``pending`` or ``accepted``
* span text == correction's ``before`` → ``rejected``
* anything else → the decision stays, and the correction is flagged ``edited``

Pending corrections are applied in the final text (the corrector's best guess) until the
proofreader rejects them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from ocr_desktop.core.models import CorrectedPage, Correction, PageResult, Suspect, apply_corrections

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
#: how many recent final texts remember their spans (undo and redo go back to them)
_LAYOUTS_KEPT = 64


def change_kind(c: Correction) -> str:
    """replaced / inserted / deleted, as the diff view colours them."""
    if not c.before:
        return "inserted"
    if not c.after:
        return "deleted"
    return "replaced"


@dataclass
class _Span:
    """A range of the final text, kept up to date by ``ProofPage._on_document_contents_change``."""

    start: int
    end: int
    #: texts that, typed into the empty span, belong to it (a deleted word typed back)
    fills: tuple[str, ...] = ()

    def range(self) -> tuple[int, int]:
        return self.start, self.end

    def apply_edit(self, position: int, removed: int, added: int, inserted: str, current: str) -> None:
        """Follow one document edit. ``current`` is the span's text before this edit."""
        s, e = self.start, self.end
        edit_end = position + removed
        delta = added - removed
        if removed == 0 and position == e:
            # typing at the end of the span: part of it while it spells one of its texts
            # (a word typed back letter by letter, or restored by undo)
            if any(f.startswith(current + inserted) for f in self.fills if f):
                self.end = e + added
            return
        if e <= position and not (s == e == position and removed):
            return  # edit after the span (text typed right after it is not part of it)
        if s >= edit_end:
            self.start, self.end = s + delta, e + delta  # edit before the span
            return
        if position <= s and edit_end >= e:
            self.start, self.end = position, position + added  # span replaced as a whole
            return
        if position < s:  # edit starts before the span, ends inside it
            self.start = position + added
            self.end = max(self.start, e + delta)
            return
        self.end = max(s, e + delta)  # edit inside the span or over its end


class ProofPage(QObject):
    """Decisions + final text for one page. Emits ``changed`` after every change."""

    changed = Signal()
    decided = Signal(int, str, str)  # correction index, old status, new status (explicit decisions)

    def __init__(self, result: PageResult, corrected: CorrectedPage | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.corrected = corrected
        self.raw = result.text
        corrections = sorted(corrected.corrections, key=lambda c: (c.start, c.end)) if corrected else []
        # never trust overlapping corrections: keep the first of any overlap
        kept: list[Correction] = []
        pos = -1
        for c in corrections:
            if c.start >= pos and 0 <= c.start <= c.end <= len(self.raw):
                kept.append(c)
                pos = c.end
        self.corrections: tuple[Correction, ...] = tuple(kept)
        self.suspects: tuple[Suspect, ...] = tuple(corrected.suspects) if corrected else ()
        self.status: list[str] = [PENDING] * len(self.corrections)
        self._previous: list[str] = [PENDING] * len(self.corrections)
        self.edited: list[bool] = [False] * len(self.corrections)
        self.dirty = False
        self._applying = False

        self.document = QTextDocument(self)
        self.document.setDocumentLayout(QPlainTextDocumentLayout(self.document))
        self.document.setUndoRedoEnabled(False)
        self.document.setPlainText(apply_corrections(self.raw, self.corrections))
        self.document.setUndoRedoEnabled(True)
        self.document.setModified(False)

        self._spans = [
            self._make_span(a, b, (c.before, c.after))
            for (a, b), c in zip(self._final_offsets(), self.corrections, strict=True)
        ]
        self._suspect_spans = [self._make_span(*self.raw_to_final_range(s.start, s.end)) for s in self.suspects]
        initial = self.document.toPlainText()
        #: final text -> the spans' ranges when the page last showed that text (recent ones)
        self._layouts: dict[str, tuple[tuple[int, int], ...]] = {}
        self._remember_layout(initial)
        #: each suspect's word as the final text first showed it (curly quotes may differ from raw)
        self._suspect_words = [initial[a:b] for a, b in (span.range() for span in self._suspect_spans)]
        self.document.contentsChange.connect(self._on_document_contents_change)

    # ---- offsets --------------------------------------------------------------------------

    def _final_offsets(self) -> list[tuple[int, int]]:
        out = []
        shift = 0
        for c in self.corrections:
            start = c.start + shift
            out.append((start, start + len(c.after)))
            shift += len(c.after) - (c.end - c.start)
        return out

    def raw_to_final(self, pos: int) -> int:
        """Where raw offset ``pos`` sits in the initial final text (outside corrections)."""
        shift = 0
        for c in self.corrections:
            if c.end <= pos:
                shift += len(c.after) - (c.end - c.start)
            elif c.start < pos:  # inside a correction: clamp to its end
                return c.start + shift + len(c.after)
        return pos + shift

    def raw_to_final_range(self, start: int, end: int) -> tuple[int, int]:
        s = self.raw_to_final(start)
        return s, max(s, self.raw_to_final(end))

    def _make_span(self, start: int, end: int, fills: tuple[str, ...] = ()) -> _Span:
        n = max(0, self.document.characterCount() - 1)
        return _Span(min(start, n), min(end, n), fills)

    def final_range(self, index: int) -> tuple[int, int]:
        return self._spans[index].range()

    def suspect_final_range(self, index: int) -> tuple[int, int]:
        return self._suspect_spans[index].range()

    def suspect_open(self, index: int, final: str | None = None) -> bool:
        """Whether suspect ``index`` still reads as first shown (not replaced or retyped)."""
        a, b = self.suspect_final_range(index)
        text = self.final_text() if final is None else final
        return a < b and text[a:b] == self._suspect_words[index]

    def span_text(self, index: int) -> str:
        s, e = self.final_range(index)
        cur = QTextCursor(self.document)
        cur.setPosition(s)
        cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        return cur.selectedText().replace("\u2029", "\n")

    def correction_at_final(self, pos: int) -> int | None:
        for i in range(len(self.corrections)):
            s, e = self.final_range(i)
            if s <= pos < e or (s == e and pos == s):
                return i
        return None

    def correction_at_raw(self, pos: int) -> int | None:
        for i, c in enumerate(self.corrections):
            if c.start <= pos < c.end or (c.start == c.end and pos == c.start):
                return i
        return None

    # ---- text -----------------------------------------------------------------------------

    def final_text(self) -> str:
        return self.document.toPlainText()

    def enhanced_text(self) -> str:
        return apply_corrections(self.raw, self.corrections)

    def counts(self) -> dict[str, int]:
        out = {PENDING: 0, ACCEPTED: 0, REJECTED: 0}
        for s in self.status:
            out[s] += 1
        return out

    # ---- decisions ------------------------------------------------------------------------

    def accept(self, index: int) -> bool:
        """Apply a change; False (nothing done) where the proofreader edited its word by hand."""
        return self._decide(index, ACCEPTED, self.corrections[index].after)

    def reject(self, index: int) -> bool:
        """Put back what OCR read; False (nothing done) where the word was edited by hand."""
        return self._decide(index, REJECTED, self.corrections[index].before)

    def toggle(self, index: int) -> bool:
        if self.status[index] == REJECTED:
            return self.accept(index)
        return self.reject(index)

    def accept_all(self) -> int:
        """Accept every change not edited by hand; returns how many were skipped as edited."""
        skipped = 0
        for i in range(len(self.corrections)):
            if self.status[i] != ACCEPTED and not self.accept(i):
                skipped += 1
        return skipped

    def _decide(self, index: int, status: str, text: str) -> bool:
        old = self.status[index]
        if old == status:
            return True
        if self.edited[index]:
            # the proofreader's own text is in the change's place (or the word was deleted with
            # what surrounded it, and its place is now inside other text): a decision written
            # there would overwrite their typing or drop the word in the wrong place
            return False
        self._previous[index] = old
        self.status[index] = status
        if self.span_text(index) != text:
            s, e = self.final_range(index)
            cur = QTextCursor(self.document)
            cur.setPosition(s)
            cur.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
            self._applying = True
            try:
                cur.beginEditBlock()
                cur.insertText(text)
                cur.endEditBlock()
            finally:
                self._applying = False
            span = self._spans[index]
            span.start, span.end = s, s + len(text)
            self._remember_layout(self.document.toPlainText())
            self.edited[index] = False
        self.dirty = True
        self.decided.emit(index, old, status)
        self.changed.emit()
        return True

    def raw_span_of_enhanced(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text range that the enhanced text's ``start:end`` came from (a change that
        overlaps it is taken whole)."""
        return self._enhanced_to_raw(start, left=True), self._enhanced_to_raw(end, left=False)

    def _enhanced_to_raw(self, x: int, *, left: bool) -> int:
        delta = 0  # enhanced offset - raw offset, after the changes passed so far
        for c, (a, b) in zip(self.corrections, self._final_offsets(), strict=True):
            if a > x or (a == x and not left):
                break  # this change lies after x
            if a == x or x < b:
                return c.start if left else c.end  # x opens or lies inside this change
            delta = b - c.end
        return x - delta

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        inserted = ""
        if added:
            cur = QTextCursor(self.document)
            n = max(0, self.document.characterCount() - 1)
            cur.setPosition(min(position, n))
            cur.setPosition(min(position + added, n), QTextCursor.MoveMode.KeepAnchor)
            inserted = cur.selectedText().replace("\u2029", "\n")
        text = self.document.toPlainText() if (self._spans or self._suspect_spans) else ""
        for span in (*self._spans, *self._suspect_spans):
            # the span's text before the edit (only needed when the edit touches its end)
            # (an insertion at the span's end leaves the span's own characters in place)
            current = text[span.start : span.end] if position == span.end and not removed else ""
            span.apply_edit(position, removed, added, inserted, current)
        # a text seen before (undo, redo, a word typed back) gets the spans it had then: a span
        # collapsed by deleting its word cannot tell where the word goes when undo puts it back
        restored = not self._applying and self._restore_layout(text)
        self._remember_layout(text)
        if self._applying:
            return
        self.dirty = True
        for i, c in enumerate(self.corrections):
            s, e = self.final_range(i)
            if not restored and (e < position or s > position + added):
                continue  # untouched by this edit
            text = self.span_text(i)
            if text == c.after and c.after != c.before:
                if self.status[i] == REJECTED:
                    self.status[i] = self._previous[i] if self._previous[i] != REJECTED else PENDING
                self.edited[i] = False
            elif text == c.before and c.after != c.before:
                if self.status[i] != REJECTED:
                    self._previous[i] = self.status[i]
                    self.status[i] = REJECTED
                self.edited[i] = False
            else:
                self.edited[i] = True
        self.changed.emit()

    def _layout(self) -> tuple[tuple[int, int], ...]:
        return tuple(span.range() for span in (*self._spans, *self._suspect_spans))

    def _remember_layout(self, text: str) -> None:
        if not (self._spans or self._suspect_spans):
            return
        self._layouts.pop(text, None)
        self._layouts[text] = self._layout()
        while len(self._layouts) > _LAYOUTS_KEPT:
            del self._layouts[next(iter(self._layouts))]

    def _restore_layout(self, text: str) -> bool:
        layout = self._layouts.get(text)
        if layout is None or layout == self._layout():
            return False
        for span, (start, end) in zip((*self._spans, *self._suspect_spans), layout, strict=True):
            span.start, span.end = start, end
        return True

    # ---- export ---------------------------------------------------------------------------

    def json_extra(self) -> dict[str, Any]:
        # a change whose word the proofreader edited by hand or deleted is neither applied nor
        # rejected as it stands: "edited"
        statuses = ["edited" if edited else st for st, edited in zip(self.status, self.edited, strict=True)]
        return {"final_text": self.final_text(), "statuses": statuses}

    def state(self) -> dict[str, Any]:
        """What autosave keeps: decisions and the final text."""
        return {"status": list(self.status), "final_text": self.final_text(), "dirty": self.dirty}

    def restore(self, state: dict[str, Any]) -> None:
        statuses = state.get("status") or []
        if len(statuses) == len(self.corrections):
            for i, st in enumerate(statuses):
                if st == ACCEPTED:
                    self.accept(i)
                elif st == REJECTED:
                    self.reject(i)
        final = state.get("final_text")
        if isinstance(final, str) and final != self.final_text():
            cur = QTextCursor(self.document)
            cur.select(QTextCursor.SelectionType.Document)
            # replace only the differing middle so that correction spans survive where possible
            old = self.final_text()
            p = 0
            while p < min(len(old), len(final)) and old[p] == final[p]:
                p += 1
            q = 0
            while q < min(len(old), len(final)) - p and old[-1 - q] == final[-1 - q]:
                q += 1
            cur = QTextCursor(self.document)
            cur.setPosition(p)
            cur.setPosition(len(old) - q, QTextCursor.MoveMode.KeepAnchor)
            cur.insertText(final[p : len(final) - q])
        self.dirty = bool(state.get("dirty", True))
        self.changed.emit()

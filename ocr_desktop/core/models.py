"""Plain value objects shared by the core, the CLI and the GUI.

All are frozen dataclasses: results travel between threads, and immutability means a worker
can hand one to the GUI without copying. ``to_dict`` gives the JSON schema of the CLI
(``ocr-desktop recognize --format json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: (x, y, width, height) in pixels of the image Tesseract saw, mapped back to the source page
BBox = tuple[int, int, int, int]


@dataclass(frozen=True)
class Word:
    """One recognised word. ``start``/``end`` index the page's raw text (``text == raw[start:end]``)."""

    text: str
    conf: float  # 0-100, Tesseract's word confidence
    bbox: BBox
    start: int
    end: int
    line: int = 0  # index into PageResult.lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "conf": round(self.conf, 2),
            "bbox": list(self.bbox),
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Line:
    """One text line: ``raw[start:end]`` is its text, ``bbox`` its box on the page."""

    start: int
    end: int
    bbox: BBox


@dataclass(frozen=True)
class PageResult:
    """What Tesseract read on one page."""

    page: int  # 1-based page number in the source file
    text: str  # raw text; lines separated by "\n", paragraphs by a blank line
    words: tuple[Word, ...] = ()
    lines: tuple[Line, ...] = ()
    mean_confidence: float = 0.0  # mean of word confidences, 0-100; 0 when no words
    width: int = 0
    height: int = 0
    dpi: int | None = None
    lang: str = "eng"
    #: human-readable notes about what preprocessing did (for the window and JSON)
    preprocessing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "raw_text": self.text,
            "mean_confidence": round(self.mean_confidence, 2),
            "words": [w.to_dict() for w in self.words],
        }


@dataclass(frozen=True)
class OcrResult:
    """The result of ``recognize()``: one PageResult per recognised page, in order."""

    pages: tuple[PageResult, ...]
    source: str | None = None  # file path, or None for an in-memory image
    lang: str = "eng"

    @property
    def text(self) -> str:
        """All pages' raw text; pages are separated by a form feed line like Tesseract's."""
        return PAGE_SEPARATOR.join(p.text for p in self.pages)

    @property
    def mean_confidence(self) -> float:
        words = [w.conf for p in self.pages for w in p.words]
        return sum(words) / len(words) if words else 0.0


PAGE_SEPARATOR = "\n\f\n"


@dataclass(frozen=True)
class Correction:
    """One change proposed by the post-processor: ``raw[start:end]`` (== before) → ``after``."""

    start: int
    end: int
    before: str
    after: str
    reason: str  # machine-readable kind, e.g. "ocr-confusion", "whitespace", "user-pair"
    score: float  # 0-1, confidence that the change is right

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Suspect:
    """A word the post-processor did not change but a person should look at."""

    start: int
    end: int
    word: str
    reason: str  # e.g. "low-confidence", "unknown-word", "no-safe-fix"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "word": self.word, "reason": self.reason}


@dataclass(frozen=True)
class CorrectedPage:
    """The post-processed version of one page."""

    page: int
    raw_text: str
    text: str
    corrections: tuple[Correction, ...] = ()
    suspects: tuple[Suspect, ...] = ()
    #: notes such as "language 'xyz' has no dictionary: only normalisation ran"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class EnhancedResult:
    """The result of ``run_postprocessor()``."""

    pages: tuple[CorrectedPage, ...]
    source: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return PAGE_SEPARATOR.join(p.text for p in self.pages)

    @property
    def corrections(self) -> tuple[Correction, ...]:
        """Corrections of a single-page result (the common case); all pages' otherwise."""
        return tuple(c for p in self.pages for c in p.corrections)


def apply_corrections(raw: str, corrections: list[Correction] | tuple[Correction, ...]) -> str:
    """Apply non-overlapping corrections (offsets into ``raw``) and return the new text.

    Applying every correction of a CorrectedPage gives its ``text``; applying a subset gives
    the text a proofreader sees after rejecting the others.
    """
    out: list[str] = []
    pos = 0
    for c in sorted(corrections, key=lambda c: (c.start, c.end)):
        if c.start < pos:
            raise ValueError(f"overlapping corrections at {c.start}")
        out.append(raw[pos : c.start])
        out.append(c.after)
        pos = c.end
    out.append(raw[pos:])
    return "".join(out)


def result_to_json(ocr: OcrResult, enhanced: EnhancedResult | None = None) -> dict[str, Any]:
    """The CLI's JSON document for one file (see README, "JSON output")."""
    by_page = {p.page: p for p in enhanced.pages} if enhanced else {}
    pages: list[dict[str, Any]] = []
    for page in ocr.pages:
        d = page.to_dict()
        cp = by_page.get(page.page)
        d["text"] = cp.text if cp else page.text
        d["corrections"] = [c.to_dict() for c in cp.corrections] if cp else []
        d["suspects"] = [s.to_dict() for s in cp.suspects] if cp else []
        if page.preprocessing:
            d["preprocessing"] = list(page.preprocessing)
        if cp and cp.notes:
            d["notes"] = list(cp.notes)
        pages.append(d)
    # keep the documented key order: page, raw_text, text, mean_confidence, words, ...
    ordered = [
        {k: p[k] for k in ("page", "raw_text", "text", "mean_confidence", "words", "corrections", "suspects")}
        | {
            k: v
            for k, v in p.items()
            if k not in ("page", "raw_text", "text", "mean_confidence", "words", "corrections", "suspects")
        }
        for p in pages
    ]
    return {"file": ocr.source, "lang": ocr.lang, "pages": ordered}


__all__ = [
    "PAGE_SEPARATOR",
    "BBox",
    "CorrectedPage",
    "Correction",
    "EnhancedResult",
    "Line",
    "OcrResult",
    "PageResult",
    "Suspect",
    "Word",
    "apply_corrections",
    "result_to_json",
]

"""Autosave of the proofreading session, as JSON in the user data dir.

What is kept: the open files (paths; pasted images as PNG files beside the session), the
window settings (language, preprocessing), and for every recognised page its OCR result,
the corrector's proposal, the decisions and the final text — enough to bring the proofreading
back without recognising again. The file is written atomically every few seconds while
something changed, and deleted when the window closes normally; finding one at start-up means
the last session ended in a crash or a kill.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ocr_desktop.core.models import CorrectedPage, Correction, Line, PageResult, Suspect, Word

log = logging.getLogger(__name__)

FORMAT = "ocr-desktop-session"
VERSION = 1


def session_dir() -> Path:
    from ocr_desktop.paths import user_data_dir

    return user_data_dir() / "session"


def session_file() -> Path:
    return session_dir() / "autosave.json"


def page_result_to_dict(r: PageResult) -> dict[str, Any]:
    d = asdict(r)
    d["words"] = [asdict(w) for w in r.words]
    d["lines"] = [asdict(ln) for ln in r.lines]
    return d


def page_result_from_dict(d: dict[str, Any]) -> PageResult:
    words = tuple(Word(w["text"], w["conf"], tuple(w["bbox"]), w["start"], w["end"], w.get("line", 0))
                  for w in d.get("words", []))
    lines = tuple(Line(ln["start"], ln["end"], tuple(ln["bbox"])) for ln in d.get("lines", []))
    return PageResult(
        page=d["page"], text=d["text"], words=words, lines=lines,
        mean_confidence=d.get("mean_confidence", 0.0), width=d.get("width", 0), height=d.get("height", 0),
        dpi=d.get("dpi"), lang=d.get("lang", "eng"), preprocessing=tuple(d.get("preprocessing", ())),
    )


def corrected_to_dict(c: CorrectedPage | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "page": c.page, "raw_text": c.raw_text, "text": c.text,
        "corrections": [asdict(x) for x in c.corrections],
        "suspects": [asdict(s) for s in c.suspects],
        "notes": list(c.notes),
    }


def corrected_from_dict(d: dict[str, Any] | None) -> CorrectedPage | None:
    if d is None:
        return None
    return CorrectedPage(
        page=d["page"], raw_text=d["raw_text"], text=d["text"],
        corrections=tuple(Correction(**x) for x in d.get("corrections", [])),
        suspects=tuple(Suspect(**s) for s in d.get("suspects", [])),
        notes=tuple(d.get("notes", ())),
    )


def write_session(doc: dict[str, Any], path: Path | None = None) -> Path:
    from ocr_desktop.core.export import write_atomic

    target = path or session_file()
    doc = {"format": FORMAT, "version": VERSION, "pid": os.getpid(), **doc}
    write_atomic(target, json.dumps(doc, ensure_ascii=False))
    return target


def read_session(path: Path | None = None) -> dict[str, Any] | None:
    """The autosaved session, or None when there is none (or it cannot be read)."""
    target = path or session_file()
    if not target.exists():
        return None
    try:
        doc = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("the autosaved session %s cannot be read: %s", target, exc)
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
        return None
    return doc


def discard_session(path: Path | None = None) -> None:
    target = path or session_file()
    try:
        target.unlink(missing_ok=True)
        for extra in target.parent.glob("pasted-*.png"):
            extra.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the autosaved session: %s", exc)


# ---------------------------------------------------------------------------------------------
# Writing off the GUI thread
#
# The window takes a snapshot on the GUI thread: references to the (immutable) OCR results and
# corrector proposals, plus the small per-page proofreading state (decisions, final text). The
# writer turns it into JSON and writes it on its own thread; results already converted once are
# reused from a cache, so a session with many pages costs the same as one after the first save.


@dataclass(frozen=True)
class PageSnapshot:
    source: str
    pasted: bool
    index: int
    label: str
    preprocess: Any  # JSON-ready (str, dict or None)
    result_key: str | None = None
    result: PageResult | None = None
    corrected: CorrectedPage | None = None
    proof: dict[str, Any] | None = None
    pixels: Any = None  # a pasted page's image (numpy array), written beside the session once


@dataclass(frozen=True)
class SessionSnapshot:
    language: str
    preprocess: Any
    current: int
    pages: tuple[PageSnapshot, ...]
    path: Path | None = None  # None: session_file()


class _ConversionCache:
    """PageResult/CorrectedPage → dict, once per object (they are frozen)."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[object, dict[str, Any] | None]] = {}

    def get(self, obj: Any, convert: Any) -> Any:
        if obj is None:
            return None
        hit = self._items.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = convert(obj)
        self._items[id(obj)] = (obj, value)  # the reference keeps id(obj) from being reused
        return value

    def keep_only(self, objects: list[object]) -> None:
        alive = {id(o) for o in objects if o is not None}
        for k in list(self._items):
            if k not in alive:
                del self._items[k]


def snapshot_document(snapshot: SessionSnapshot, cache: _ConversionCache | None = None) -> dict[str, Any]:
    """The JSON document of a snapshot (what ``write_session`` stores)."""
    cache = cache or _ConversionCache()
    pages = []
    for p in snapshot.pages:
        item: dict[str, Any] = {
            "source": p.source, "pasted": p.pasted, "index": p.index, "label": p.label, "preprocess": p.preprocess,
        }
        if p.result is not None:
            item["result_key"] = p.result_key
            item["result"] = cache.get(p.result, page_result_to_dict)
            item["corrected"] = cache.get(p.corrected, corrected_to_dict)
            item["proof"] = p.proof or {}
        pages.append(item)
    return {"language": snapshot.language, "preprocess": snapshot.preprocess, "current": snapshot.current,
            "pages": pages}


def write_pasted_pixels(snapshot: SessionSnapshot) -> None:
    """Pasted pages have no file: keep their pixels as PNG beside the session (once)."""
    for p in snapshot.pages:
        if p.pasted and p.pixels is not None and not Path(p.source).exists():
            from PIL import Image

            Path(p.source).parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(p.pixels).save(p.source)


class SessionWriter(QObject):
    """Lives on its own thread; ``write(snapshot)`` emits ``finished(path)`` or ``failed(message)``."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._cache = _ConversionCache()

    @Slot(object)
    def write(self, snapshot: SessionSnapshot) -> None:
        try:
            write_pasted_pixels(snapshot)
            doc = snapshot_document(snapshot, self._cache)
            path = write_session(doc, snapshot.path)
            self._cache.keep_only([o for p in snapshot.pages for o in (p.result, p.corrected)])
        except Exception as exc:  # a full disk must not take the window down
            log.warning("autosave failed: %s", exc)
            self.failed.emit(str(exc))
            return
        self.finished.emit(str(path))

"""``OcrEngine``: the one facade the API users, the CLI and the window call.

The seed's script must work exactly as written::

    engine = OcrEngine()
    engine.load_image("resources/samples/sample_with_typos.png")
    raw = engine.recognize()
    enhanced = engine.run_postprocessor(raw)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ocr_desktop.core.cancel import CancelToken, ProgressCallback
from ocr_desktop.core.engine.tesseract import DEFAULT_TIMEOUT_S, TesseractEngine
from ocr_desktop.core.errors import CancelledError, UsageError
from ocr_desktop.core.image_io import ArrayDocument, Document, PageImage, open_document
from ocr_desktop.core.models import CorrectedPage, EnhancedResult, Line, OcrResult, PageResult, Word
from ocr_desktop.core.page_prep import PagePreparer
from ocr_desktop.core.pages import parse_page_spec

log = logging.getLogger(__name__)

#: sentinel: use the per-user correction model in the user data dir
DEFAULT_USER_MODEL: Any = "default"


def default_workers() -> int:
    # Tesseract runs single-threaded (OMP_THREAD_LIMIT=1); one process per core.
    return max(1, min(4, os.cpu_count() or 1))


class OcrEngine:
    """Load a document, recognise its pages with Tesseract, post-process the text."""

    def __init__(
        self,
        lang: str = "eng",
        *,
        psm: int = 3,
        preprocess: Any = "auto",
        user_model: Any = DEFAULT_USER_MODEL,
        tesseract_cmd: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_S,
        workers: int | None = None,
    ) -> None:
        self.lang = lang
        self.psm = psm
        self.timeout = timeout
        self.workers = workers or default_workers()
        self.user_model = user_model
        self._tesseract_cmd = tesseract_cmd
        self._tesseract: TesseractEngine | None = None
        self._preparer = PagePreparer(preprocess)
        self._document: Document | None = None
        #: when set, every image handed to Tesseract is also written here (``--save-processed``)
        self.save_processed_dir: Path | None = None

    # ---- configuration ------------------------------------------------------------------

    @property
    def tesseract(self) -> TesseractEngine:
        """The Tesseract backend, found on first use (so construction never fails)."""
        if self._tesseract is None:
            self._tesseract = TesseractEngine(self._tesseract_cmd)
        return self._tesseract

    @property
    def preprocess(self) -> Any:
        return self._preparer.settings

    @preprocess.setter
    def preprocess(self, value: Any) -> None:
        self._preparer = PagePreparer(value)

    def languages(self) -> tuple[str, ...]:
        return self.tesseract.languages()

    # ---- documents ----------------------------------------------------------------------

    def load_image(self, source: str | Path | np.ndarray | Document, *, dpi: int | None = None) -> Document:
        """Open a file (image or PDF, any page count) or take an in-memory image."""
        if isinstance(source, Document):
            doc = source
        elif isinstance(source, np.ndarray):
            doc = ArrayDocument(source, dpi=dpi)
        elif isinstance(source, (str, Path)):
            doc = open_document(source)
        else:
            raise UsageError(f"load_image() takes a path or a numpy array, not {type(source).__name__}.")
        if self._document is not None and self._document is not doc:
            self._document.close()
        self._document = doc
        return doc

    @property
    def document(self) -> Document:
        if self._document is None:
            raise UsageError("No image loaded: call load_image() first.")
        return self._document

    @property
    def page_count(self) -> int:
        return self.document.page_count

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    # ---- recognition --------------------------------------------------------------------

    def recognize_image(
        self, page: PageImage, *, page_number: int = 1, cancel: CancelToken | None = None
    ) -> PageResult:
        """Preprocess and OCR one decoded page; boxes come back in the page's coordinates."""
        tess = self.tesseract
        prepared = self._preparer.prepare(page, tess, lang=self.lang, psm=self.psm, cancel=cancel)
        if self.save_processed_dir is not None:
            self._save_processed(prepared.image, page_number)
        result = tess.recognize_page(
            prepared.image,
            lang=self.lang,
            psm=self.psm,
            dpi=prepared.dpi,
            page=page_number,
            cancel=cancel,
            timeout=self.timeout,
        )
        return _map_to_source(result, prepared.to_source, page, prepared.notes)

    def recognize(
        self,
        pages: str | Sequence[int] | None = None,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> OcrResult:
        """Recognise ``pages`` (1-based spec like ``"1-3,5"``; all by default), in parallel.

        ``progress(done, total, message)`` is called from worker threads as pages finish.
        ``cancel.cancel()`` kills the running Tesseract processes and raises CancelledError.
        """
        doc = self.document
        spec = pages if pages is None or isinstance(pages, str) else list(pages)
        numbers = parse_page_spec(spec, doc.page_count)
        self.tesseract.check_languages(self.lang)
        token = cancel or CancelToken()
        total = len(numbers)
        done = 0
        if progress:
            progress(0, total, f"Recognising {doc.name}")

        def job(number: int) -> PageResult:
            token.raise_if_cancelled()
            page = doc.page(number - 1)
            return self.recognize_image(page, page_number=number, cancel=token)

        results: dict[int, PageResult] = {}
        if total == 1 or self.workers == 1:
            for n in numbers:
                results[n] = job(n)
                done += 1
                if progress:
                    progress(done, total, f"Page {n} done")
        else:
            with ThreadPoolExecutor(max_workers=min(self.workers, total), thread_name_prefix="ocr") as pool:
                futures: dict[Future[PageResult], int] = {pool.submit(job, n): n for n in numbers}
                pending = set(futures)
                try:
                    while pending:
                        finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                        for fut in finished:
                            results[futures[fut]] = fut.result()  # re-raises the page's error
                            done += 1
                            if progress:
                                progress(done, total, f"Page {futures[fut]} done")
                except BaseException:
                    token.cancel()  # stop the other pages' Tesseract processes at once
                    for fut in pending:
                        fut.cancel()
                    raise
        if token.cancelled:
            raise CancelledError("Recognition cancelled.")
        source = str(doc.path) if doc.path else None
        return OcrResult(tuple(results[n] for n in numbers), source=source, lang=self.lang)

    def _save_processed(self, image: np.ndarray, page_number: int) -> None:
        from PIL import Image

        from ocr_desktop.core.errors import ExportError

        assert self.save_processed_dir is not None
        stem = self._document.name.rsplit(".", 1)[0] if self._document else "image"
        target = Path(self.save_processed_dir) / f"{stem}-page{page_number:03d}.png"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            Image.fromarray(image).save(target)
        except OSError as exc:
            raise ExportError(f"Could not write {target}: {exc.strerror or exc}") from exc

    # ---- post-processing ----------------------------------------------------------------

    def postprocessor(self) -> Any:
        from ocr_desktop.core.correction import PostProcessor

        if self.user_model is DEFAULT_USER_MODEL:
            return PostProcessor(lang=self.lang)
        return PostProcessor(lang=self.lang, user_model=self.user_model)

    def run_postprocessor(self, raw: OcrResult) -> EnhancedResult:
        """Correct OCR errors in every page of ``raw`` (see ``core.correction``)."""
        pp = self.postprocessor()
        pages: list[CorrectedPage] = [pp.correct_page(p.text, p.words, page=p.page) for p in raw.pages]
        notes = tuple(dict.fromkeys(n for p in pages for n in p.notes))
        return EnhancedResult(tuple(pages), source=raw.source, notes=notes)


def _map_to_source(
    result: PageResult, to_source: np.ndarray | None, page: PageImage, notes: tuple[str, ...]
) -> PageResult:
    """Express word and line boxes in the original page's pixels (for drawing over it)."""
    h, w = page.image.shape[:2]
    if to_source is None:
        return replace(result, width=w, height=h, preprocessing=notes)

    def box(b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        x, y, bw, bh = b
        corners = np.array([[x, y, 1], [x + bw, y, 1], [x, y + bh, 1], [x + bw, y + bh, 1]], dtype=np.float64)
        pts = corners @ np.asarray(to_source, dtype=np.float64).T
        x0, y0 = np.floor(pts.min(axis=0)).astype(int)
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int)
        x0, y0 = max(0, int(x0)), max(0, int(y0))
        x1, y1 = min(w, int(x1)), min(h, int(y1))
        return (x0, y0, max(0, x1 - x0), max(0, y1 - y0))

    words = tuple(Word(wd.text, wd.conf, box(wd.bbox), wd.start, wd.end, wd.line) for wd in result.words)
    lines = tuple(Line(ln.start, ln.end, box(ln.bbox)) for ln in result.lines)
    return replace(result, words=words, lines=lines, width=w, height=h, dpi=page.dpi, preprocessing=notes)

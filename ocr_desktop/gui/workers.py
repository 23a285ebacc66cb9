"""QObject workers that run on their own QThreads; they never touch widgets.

Each worker is moved to a ``QThread`` owned by a ``WorkerThread``; the window sends it work
through a queued signal and hears back through signals named as events: ``started``,
``progress``, ``finished``, ``failed`` (plus page-level events for OCR). Every request carries
an id so the window can drop answers to requests it no longer cares about.

Heavy modules (the OCR engine, OpenCV via preprocessing) are imported here, inside the worker
threads, on first use — never on the GUI thread at start-up.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage

from ocr_desktop.core.cancel import CancelToken
from ocr_desktop.core.errors import CancelledError, OcrDesktopError

log = logging.getLogger(__name__)


def describe_error(exc: BaseException) -> str:
    """The text a person sees: our errors' user message, a short line for anything else."""
    if isinstance(exc, OcrDesktopError):
        if exc.detail:
            log.info("detail: %s", exc.detail)
        return exc.user_message
    return f"Unexpected error: {type(exc).__name__}: {exc} (details are in the log file)"


def preprocess_key(settings: Any) -> str:
    """A stable text key for preprocessing settings (string spec or settings object)."""
    if settings is None:
        return "none"
    if isinstance(settings, str):
        if "ocr_desktop.core.preprocess" not in sys.modules:
            return settings
        spec = settings
        try:  # the same key for "auto" and PRESETS["auto"]
            from ocr_desktop.core.preprocess import parse_preprocess_spec

            settings = parse_preprocess_spec(spec)
        except Exception:
            return spec
    to_dict = getattr(settings, "to_dict", None)
    if callable(to_dict):
        return json.dumps(to_dict(), sort_keys=True, default=str)
    return repr(settings)


EngineFactory = Callable[[str, int, Any], Any]

#: OCR threads (and the Tesseract processes they start) run at this lower priority, so the
#: window keeps its CPU share on machines with few cores (Linux: niceness is per thread and
#: children inherit the niceness of the thread that starts them)
WORKER_NICENESS = 10


def lower_thread_priority(niceness: int = WORKER_NICENESS) -> None:
    """Make the calling thread (and processes it starts) nicer; best effort, Linux only."""
    if not sys.platform.startswith("linux") or not hasattr(os, "setpriority"):
        return
    try:
        tid = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, max(current, niceness))
    except OSError as exc:
        log.debug("could not lower the priority of an OCR thread: %s", exc)


def default_engine_factory(lang: str, psm: int, preprocess: Any) -> Any:
    from ocr_desktop.core.engine_api import OcrEngine

    return OcrEngine(lang=lang, psm=psm, preprocess=preprocess)


def _lower_priority_slot() -> None:
    lower_thread_priority()


class WorkerThread:
    """Owns one QThread and one worker moved to it; ``stop()`` quits and waits."""

    def __init__(self, worker: QObject, name: str, *, background: bool = True) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        if background:
            # runs in the new thread (direct connection): the window's thread keeps priority
            self.thread.started.connect(_lower_priority_slot, Qt.ConnectionType.DirectConnection)
        self.thread.start()

    def stop(self, timeout_ms: int = 5000) -> bool:
        if not self.thread.isRunning():
            return True
        self.thread.quit()
        ok = self.thread.wait(timeout_ms)
        if not ok:
            log.warning("thread %s did not stop within %d ms", self.thread.objectName(), timeout_ms)
        return ok


# ---------------------------------------------------------------------------------------------
# Opening files, decoding pages, listing languages


@dataclass(frozen=True)
class OpenRequest:
    request_id: int
    paths: tuple[Path, ...]


@dataclass(frozen=True)
class ImageRequest:
    request_id: int
    image: QImage
    name: str


@dataclass(frozen=True)
class PageRequest:
    request_id: int
    key: Any
    document: Any
    index: int


class LoadWorker(QObject):
    """Opens documents and decodes pages for display."""

    started = Signal(int)  # request id
    document_opened = Signal(int, object, object)  # request id, path, Document
    open_failed = Signal(int, object, str)  # request id, path, message
    finished = Signal(int, int)  # request id, documents opened
    page_ready = Signal(int, object, object, object)  # request id, key, PageImage, DisplayImage
    page_failed = Signal(int, object, str)
    languages_ready = Signal(object, str)  # tuple of codes, tesseract version
    languages_failed = Signal(str)
    preprocess_ready = Signal(bool)  # the preprocessing module is imported (False: not installed)

    @Slot(object)
    def open_paths(self, request: OpenRequest) -> None:
        from ocr_desktop.core.image_io import expand_paths, open_document

        self.started.emit(request.request_id)
        opened = 0
        try:
            paths = expand_paths(list(request.paths))
        except OSError as exc:
            self.open_failed.emit(request.request_id, None, f"Could not list the folder: {exc}")
            paths = []
        if not paths and request.paths:
            for p in request.paths:
                if p.is_dir():
                    self.open_failed.emit(request.request_id, p, f"{p}: the folder has no supported images")
        for path in paths:
            try:
                doc = open_document(path)
            except Exception as exc:  # every file on its own: one bad file never stops the rest
                log.info("could not open %s", path, exc_info=not isinstance(exc, OcrDesktopError))
                self.open_failed.emit(request.request_id, path, describe_error(exc))
                continue
            opened += 1
            self.document_opened.emit(request.request_id, path, doc)
        self.finished.emit(request.request_id, opened)

    @Slot(object)
    def open_image(self, request: ImageRequest) -> None:
        """A pasted or dropped image → an in-memory document (converted here, not on the GUI thread)."""
        from ocr_desktop.core.image_io import ArrayDocument
        from ocr_desktop.gui.qt_image import qimage_to_array

        self.started.emit(request.request_id)
        try:
            doc = ArrayDocument(qimage_to_array(request.image), name=request.name)
        except Exception as exc:
            message = f"The pasted image could not be used: {describe_error(exc)}"
            self.open_failed.emit(request.request_id, None, message)
            self.finished.emit(request.request_id, 0)
            return
        self.document_opened.emit(request.request_id, None, doc)
        self.finished.emit(request.request_id, 1)

    @Slot(object)
    def load_page(self, request: PageRequest) -> None:
        from ocr_desktop.gui.qt_image import array_to_display_image

        try:
            page = request.document.page(request.index)
            image = array_to_display_image(page.image)
        except Exception as exc:
            log.info("could not decode page", exc_info=not isinstance(exc, OcrDesktopError))
            self.page_failed.emit(request.request_id, request.key, describe_error(exc))
            return
        self.page_ready.emit(request.request_id, request.key, page, image)

    @Slot(object)
    def list_languages(self, factory: EngineFactory | None = None) -> None:
        # import the heavy preprocessing stack (OpenCV) here, not on the GUI thread
        try:
            import ocr_desktop.core.preprocess  # noqa: F401

            self.preprocess_ready.emit(True)
        except ImportError as exc:
            log.warning("preprocessing is not available: %s", exc)
            self.preprocess_ready.emit(False)
        try:
            engine = (factory or default_engine_factory)("eng", 3, "none")
            langs = tuple(engine.languages())
            try:
                version = str(engine.tesseract.version())
            except Exception:
                version = "unknown"
        except Exception as exc:
            self.languages_failed.emit(describe_error(exc))
            return
        self.languages_ready.emit(langs, version)


class ThumbnailWorker(QObject):
    """Decodes pages at low priority and makes thumbnails; one page per request."""

    thumbnail_ready = Signal(object, QImage)  # key, image
    thumbnail_failed = Signal(object, str)

    @Slot(object)
    def make(self, request: PageRequest) -> None:
        from ocr_desktop.gui.qt_image import thumbnail

        try:
            page = request.document.page(request.index)
            img = thumbnail(page.image, 96)
        except Exception as exc:
            self.thumbnail_failed.emit(request.key, describe_error(exc))
            return
        self.thumbnail_ready.emit(request.key, img)


# ---------------------------------------------------------------------------------------------
# OCR


@dataclass(frozen=True)
class PageTask:
    key: Any  # the window's key for this page
    document: Any  # core Document (thread-safe page())
    index: int  # 0-based page index in the document
    preprocess: Any = None  # this page's own preprocessing; None: the job's


@dataclass
class OcrJob:
    job_id: int
    tasks: tuple[PageTask, ...]
    lang: str = "eng"
    psm: int = 3
    preprocess: Any = "auto"
    cancel: CancelToken = field(default_factory=CancelToken)
    correct: bool = True  # run the post-processor on each page


class OcrWorker(QObject):
    """Recognises pages (several in parallel), then post-processes each as it arrives."""

    started = Signal(int, int)  # job id, page count
    progress = Signal(int, int, int, str)  # job id, done, total, message
    page_started = Signal(int, object)  # job id, page key
    page_finished = Signal(int, object, object, object)  # job id, key, PageResult, CorrectedPage | None
    page_failed = Signal(int, object, str)  # job id, key, message
    notice = Signal(int, str)  # job id, something worth telling (corrector missing, ...)
    finished = Signal(int, bool)  # job id, cancelled
    failed = Signal(int, str)  # job id, message (the whole job could not run)
    warmed_up = Signal(str)  # language

    def __init__(self, engine_factory: EngineFactory | None = None) -> None:
        super().__init__()
        self._factory = engine_factory or default_engine_factory
        self._engines: dict[tuple[str, int, str], Any] = {}
        self._postprocessors: dict[str, Any] = {}

    def _engine(self, job: OcrJob, preprocess: Any = None) -> Any:
        pp = job.preprocess if preprocess is None else preprocess
        key = (job.lang, job.psm, preprocess_key(pp))
        engine = self._engines.get(key)
        if engine is None:
            if len(self._engines) > 8:
                self._engines.clear()
            engine = self._factory(job.lang, job.psm, pp)
            self._engines[key] = engine
        return engine

    def _postprocessor(self, engine: Any, lang: str) -> Any:
        pp = self._postprocessors.get(lang)
        if pp is None:
            pp = engine.postprocessor()
            self._postprocessors[lang] = pp
        return pp

    def forget_postprocessors(self) -> None:
        """Called (queued, on this thread) after the user model changed outside the corrector."""
        self._postprocessors.clear()

    @Slot()
    def reset_postprocessors(self) -> None:
        self._postprocessors.clear()

    @Slot(object)
    def warm_up(self, job: OcrJob) -> None:
        """Load the engine and the corrector's dictionaries (and their search index) before the
        first real job.

        Parsing a dictionary holds Python's GIL for a few hundred milliseconds, which would
        freeze the window if it happened in the middle of a recognition; done while the user
        is still choosing a file, it goes unnoticed.
        """
        try:
            engine = self._engine(job)
            if job.correct:
                # one misread word builds the candidate search's index of the dictionary (~0.1 s)
                self._postprocessor(engine, job.lang).correct_page("tlie", ())
        except Exception as exc:  # the real job reports problems; warming up is best effort
            log.info("warm-up for %s failed: %s", job.lang, exc)
        self.warmed_up.emit(job.lang)

    @Slot(object)
    def run(self, job: OcrJob) -> None:
        total = len(job.tasks)
        self.started.emit(job.job_id, total)
        try:
            self._run(job, total)
        except CancelledError:
            self.finished.emit(job.job_id, True)
        except Exception as exc:
            log.error("OCR job failed:\n%s", traceback.format_exc())
            self.failed.emit(job.job_id, describe_error(exc))
        else:
            self.finished.emit(job.job_id, job.cancel.cancelled)

    def _run(self, job: OcrJob, total: int) -> None:
        token = job.cancel
        token.raise_if_cancelled()
        engine = self._engine(job)
        # one engine per distinct preprocessing, made here (not in the pool threads)
        engines = {id(t): self._engine(job, t.preprocess) for t in job.tasks}
        workers = max(1, min(int(getattr(engine, "workers", 1) or 1), total))
        self.progress.emit(job.job_id, 0, total, f"Recognising {total} page{'s' if total != 1 else ''}…")

        # pool threads are not Qt threads: they report starts through a queue that this
        # thread turns into signals
        started: queue.SimpleQueue[Any] = queue.SimpleQueue()

        def recognise(task: PageTask) -> Any:
            token.raise_if_cancelled()
            started.put(task.key)
            page = task.document.page(task.index)
            token.raise_if_cancelled()
            return engines[id(task)].recognize_image(page, page_number=task.index + 1, cancel=token)

        done = 0
        corrector_warned = False
        with ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="ocr-page", initializer=lower_thread_priority
        ) as pool:
            futures: dict[Future[Any], PageTask] = {pool.submit(recognise, t): t for t in job.tasks}
            pending = set(futures)
            try:
                while pending:
                    finished, pending = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
                    while not started.empty():
                        self.page_started.emit(job.job_id, started.get())
                    for fut in finished:
                        task = futures[fut]
                        done += 1
                        exc = fut.exception()
                        if isinstance(exc, CancelledError) or token.cancelled:
                            continue
                        if exc is not None:
                            log.info("page %s failed: %s", task.key, exc, exc_info=not isinstance(exc, OcrDesktopError))
                            self.page_failed.emit(job.job_id, task.key, describe_error(exc))
                        else:
                            result = fut.result()
                            corrected = None
                            if job.correct:
                                try:
                                    pp = self._postprocessor(engine, job.lang)
                                    corrected = pp.correct_page(result.text, result.words, page=result.page)
                                except ImportError as err:
                                    if not corrector_warned:
                                        corrector_warned = True
                                        self.notice.emit(
                                            job.job_id,
                                            "The corrector is not available in this installation; "
                                            "showing the raw OCR text only.",
                                        )
                                        log.warning("post-processor unavailable: %s", err)
                                except Exception as err:
                                    log.error("post-processing failed:\n%s", traceback.format_exc())
                                    self.notice.emit(
                                        job.job_id, f"Correcting page {result.page} failed: {describe_error(err)}"
                                    )
                            self.page_finished.emit(job.job_id, task.key, result, corrected)
                        self.progress.emit(job.job_id, done, total, f"{done} of {total} pages done")
                    if token.cancelled:
                        for fut in pending:
                            fut.cancel()
                        raise CancelledError("Recognition cancelled.")
            except BaseException:
                token.cancel()
                raise


# ---------------------------------------------------------------------------------------------
# Preprocessing preview


@dataclass(frozen=True)
class PreviewRequest:
    generation: int
    key: Any  # the page's key: the downscaled copy is cached per page
    image: Any  # the full page (numpy array)
    dpi: int | None
    settings: Any  # PreprocessSettings


PREVIEW_MAX_SIDE = 1600


class PreviewWorker(QObject):
    """Applies the preprocessing pipeline to a screen-sized copy of a page.

    Every request carries a generation number; the window records the newest one with
    ``note_generation`` before queuing, so requests that a newer one has overtaken are skipped
    here without any work, and answers that arrive late are dropped by the window.
    """

    finished = Signal(int, object, object, float)  # generation, DisplayImage, notes, scene units per pixel
    failed = Signal(int, str)
    skipped = Signal(int)  # generation not computed because a newer request was queued

    def __init__(self) -> None:
        super().__init__()
        self._latest = 0
        self._source_key: Any = None
        self._source: tuple[Any, float] | None = None  # (small image, scale)

    def note_generation(self, generation: int) -> None:
        """Called from the GUI thread (a plain int store, atomic under the GIL)."""
        self._latest = max(self._latest, generation)

    def _small(self, request: PreviewRequest) -> tuple[Any, float]:
        if self._source_key != request.key or self._source is None:
            from ocr_desktop.core.preprocess import downscale_for_preview

            small = downscale_for_preview(request.image, PREVIEW_MAX_SIDE)
            self._source = (small, small.shape[1] / request.image.shape[1])
            self._source_key = request.key
        return self._source

    @Slot(object)
    def render(self, request: PreviewRequest) -> None:
        if request.generation < self._latest:
            self.skipped.emit(request.generation)
            return
        from ocr_desktop.gui.qt_image import array_to_display_image

        try:
            from ocr_desktop.core.preprocess import Pipeline
            from ocr_desktop.core.preprocess.pipeline import run

            s = request.settings
            if getattr(s, "mode", "auto") == "auto":
                out = Pipeline(s).preview_page(request.image, PREVIEW_MAX_SIDE, request.dpi)
            else:
                small, factor = self._small(request)
                out = run(small, request.dpi, s, preview_scale=factor)
            # source pixels per preview pixel (the length of the mapping's first column)
            m = out.to_source
            scale = float((m[0][0] ** 2 + m[1][0] ** 2) ** 0.5) or 1.0
            if request.generation < self._latest:
                self.skipped.emit(request.generation)
                return
            image = array_to_display_image(out.image)
        except Exception as exc:
            log.info("preview failed", exc_info=not isinstance(exc, OcrDesktopError))
            self.failed.emit(request.generation, describe_error(exc))
            return
        self.finished.emit(request.generation, image, tuple(out.notes), scale)

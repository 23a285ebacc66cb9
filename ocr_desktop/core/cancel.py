"""Cooperative cancellation shared by the core, the CLI and the GUI workers."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ocr_desktop.core.errors import CancelledError

#: progress(done, total, message) — called from the working thread
ProgressCallback = Callable[[int, int, str], None]


class CancelToken:
    """Set from any thread; checked by long-running work, which then stops promptly.

    Callbacks registered with ``on_cancel`` run in the cancelling thread, which lets the
    Tesseract runner kill its child process at once instead of waiting for the next poll.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks = list(self._callbacks)
        for cb in callbacks:
            cb()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError("Cancelled.")

    def wait(self, timeout: float) -> bool:
        """Sleep up to ``timeout`` seconds; True when cancelled meanwhile."""
        return self._event.wait(timeout)

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Register ``callback``; returns a function that unregisters it."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                registered = True
            else:
                registered = False
        if not registered:
            callback()

        def remove() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return remove

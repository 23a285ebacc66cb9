"""Runtime hook of the frozen OCR Desktop (Linux), run before the app's own code.

Child processes (the bundled tesseract, xdg-open behind "open the log folder") must not inherit
a library search path that points into the bundle or, worse, contains an empty entry (= the
current directory, e.g. ~/Downloads, searched for libc by every child). Two things add one:

* the PyInstaller bootloader may set LD_LIBRARY_PATH, keeping the user's value in
  LD_LIBRARY_PATH_ORIG;
* OpenCV's loader (cv2/__init__.py) prepends ``<bundle>/lib64:`` when cv2 is first imported,
  which in the app happens lazily, long after start-up.

This hook puts the user's value back now and again right after cv2 has been imported. Our own
process is unaffected: the dynamic loader read its search path at start-up, and the bundle's
libraries are found through their RPATHs.
"""

import os
import sys


def _restore_library_path() -> None:
    original = os.environ.get("LD_LIBRARY_PATH_ORIG")
    if original:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)


class _RestoringLoader:
    """Delegates to the real loader; restores the library path once the module has run."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        try:
            self._inner.exec_module(module)
        finally:
            _restore_library_path()


class _AfterOpenCV:
    """A meta-path finder that only wraps cv2's loader, then steps aside."""

    def find_spec(self, name, path=None, target=None):
        if name != "cv2":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _RestoringLoader(spec.loader)
        return spec


if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
    _restore_library_path()
    sys.meta_path.insert(0, _AfterOpenCV())

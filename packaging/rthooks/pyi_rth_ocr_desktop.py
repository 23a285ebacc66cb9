"""Runtime hook of the frozen OCR Desktop, run before the app's own code.

Child processes (the bundled tesseract, xdg-open behind "open the log folder", a browser for
links) must not inherit a library search path that points into the bundle: a system program
loading our copies of libstdc++/ICU/OpenSSL can crash. The bootloader keeps the user's original
value in ``LD_LIBRARY_PATH_ORIG``; put it back for everything started from now on. Our own
process is not affected: the dynamic loader read its search path at start-up.
"""

import os
import sys

if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
    for _var in ("LD_LIBRARY_PATH",):
        _orig = os.environ.get(_var + "_ORIG")
        if _orig is not None:
            os.environ[_var] = _orig
        elif os.environ.get(_var, "").startswith(getattr(sys, "_MEIPASS", "\0")):
            del os.environ[_var]

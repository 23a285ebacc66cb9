"""The environment for programs we start (Tesseract, a file manager for the log folder).

Inside the PyInstaller bundle the bootloader points Qt and the dynamic loader at the bundle's
own libraries. A child program of the system (a Qt file manager, say) that inherits those
variables may load our Qt plugins and crash, so they are dropped or restored here.
"""

from __future__ import annotations

import os
import sys

_BUNDLE_ONLY = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH")


def child_process_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    if not getattr(sys, "frozen", False):
        return env
    for key in list(env):
        if key in _BUNDLE_ONLY or key.startswith("_PYI"):
            env.pop(key)
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        env["LD_LIBRARY_PATH"] = original
    else:
        env.pop("LD_LIBRARY_PATH", None)
    return env

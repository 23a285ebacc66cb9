"""``python -m ocr_desktop.cli`` works like ``python -m ocr_desktop``."""

import runpy

runpy.run_module("ocr_desktop", run_name="__main__", alter_sys=True)

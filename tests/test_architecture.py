"""The core must stay usable without Qt: importing all of it must not load PySide6."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CODE = """
import importlib, pkgutil, sys
import ocr_desktop.core as core
for mod in pkgutil.walk_packages(core.__path__, 'ocr_desktop.core.'):
    importlib.import_module(mod.name)
import ocr_desktop, ocr_desktop.cli, ocr_desktop.cli.recognize
qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))
print('QT:' + ','.join(qt))
print('COUNT:%d' % len([m for m in sys.modules if m.startswith('ocr_desktop.core')]))
"""


def test_core_and_cli_import_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "QT:\n" in out.stdout, f"Qt was imported by the core: {out.stdout}"
    count = int(out.stdout.split("COUNT:")[1])
    assert count >= 8  # the walk really imported the core's modules


def test_version_is_cheap() -> None:
    """`ocr-desktop --version` must not import numpy, Pillow or Qt."""
    code = (
        "import sys; from ocr_desktop.cli import main; main(['--version']); "
        "print('HEAVY:' + ','.join(m for m in ('numpy', 'PIL', 'cv2', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code + "\n"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "ocr-desktop 0." in out.stdout
    assert "HEAVY:\n" in out.stdout, out.stdout

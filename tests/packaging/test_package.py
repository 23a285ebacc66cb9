"""Build the double-click app with PyInstaller and check it (issue 7).

Runs when ``CI=true`` or ``OCR_DESKTOP_TEST_PACKAGE=1``; skipped otherwise because it takes a few
minutes. It runs ``packaging/build.sh`` (what ``make package`` runs: stage Tesseract, licences,
PyInstaller, then the checks of packaging/check_bundle.py on dist/ocr-desktop and on the .tar.gz
unpacked into a path with spaces), then repeats the key checks itself so a failure names its cause.
Writes build/ and dist/ of this checkout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dist" / "ocr-desktop"
EXE = APP / "ocr-desktop"
EXPECTED = "This is a sample with typos."

ENABLED = os.environ.get("CI", "").lower() == "true" or os.environ.get("OCR_DESKTOP_TEST_PACKAGE") == "1"

pytestmark = [
    pytest.mark.package,
    pytest.mark.slow,
    pytest.mark.skipif(not ENABLED, reason="builds the app (minutes): set CI=true or OCR_DESKTOP_TEST_PACKAGE=1"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the packaging test runs on Linux"),
]


@pytest.fixture(scope="module")
def build() -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "OCR_DESKTOP_SELFTEST_OPTIONAL"}
    env.update(PYTHON=sys.executable, OCR_DESKTOP_LAUNCH_RUNS="1")
    env.pop("QT_QPA_PLATFORM", None)  # the checks set their own environment
    proc = subprocess.run(["bash", "packaging/build.sh"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=1500)
    print(proc.stdout[-6000:], proc.stderr[-4000:], sep="\n")
    return proc


def _empty_env(tmp_path: Path) -> dict[str, str]:
    """``env -i HOME=... PATH=/nonexistent QT_QPA_PLATFORM=offscreen``."""
    return {"HOME": str(tmp_path), "PATH": "/nonexistent", "QT_QPA_PLATFORM": "offscreen"}


@pytest.mark.timeout(1600)
def test_make_package_builds_and_its_checks_pass(build: subprocess.CompletedProcess[str]) -> None:
    assert build.returncode == 0, f"packaging/build.sh failed:\n{build.stdout[-3000:]}\n{build.stderr[-3000:]}"
    assert EXE.is_file()
    assert "ALL PASSED" in build.stdout


@pytest.mark.timeout(300)
def test_self_test_passes_without_environment(build: subprocess.CompletedProcess[str], tmp_path: Path) -> None:
    if not EXE.is_file():
        pytest.fail("no bundle was built")
    proc = subprocess.run([str(EXE), "--self-test"], env=_empty_env(tmp_path), capture_output=True, text=True,
                          timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"enhanced:  {EXPECTED}" in proc.stdout
    assert "/_internal/tesseract/bin/tesseract" in proc.stdout, "the self-test did not use the bundled tesseract"


@pytest.mark.timeout(120)
def test_bundled_tesseract_finds_its_libraries_inside(build: subprocess.CompletedProcess[str]) -> None:
    tess = APP / "_internal" / "tesseract" / "bin" / "tesseract"
    if not tess.is_file():
        pytest.fail("no bundle was built")
    out = subprocess.run(["ldd", str(tess)], env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True).stdout
    assert "not found" not in out, out
    for lib in ("libtesseract", "liblept"):
        m = re.search(rf"^\s*{lib}\S*\s+=>\s+(\S+)", out, re.MULTILINE)
        assert m and Path(m.group(1)).resolve().is_relative_to(APP.resolve()), out
    tessdata = APP / "_internal" / "tesseract" / "tessdata"
    assert (tessdata / "eng.traineddata").is_file() and (tessdata / "osd.traineddata").is_file()


def test_bundle_ships_licences_and_resources(build: subprocess.CompletedProcess[str]) -> None:
    inner = APP / "_internal"
    if not inner.is_dir():
        pytest.fail("no bundle was built")
    readme = (inner / "licenses" / "README.txt").read_text()
    for component in ("PySide6", "numpy", "opencv", "pillow", "pypdfium2", "pyspellchecker", "libtesseract5",
                      "liblept5", "Python"):
        assert component.lower() in readme.lower(), component
    assert (inner / "resources" / "samples" / "sample_with_typos.png").is_file()
    assert list((inner / "spellchecker" / "resources").glob("en.json.gz"))
    assert (APP / "ocr-desktop.desktop").is_file() and (APP / "install-desktop-entry.sh").is_file()

"""Collect the licence texts of everything the bundle ships into one folder.

Texts are copied from the build machine, never typed in: Python packages' dist-info
(``licenses/``, LICENSE, COPYING ...), the Python runtime's LICENSE.txt and, on Debian/Ubuntu,
``/usr/share/doc/<package>/copyright`` of every package the staged Tesseract files came from.
``licenses/README.txt`` lists each component, its licence and the files.

Usage: ``python packaging/collect_licenses.py --out build/stage/licenses --tesseract-stage build/stage/tesseract``
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# (distribution, what it is in the bundle, licence as declared upstream)
PYTHON_DISTS = [
    ("pyside6_essentials", "Qt 6 (QtCore, QtGui, QtWidgets, platform plugins) and PySide6", "LGPL-3.0-only"),
    ("shiboken6", "Shiboken6, PySide6's binding runtime", "LGPL-3.0-only"),
    ("numpy", "NumPy (with OpenBLAS, libgfortran, libquadmath)", "BSD-3-Clause and bundled-library licences"),
    ("opencv-python-headless", "OpenCV (with FFmpeg, OpenBLAS, libpng, libavif ...)", "Apache-2.0 and third-party"),
    ("pillow", "Pillow (with libjpeg-turbo, libpng, libtiff, libwebp, zlib, freetype ...)", "MIT-CMU (HPND)"),
    ("pypdfium2", "pypdfium2 and PDFium", "Apache-2.0 / BSD-3-Clause"),
    ("pyspellchecker", "pyspellchecker and its word lists", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("rapidfuzz", "RapidFuzz (edit distances for the corrector's wide search)", "MIT"),
    ("pyinstaller", "PyInstaller bootloader", "GPL-2.0-or-later with the bootloader exception"),
]
LICENSE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|COPYRIGHT|AUTHORS)", re.IGNORECASE)
COMMON_LICENSES = Path("/usr/share/common-licenses")


def log(msg: str) -> None:
    print(f"[licences] {msg}", flush=True)


def dist_licence_files(dist: md.Distribution) -> list[tuple[Path, str]]:
    """(source file, name relative to the dist-info) for every licence-looking file of a dist."""
    found = []
    for f in dist.files or []:
        parts = Path(str(f)).parts
        in_dist_info = parts and parts[0].endswith(".dist-info")
        if (in_dist_info and ("licenses" in parts or LICENSE_NAME.search(parts[-1]))) or (
            not in_dist_info and LICENSE_NAME.search(parts[-1]) and parts[-1].endswith((".txt", ".md", ""))
            and not parts[-1].endswith((".py", ".pyc", ".pyi"))
        ):
            src = Path(dist.locate_file(f))
            if src.is_file():
                rel = Path(*parts[1:]) if in_dist_info else Path(*parts)
                if rel.parts and rel.parts[0] == "licenses":
                    rel = Path(*rel.parts[1:])
                found.append((src, str(rel)))
    return found


def collect_python(out: Path, manifest: list[str]) -> None:
    for name, what, licence in PYTHON_DISTS:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            log(f"warning: {name} is not installed; skipped")
            continue
        dest = out / "python" / f"{dist.metadata['Name']}-{dist.version}"
        files = dist_licence_files(dist)
        for src, rel in files:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / rel)
        if not files and licence.startswith("LGPL-3.0"):
            # the PySide6/shiboken6 wheels carry no text; the LGPL v3 builds on the GPL v3, ship both
            for text in ("LGPL-3", "GPL-3"):
                if (COMMON_LICENSES / text).is_file():
                    dest.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(COMMON_LICENSES / text, dest / f"{text}.txt")
                    files.append((COMMON_LICENSES / text, f"{text}.txt"))
        if not files:
            log(f"warning: no licence text found for {name}")
        rel_files = ", ".join(sorted(str((dest / r).relative_to(out)) for _, r in files)) or "(none found)"
        manifest.append(f"{dist.metadata['Name']} {dist.version}: {what}\n  licence: {licence}\n  texts: {rel_files}")

    lic = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "LICENSE.txt"
    if not lic.is_file():
        lic = Path(sys.base_prefix) / "LICENSE.txt"  # Windows layout
    if lic.is_file():
        (out / "python").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lic, out / "python" / "Python-LICENSE.txt")
        manifest.append(f"Python {sys.version.split()[0]}: the interpreter and standard library\n"
                        "  licence: PSF-2.0\n  texts: python/Python-LICENSE.txt")


def _dpkg_package_of(path: Path) -> str | None:
    out = subprocess.run(["dpkg", "-S", path.name], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        pkg, _, owned = line.partition(": ")
        if owned.strip().endswith("/" + path.name):
            return pkg.split(":")[0].split(",")[0].strip()
    return None


def collect_tesseract(stage: Path, out: Path, manifest: list[str]) -> None:
    stubs_note = stage / "lib" / "STUBS.txt"
    stubs = set(re.findall(r"^\s+(\S+)", stubs_note.read_text(), re.MULTILINE)) if stubs_note.is_file() else set()
    files = [f for f in stage.rglob("*") if f.is_file() and f.name not in stubs and (
        f.suffix == ".traineddata" or ("lib" in f.parts and ".so" in f.name) or "bin" in f.parts)]
    if stubs:
        manifest.append(f"Stubs written for this bundle (no third-party code): {', '.join(sorted(stubs))}\n"
                        "  see tesseract/lib/STUBS.txt")
    if shutil.which("dpkg") and Path("/usr/share/doc").is_dir():
        packages: dict[str, list[str]] = {}
        for f in files:
            pkg = _dpkg_package_of(f)
            if pkg is None:
                log(f"warning: no Debian package owns {f.name}")
                continue
            packages.setdefault(pkg, []).append(f.name)
        for pkg, names in sorted(packages.items()):
            src = Path("/usr/share/doc") / pkg / "copyright"
            if not src.is_file():
                log(f"warning: {src} not found")
                continue
            (out / "tesseract").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, out / "tesseract" / f"{pkg}.copyright")
            version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True).stdout
            manifest.append(f"{pkg} {version} (Debian): {', '.join(sorted(names))}\n"
                            f"  texts: tesseract/{pkg}.copyright")
        return
    # macOS (Homebrew) / Windows: the licence files that come with the Tesseract install
    exe = next((f for f in stage.glob("bin/tesseract*")), None)
    roots = []
    if sys.platform == "win32":
        roots = [Path(r"C:\Program Files\Tesseract-OCR")]
    elif sys.platform == "darwin":
        roots = [Path(p) for p in ("/opt/homebrew/opt", "/usr/local/opt")]
    copied = []
    for root in roots:
        if not root.is_dir():
            continue
        for f in root.rglob("*"):
            if f.is_file() and LICENSE_NAME.search(f.name) and f.stat().st_size < 2_000_000 and len(f.parts) < 12:
                rel = f.relative_to(root)
                dest = out / "tesseract" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
                copied.append(str(Path("tesseract") / rel))
    manifest.append(f"Tesseract ({exe}) and its libraries\n  licence: Apache-2.0 (Tesseract), BSD-2-Clause (Leptonica),"
                    f" others per file\n  texts: {', '.join(copied) or 'NOT FOUND - add them by hand'}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--tesseract-stage", required=True)
    args = p.parse_args(argv)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    manifest: list[str] = []
    own = next((REPO / n for n in ("LICENSE", "LICENSE.txt", "COPYING") if (REPO / n).is_file()), None)
    if own:
        shutil.copyfile(own, out / "OCR-Desktop-LICENSE.txt")
        manifest.append("OCR Desktop itself\n  licence: GPL-3.0-or-later\n  texts: OCR-Desktop-LICENSE.txt")
    elif (COMMON_LICENSES / "GPL-3").is_file():
        shutil.copyfile(COMMON_LICENSES / "GPL-3", out / "OCR-Desktop-LICENSE.txt")
        manifest.append("OCR Desktop itself\n  licence: GPL-3.0-or-later\n  texts: OCR-Desktop-LICENSE.txt")
    collect_python(out, manifest)
    collect_tesseract(Path(args.tesseract_stage), out, manifest)
    header = (
        "Licences of OCR Desktop and of the software bundled with it.\n"
        "Qt and PySide6 are used under the LGPL v3: their libraries are separate files in this folder\n"
        "(PySide6/Qt/lib), so you can replace them with your own builds of the same version.\n"
        "Source code: Qt https://download.qt.io/official_releases/qt/ ,\n"
        "PySide6 https://code.qt.io/pyside/pyside-setup , Tesseract https://github.com/tesseract-ocr/tesseract ,\n"
        "Debian packages: https://sources.debian.org/\n\n"
    )
    (out / "README.txt").write_text(header + "\n\n".join(manifest) + "\n", encoding="utf-8")
    count = sum(1 for f in out.rglob("*") if f.is_file())
    log(f"{count} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

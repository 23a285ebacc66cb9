"""Copy Tesseract, the shared libraries it needs and the chosen tessdata into a staging folder.

The result is the layout ``ocr_desktop.core.engine.discovery`` looks for inside the bundle::

    <out>/tesseract/bin/tesseract[.exe]
    <out>/tesseract/lib/*.so*          (Linux; macOS: *.dylib; Windows: the DLLs sit in bin/)
    <out>/tesseract/tessdata/{eng,osd,...}.traineddata, configs/, tessconfigs/

Linux: every library ``ldd`` resolves is copied except the C library family (libc, libm, ld.so,
libpthread, ...), which must come from the system, and the executable gets
``DT_RPATH=$ORIGIN/../lib`` with ``patchelf --force-rpath`` — an RPATH (not RUNPATH) also applies
to the libraries' own dependencies, so ``ldd`` resolves everything inside the bundle.

macOS (Homebrew): the dylibs ``otool -L`` lists outside /usr/lib and /System are copied and
their install names rewritten to ``@loader_path``-relative ones, then ad-hoc signed.

Windows (the UB Mannheim installer): tesseract.exe and every DLL of its folder go to bin/.

Usage: ``python packaging/stage_tesseract.py --out build/stage --langs "eng osd"``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import elfstubs  # packaging/elfstubs.py, beside this script

# glibc's own libraries: always taken from the running system (bundling them breaks more than it fixes)
LINUX_SYSTEM_LIBS = re.compile(
    r"^(ld-linux.*|linux-vdso.*|libc\.so.*|libm\.so.*|libdl\.so.*|libpthread\.so.*|librt\.so.*|libutil\.so.*"
    r"|libresolv\.so.*|libanl\.so.*|libnsl\.so.*|libcrypt\.so.*|libnss_.*|libmvec\.so.*)$"
)
EXE = "tesseract.exe" if sys.platform == "win32" else "tesseract"


def log(msg: str) -> None:
    print(f"[stage-tesseract] {msg}", flush=True)


def find_tesseract(explicit: str | None) -> Path:
    candidates = [explicit, os.environ.get("TESSERACT_CMD"), shutil.which("tesseract")]
    if sys.platform == "win32":
        candidates += [
            r"C:\Program Files\Tesseract-OCR\tesseract.exe",
            r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe",
        ]
    elif sys.platform == "darwin":
        candidates += ["/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract"]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c).resolve()
    sys.exit("stage-tesseract: no tesseract found; install it or pass --tesseract PATH")


def find_tessdata(exe: Path, explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    if os.environ.get("TESSDATA_PREFIX") and Path(os.environ["TESSDATA_PREFIX"]).is_dir():
        return Path(os.environ["TESSDATA_PREFIX"])
    out = subprocess.run([str(exe), "--list-langs"], capture_output=True, text=True, timeout=30)
    # first line: List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (4):
    m = re.search(r'"([^"]+)"', out.stdout + out.stderr)
    if m and Path(m.group(1)).is_dir():
        return Path(m.group(1))
    for guess in (exe.parent / "tessdata", exe.parent.parent / "share" / "tessdata"):
        if guess.is_dir():
            return guess
    sys.exit("stage-tesseract: cannot find tessdata; pass --tessdata DIR")


def copy_tessdata(src: Path, dest: Path, langs: list[str]) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    missing = [lang for lang in langs if not (src / f"{lang}.traineddata").is_file()]
    if missing:
        sys.exit(f"stage-tesseract: language data missing in {src}: {', '.join(missing)} "
                 f"(Debian: apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})")
    for lang in langs:
        shutil.copy2(src / f"{lang}.traineddata", dest)
    # output configs (tsv, hocr, txt...) are looked up by name in tessdata/configs
    for sub in ("configs", "tessconfigs"):
        if (src / sub).is_dir():
            shutil.copytree(src / sub, dest / sub, dirs_exist_ok=True)
    log(f"tessdata from {src}: {', '.join(langs)}")


def stage_linux(exe: Path, root: Path) -> None:
    bindir, libdir = root / "bin", root / "lib"
    bindir.mkdir(parents=True)
    libdir.mkdir(parents=True)
    target = bindir / EXE
    shutil.copy2(exe, target)
    out = subprocess.run(["ldd", str(exe)], capture_output=True, text=True, check=True).stdout
    copied = 0
    for line in out.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+(\S+)", line)
        if not m:
            continue
        name, path = m.groups()
        if path == "not" or not Path(path).is_file():
            sys.exit(f"stage-tesseract: {exe} needs {name}, which is not found on this machine")
        if LINUX_SYSTEM_LIBS.match(name):
            continue
        # copy under the SONAME the loader asks for, following symlinks
        shutil.copyfile(path, libdir / name)
        os.chmod(libdir / name, 0o755)
        copied += 1
    patchelf = shutil.which("patchelf")
    if not patchelf:
        sys.exit("stage-tesseract: patchelf is required (apt-get install patchelf)")
    subprocess.run([patchelf, "--force-rpath", "--set-rpath", "$ORIGIN/../lib", str(target)], check=True)
    # a library with its own RUNPATH would stop the executable's RPATH from applying to its deps
    for lib in libdir.iterdir():
        dyn = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True).stdout
        if "(RUNPATH)" in dyn or "(RPATH)" in dyn:
            subprocess.run([patchelf, "--force-rpath", "--set-rpath", "$ORIGIN", str(lib)], check=True)
    os.chmod(target, 0o755)
    log(f"{exe} + {copied} libraries, rpath $ORIGIN/../lib")


# Libraries Tesseract links but the app never exercises: libcurl (only for image URLs given on
# the command line) and libarchive (only for traineddata packed in an archive; plain files are
# read without it). Their dependency chains (GnuTLS, Kerberos, LDAP, libxml2, ICU 72 ...) are
# ~50 MB. Each is replaced by a stub with the same SONAME whose functions return 0 (NULL):
# curl_easy_init() == NULL makes Tesseract report that URLs are unsupported, and
# archive_read_new() == NULL makes it fall back to reading the plain file.
STUBBABLE = ("libcurl.so.4", "libarchive.so.13")


def stub_unused_libraries(root: Path) -> None:
    bindir, libdir = root / "bin", root / "lib"
    if not elfstubs.available():
        log("no C compiler/binutils: libcurl/libarchive stay as they are (bundle ~50 MB larger)")
        return
    users = [bindir / EXE, *libdir.iterdir()]
    stubbed = []
    for soname in STUBBABLE:
        real = libdir / soname
        if not real.is_file():
            continue
        stub = libdir.parent / soname
        count = elfstubs.make_stub(real, [u for u in users if u != real], stub, mode="null")
        shutil.move(stub, real)
        stubbed.append(f"{soname} ({count} symbols)")
    # drop what nothing needs any more
    keep, todo = set(), [bindir / EXE]
    while todo:
        for name in elfstubs.needed(todo.pop()):
            if name not in keep and (libdir / name).is_file():
                keep.add(name)
                todo.append(libdir / name)
    removed = [lib.name for lib in libdir.iterdir() if lib.name not in keep]
    for name in removed:
        (libdir / name).unlink()
    (libdir / "STUBS.txt").write_text(
        "These libraries are stubs built from no source but their symbol list (see packaging/stage_tesseract.py):\n"
        + "".join(f"  {s}\n" for s in stubbed))
    log(f"stubbed {', '.join(stubbed)}; {len(removed)} libraries no longer needed: {' '.join(sorted(removed))}")


def _otool_deps(path: Path) -> list[str]:
    out = subprocess.run(["otool", "-L", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines()[1:] if line.strip()]


def stage_macos(exe: Path, root: Path) -> None:
    bindir, libdir = root / "bin", root / "lib"
    bindir.mkdir(parents=True)
    libdir.mkdir(parents=True)
    target = bindir / EXE
    shutil.copy2(exe, target)
    os.chmod(target, 0o755)
    todo, seen = [(exe, target)], set()
    while todo:
        original, staged = todo.pop()
        for dep in _otool_deps(original):
            if dep.startswith(("/usr/lib/", "/System/")):
                continue
            resolved = Path(dep.replace("@loader_path", str(original.parent)).replace("@rpath", str(original.parent)))
            resolved = resolved.resolve()
            name = Path(dep).name
            if resolved.name == original.name and staged.parent == libdir:
                continue  # its own install name
            new_ref = "@executable_path/../lib/" + name if staged == target else "@loader_path/" + name
            subprocess.run(["install_name_tool", "-change", dep, new_ref, str(staged)], check=True)
            if name not in seen:
                seen.add(name)
                dest = libdir / name
                shutil.copyfile(resolved, dest)
                os.chmod(dest, 0o755)
                subprocess.run(["install_name_tool", "-id", "@loader_path/" + name, str(dest)], check=True)
                todo.append((resolved, dest))
    for f in [target, *libdir.iterdir()]:
        subprocess.run(["codesign", "--force", "--sign", "-", str(f)], check=True)
    log(f"{exe} + {len(seen)} dylibs, install names rewritten, ad-hoc signed")


def stage_windows(exe: Path, root: Path) -> None:
    bindir = root / "bin"
    bindir.mkdir(parents=True)
    shutil.copy2(exe, bindir / EXE)
    dlls = list(exe.parent.glob("*.dll"))
    for dll in dlls:
        shutil.copy2(dll, bindir)
    log(f"{exe} + {len(dlls)} DLLs from its folder")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="staging folder; <out>/tesseract is (re)created")
    p.add_argument("--langs", default=os.environ.get("OCR_DESKTOP_LANGS", "eng osd"),
                   help="space- or plus-separated language codes (default: $OCR_DESKTOP_LANGS or 'eng osd')")
    p.add_argument("--tesseract", help="the tesseract executable to bundle")
    p.add_argument("--tessdata", help="the folder with *.traineddata")
    p.add_argument("--no-stubs", dest="stubs", action="store_false",
                   help="Linux: bundle the real libcurl/libarchive instead of stubs (~50 MB more)")
    args = p.parse_args(argv)
    if os.environ.get("OCR_DESKTOP_TESSERACT_STUBS") == "0":
        args.stubs = False

    langs = [lang for lang in re.split(r"[\s+,]+", args.langs) if lang]
    for required in ("eng", "osd"):
        if required not in langs:
            langs.append(required)
    root = Path(args.out) / "tesseract"
    if root.exists():
        shutil.rmtree(root)
    exe = find_tesseract(args.tesseract)
    tessdata = find_tessdata(exe, args.tessdata)
    if sys.platform.startswith("linux"):
        stage_linux(exe, root)
        if args.stubs:
            stub_unused_libraries(root)
    elif sys.platform == "darwin":
        stage_macos(exe, root)
    elif sys.platform == "win32":
        stage_windows(exe, root)
    else:
        sys.exit(f"stage-tesseract: unsupported platform {sys.platform}")
    copy_tessdata(tessdata, root / "tessdata", langs)
    # a quick proof that the staged copy runs on its own
    env = {**os.environ, "TESSDATA_PREFIX": str(root / "tessdata")}
    env.pop("LD_LIBRARY_PATH", None)
    out = subprocess.run([str(root / "bin" / EXE), "--list-langs"], capture_output=True, text=True, env=env, timeout=30)
    if out.returncode != 0:
        sys.exit(f"stage-tesseract: the staged tesseract does not run:\n{out.stdout}{out.stderr}")
    log("staged tesseract runs; languages: " + " ".join(out.stdout.split()[-len(langs):]))
    sample = Path(__file__).resolve().parent.parent / "resources" / "samples" / "sample_with_typos.png"
    if sample.is_file():
        env["OMP_THREAD_LIMIT"] = "1"
        ocr = subprocess.run([str(root / "bin" / EXE), str(sample), "-", "--psm", "6"], capture_output=True, text=True,
                             env=env, timeout=120)
        if ocr.returncode != 0 or not ocr.stdout.strip():
            sys.exit(f"stage-tesseract: the staged tesseract cannot read the sample:\n{ocr.stdout}{ocr.stderr}")
        log(f"staged tesseract reads the sample: {ocr.stdout.strip()!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
